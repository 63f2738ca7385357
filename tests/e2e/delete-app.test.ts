// deleteApp through the public contract: an id that names no app (malformed, hostile, unknown,
// or already deleted) answers NOT_FOUND and touches nothing; a real deletion takes the app's
// redeploy schedules with it (in Temporal too), and its containers, network, images and route,
// and leaves every other app as it was.
import { ScheduleNotFoundError, type Client } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BASE_IMAGE } from '../helpers/base-image.js';
import { containersOfApp, docker } from '../helpers/docker.js';
import { busyboxApp, FixtureRepo } from '../helpers/fixture-repo.js';
import { createApp, deploy, gql, gqlRaw, viaEdge, waitForDeployment } from '../helpers/graphql.js';
import { connectTemporal } from '../helpers/temporal.js';

const deleteApp = (id: string) => gqlRaw(`mutation($id: ID!) { deleteApp(id: $id) }`, { id });
const appWithSchedules = async (id: string) =>
  (await gql(`query($id: ID!) { app(id: $id) { id name redeploySchedules { id } } }`, { id })).app as {
    id: string;
    name: string;
    redeploySchedules: { id: string }[];
  } | null;
const imagesOfApp = (appId: string) => docker.listImages({ filters: { label: [`dev.paas.app=${appId}`] } });
const createSchedule = async (appId: string) =>
  (await gql(`mutation($id: ID!) { createRedeploySchedule(appId: $id, cron: "0 3 * * 1") { id } }`, { id: appId })).createRedeploySchedule.id as string;

describe('deleteApp', () => {
  const repo = new FixtureRepo();
  const appIds: string[] = [];
  let temporal: Client;
  let closeTemporal: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    repo.commit(busyboxApp({ body: 'delete me\n' }));
    ({ client: temporal, close: closeTemporal } = await connectTemporal());
  });

  afterAll(async () => {
    for (const id of appIds) await deleteApp(id).catch(() => undefined);
    await closeTemporal?.();
    repo.remove();
  });

  it('answers NOT_FOUND for an id that names no app, and leaves the other apps and their schedules alone', async () => {
    const bystander = (await createApp({ name: 'delete-bystander', gitUrl: repo.url })).id;
    appIds.push(bystander);
    const scheduleId = await createSchedule(bystander);
    const hostile = [
      'not-a-uuid',
      "'; DELETE FROM apps; --",
      '%',
      '*',
      '00000000-0000-0000-0000-000000000000',
      'x'.repeat(10_000),
      `${bystander} `,
      bystander.toUpperCase().replace(/-/g, ''),
    ];
    for (const id of hostile) {
      const r = await deleteApp(id);
      expect(r.errors?.[0]?.extensions?.code, id.slice(0, 40)).toBe('NOT_FOUND');
      expect(r.data?.deleteApp ?? null).toBeNull();
    }
    expect(await appWithSchedules(bystander)).toEqual({ id: bystander, name: 'delete-bystander', redeploySchedules: [{ id: scheduleId }] });
    expect((await temporal.schedule.getHandle(scheduleId).describe()).scheduleId).toBe(scheduleId);
  });

  it('takes the app’s schedules with it (in Temporal too), answers NOT_FOUND the second time, and spares the other apps', async () => {
    const doomed = (await createApp({ name: 'delete-doomed', gitUrl: repo.url })).id;
    appIds.push(doomed);
    const other = (await createApp({ name: 'delete-other', gitUrl: repo.url })).id;
    appIds.push(other);
    const doomedSchedules = [await createSchedule(doomed), await createSchedule(doomed)];
    const otherSchedule = await createSchedule(other);

    expect(await deleteApp(doomed)).toMatchObject({ status: 200, data: { deleteApp: true } });
    expect(await appWithSchedules(doomed)).toBeNull();
    for (const id of doomedSchedules) await expect(temporal.schedule.getHandle(id).describe()).rejects.toBeInstanceOf(ScheduleNotFoundError);
    expect((await deleteApp(doomed)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    expect(await appWithSchedules(other)).toEqual({ id: other, name: 'delete-other', redeploySchedules: [{ id: otherSchedule }] });
    expect((await temporal.schedule.getHandle(otherSchedule).describe()).scheduleId).toBe(otherSchedule);
  });

  it('takes a live app’s containers, network, images and route with it, and nothing that is not the app’s', async () => {
    const app = await createApp({ name: 'delete-live', gitUrl: repo.url, healthCheckPath: '/cgi-bin/health' });
    appIds.push(app.id);
    expect((await waitForDeployment((await deploy(app.id)).id)).status).toBe('LIVE');
    expect((await viaEdge('delete-live')).body).toBe('delete me\n');
    expect((await imagesOfApp(app.id)).length).toBeGreaterThan(0);
    const network = `paas-app-delete-live`;
    expect((await docker.listNetworks({ filters: { name: [network] } })).map((n) => n.Name)).toContain(network);

    expect(await deleteApp(app.id)).toMatchObject({ status: 200, data: { deleteApp: true } });
    expect(await containersOfApp(app.id)).toEqual([]);
    expect(await imagesOfApp(app.id)).toEqual([]);
    expect((await docker.listNetworks({ filters: { name: [network] } })).map((n) => n.Name)).not.toContain(network);
    expect((await viaEdge('delete-live')).status).toBe(404);
    // the base image the app was built FROM is not the app's: it stays
    expect((await docker.getImage(TEST_BASE_IMAGE).inspect()).RepoTags).toContain(TEST_BASE_IMAGE);
  });
});
