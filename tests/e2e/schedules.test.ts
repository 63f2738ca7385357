// Scheduled redeploys with Temporal Schedules: they fire and deploy the branch head with
// trigger SCHEDULE, never overlap a running deployment, pause and resume, and go with their app.
import { ScheduleNotFoundError, type Client } from '@temporalio/client';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { busyboxApp, FixtureRepo } from '../helpers/fixture-repo.js';
import { createApp, gql, gqlRaw, viaEdge, waitForDeployment } from '../helpers/graphql.js';
import { connectTemporal } from '../helpers/temporal.js';
import { until } from '../helpers/wait.js';

const deploymentsOf = async (appId: string) =>
  (await gql(`query($id: ID!) { app(id: $id) { deployments(limit: 50) { id status trigger } } }`, { id: appId })).app.deployments as {
    id: string;
    status: string;
    trigger: string;
  }[];

describe('scheduled redeploys', () => {
  const repo = new FixtureRepo();
  let appId: string;
  let temporal: Client;
  let closeTemporal: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    repo.commit(busyboxApp({ body: 'scheduled v1\n' }));
    appId = (await createApp({ name: 'sched', gitUrl: repo.url, healthCheckPath: '/cgi-bin/health' })).id;
    ({ client: temporal, close: closeTemporal } = await connectTemporal());
  });

  afterAll(async () => {
    await gql(`mutation($id: ID!) { deleteApp(id: $id) }`, { id: appId }).catch(() => undefined);
    await closeTemporal?.();
    repo.remove();
  });

  it('rejects an invalid cron expression and creates nothing', async () => {
    for (const cron of ['* * *', '61 * * * *', '@every 1s', 'rm -rf /']) {
      const r = await gqlRaw(`mutation($id: ID!, $cron: String!) { createRedeploySchedule(appId: $id, cron: $cron) { id } }`, { id: appId, cron });
      expect(r.errors?.[0]?.extensions?.code, cron).toBe('BAD_USER_INPUT');
    }
    const app = await gql(`query($id: ID!) { app(id: $id) { redeploySchedules { id } } }`, { id: appId });
    expect(app.app.redeploySchedules).toEqual([]);
  });

  it('accepts a standard cron expression and tells when it runs next', async () => {
    const r = await gql(`mutation($id: ID!) { createRedeploySchedule(appId: $id, cron: "0 3 * * 1") { id cron paused nextRunAt } }`, { id: appId });
    expect(r.createRedeploySchedule).toMatchObject({ cron: '0 3 * * 1', paused: false });
    const next = new Date(r.createRedeploySchedule.nextRunAt);
    expect(next.getUTCHours()).toBe(3);
    expect(next.getUTCDay()).toBe(1);
    expect(await gql(`mutation($id: ID!) { deleteRedeploySchedule(id: $id) }`, { id: r.createRedeploySchedule.id })).toEqual({ deleteRedeploySchedule: true });
    await expect(temporal.schedule.getHandle(r.createRedeploySchedule.id).describe()).rejects.toBeInstanceOf(ScheduleNotFoundError);
  });

  it('fires, deploys the branch head with trigger SCHEDULE, never overlaps, pauses, and goes with the app', async () => {
    const created = await gql(`mutation($id: ID!) { createRedeploySchedule(appId: $id, cron: "@every 5s") { id paused nextRunAt } }`, { id: appId });
    const scheduleId = created.createRedeploySchedule.id;
    expect(Date.parse(created.createRedeploySchedule.nextRunAt) - Date.now()).toBeLessThan(6_000);

    // hold the first scheduled deployment after its build, across several firings
    const pause = join(inject('dataDir'), 'faults', `${appId}.BUILD`);
    writeFileSync(pause, '');
    await until('a scheduled deployment to build', () => existsSync(`${pause}.reached`), 30_000);
    await new Promise((r) => setTimeout(r, 11_000)); // two more firings
    const during = await deploymentsOf(appId);
    expect(during.filter((d) => d.trigger === 'SCHEDULE')).toHaveLength(1); // skipped while one runs
    rmSync(pause);
    rmSync(`${pause}.reached`, { force: true });
    const first = await waitForDeployment(during[0].id);
    expect(first).toMatchObject({ status: 'LIVE', trigger: 'SCHEDULE' });
    expect(await viaEdge('sched')).toEqual({ status: 200, body: 'scheduled v1\n' });

    // a new commit is picked up by the next firing
    repo.commit({ 'www/index.html': 'scheduled v2\n' });
    await until('the new commit to be deployed by the schedule', async () => (await viaEdge('sched')).body === 'scheduled v2\n', 40_000);

    // paused: no more deployments
    const paused = await gql(`mutation($id: ID!) { pauseRedeploySchedule(id: $id) { paused nextRunAt } }`, { id: scheduleId });
    expect(paused.pauseRedeploySchedule).toEqual({ paused: true, nextRunAt: null });
    await until(
      'deployments to settle',
      async () => (await deploymentsOf(appId)).every((d) => ['LIVE', 'SUPERSEDED', 'FAILED', 'CANCELLED'].includes(d.status)),
      60_000,
    );
    const before = (await deploymentsOf(appId)).length;
    await new Promise((r) => setTimeout(r, 7_000));
    expect((await deploymentsOf(appId)).length).toBe(before);
    const resumed = await gql(`mutation($id: ID!) { resumeRedeploySchedule(id: $id) { paused } }`, { id: scheduleId });
    expect(resumed.resumeRedeploySchedule.paused).toBe(false);
    const listed = await gql(`query($id: ID!) { app(id: $id) { redeploySchedules { id cron } } }`, { id: appId });
    expect(listed.app.redeploySchedules).toEqual([{ id: scheduleId, cron: '@every 5s' }]);

    // deleting the app deletes its schedule
    await gql(`mutation($id: ID!) { deleteApp(id: $id) }`, { id: appId });
    await expect(temporal.schedule.getHandle(scheduleId).describe()).rejects.toBeInstanceOf(ScheduleNotFoundError);
  });
});
