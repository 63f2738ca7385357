// The deployment repository against real PostgreSQL (a scratch database): the status rules of
// @paas/contracts hold in its SQL, a final status is never undone, QUEUED snapshots and
// rollbacks copy what they should, and hostile values are stored as data, never run.
import { DEPLOYMENT_STATUSES, FINAL_STATUSES, type DeploymentStatus } from '@paas/contracts';
import { Database, listenToProjection, type LogNotice } from '@paas/db';
import { randomUUID } from 'node:crypto';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useScratchDatabase } from '../helpers/scratch-database.js';
import { until } from '../helpers/wait.js';

const scratch = useScratchDatabase('paas_deployment_repo', 4);
let db: Database;

const HOSTILE = `'); DROP TABLE deployments; --`;

async function newApp(name = `app-${randomUUID().slice(0, 8)}`, gitToken: string | null = null): Promise<string> {
  const id = await db.transaction((tx) =>
    tx.apps.insert(
      {
        name,
        kind: 'SERVICE',
        runtime: 'DOCKER',
        gitUrl: 'https://example.com/r.git',
        gitToken,
        branch: 'main',
        rootDirectory: '.',
        dockerfilePath: 'Dockerfile',
        port: 8080,
        healthCheckPath: '/',
      },
      [
        { key: 'PLAIN', value: 'plain-value', secret: false },
        { key: 'TOKEN', value: 'secret-now', secret: true },
      ],
    ),
  );
  if (!id) throw new Error('app name taken');
  return id;
}

async function queued(appId: string): Promise<string> {
  const id = randomUUID();
  expect(await db.transaction((tx) => tx.deployments.insertQueued({ id, appId, trigger: 'MANUAL', requestedSha: null }))).toBe(true);
  return id;
}

async function withStatus(appId: string, status: DeploymentStatus, fields: { imageRef?: string; finishedAt?: Date } = {}): Promise<string> {
  const id = await queued(appId);
  await scratch().query(`UPDATE deployments SET status = $2, image_ref = $3, finished_at = $4 WHERE id = $1`, [
    id,
    status,
    fields.imageRef ?? null,
    fields.finishedAt ?? null,
  ]);
  return id;
}

beforeAll(() => {
  db = new Database(scratch());
});

beforeEach(async () => {
  await scratch().query(`DELETE FROM apps`);
});

describe('status rules in SQL', () => {
  it('counts as unfinished exactly the statuses @paas/contracts does not call final', async () => {
    const app = await newApp();
    for (const s of DEPLOYMENT_STATUSES) await withStatus(app, s);
    const unfinished = await db.deployments.unfinished(app);
    expect(unfinished.map((d) => d.status).sort()).toEqual(DEPLOYMENT_STATUSES.filter((s) => !FINAL_STATUSES.includes(s)).sort());
    expect(await db.deployments.countUnfinished(app)).toBe(unfinished.length);
  });

  it('never moves a final deployment to another status, whatever a retried or late write says', async () => {
    const app = await newApp();
    for (const final of FINAL_STATUSES) {
      const id = await withStatus(app, final);
      await db.deployments.update(id, { status: 'BUILDING', error: 'late', finished: true });
      await db.deployments.advanceStatus(id, 'VERIFYING');
      const d = (await db.deployments.find(id))!;
      expect(d.status, `a ${final} deployment was changed`).toBe(final);
      expect(d.error).toBeNull();
    }
  });

  it('moves an unfinished deployment, keeps absent fields and sets finished_at once', async () => {
    const app = await newApp();
    const id = await queued(app);
    await db.deployments.advanceStatus(id, 'BUILDING');
    await db.deployments.update(id, { commitSha: 'a'.repeat(40) });
    await db.deployments.update(id, { status: 'FAILED', error: 'BUILD failed', finished: true });
    const first = (await db.deployments.find(id))!;
    expect(first).toMatchObject({ status: 'FAILED', error: 'BUILD failed', commitSha: 'a'.repeat(40) });
    expect(first.finishedAt).toBeInstanceOf(Date);
    // fields without a status change still land on a final deployment (the release it made, say)
    await db.deployments.update(id, { imageRef: 'reg/app@sha256:1', finished: true });
    const second = (await db.deployments.find(id))!;
    expect(second.imageRef).toBe('reg/app@sha256:1');
    expect(second.finishedAt).toEqual(first.finishedAt);
  });
});

describe('recording deployments', () => {
  it('snapshots the app settings and env vars (secrets included, readable only on request) into a QUEUED deployment', async () => {
    const app = await newApp('snap');
    const id = await queued(app);
    const d = (await db.deployments.find(id))!;
    expect(d).toMatchObject({ status: 'QUEUED', trigger: 'MANUAL', workflowId: `deploy-${id}`, config: { appName: 'snap', branch: 'main', port: 8080 } });
    expect(d.envSnapshot).toBeUndefined();
    expect(await db.deployments.envSnapshot(id)).toEqual(expect.arrayContaining([{ key: 'TOKEN', value: 'secret-now', secret: true }]));
  });

  it('refuses a deployment of an app that does not exist and leaves no row behind', async () => {
    const id = randomUUID();
    expect(await db.transaction((tx) => tx.deployments.insertQueued({ id, appId: randomUUID(), trigger: 'SCHEDULE', requestedSha: null }))).toBe(false);
    expect(await db.deployments.exists(id)).toBe(false);
  });

  it('rolls back to the newest kept release with its env vars; a pruned one is not offered', async () => {
    const app = await newApp();
    const old = await withStatus(app, 'SUPERSEDED', { imageRef: 'img@1', finishedAt: new Date('2030-01-01') });
    const newer = await withStatus(app, 'SUPERSEDED', { imageRef: 'img@2', finishedAt: new Date('2030-01-02') });
    await withStatus(app, 'LIVE', { imageRef: 'img@3', finishedAt: new Date('2030-01-03') });
    expect((await db.deployments.latestRestorableWithEnv(app))?.id).toBe(newer);
    await db.deployments.markPruned([newer]);
    const target = (await db.deployments.latestRestorableWithEnv(app))!;
    expect(target.id).toBe(old);
    expect(target.envSnapshot).toEqual(expect.arrayContaining([{ key: 'TOKEN', value: 'secret-now', secret: true }]));
    const id = randomUUID();
    await db.transaction((tx) => tx.deployments.insertRollback({ id, source: target }));
    expect(await db.deployments.find(id)).toMatchObject({ status: 'QUEUED', trigger: 'ROLLBACK', sourceDeploymentId: old, imageRef: 'img@1' });
    expect(await db.deployments.envSnapshot(id)).toEqual(target.envSnapshot);
  });

  it('stores hostile values as data: the tables are intact and the value reads back as given', async () => {
    const app = await newApp();
    const id = await queued(app);
    await db.deployments.update(id, { error: HOSTILE, containerName: HOSTILE, status: 'FAILED', finished: true });
    expect((await db.deployments.find(id))!.error).toBe(HOSTILE);
    expect(await db.deployments.find(HOSTILE).catch((e: Error) => e.message)).toMatch(/invalid input syntax for type uuid/);
    expect((await db.deployments.listForApp(app, 10)).length).toBe(1);
  });
});

describe('live releases', () => {
  it('makes one deployment LIVE and the previous one SUPERSEDED, announcing both', async () => {
    const app = await newApp();
    const first = await queued(app);
    const second = await queued(app);
    const seen: string[] = [];
    const listening = await listenToProjection(urlOf(), {
      onDeployment: (id) => seen.push(id),
      onLogs: (_: LogNotice) => undefined,
      onError: () => undefined,
    });
    try {
      await db.deployments.markLive(first, app);
      await db.deployments.markLive(second, app);
      expect((await db.deployments.find(first))!.status).toBe('SUPERSEDED');
      expect(await db.deployments.find(second)).toMatchObject({ status: 'LIVE', runtimeState: 'RUNNING', error: null });
      expect((await db.deployments.live(app))!.id).toBe(second);
      expect(await db.deployments.live(app, second)).toBeNull();
      // the first when it goes live, and again when the second supersedes it
      await until('both deployments announced', () => seen.filter((id) => id === first).length >= 2 && seen.includes(second), 10_000);
    } finally {
      await listening.close();
    }
  });

  it('counts exits of a live release only, and keeps release state on retired ones', async () => {
    const app = await newApp();
    const live = await withStatus(app, 'LIVE');
    const retired = await withStatus(app, 'SUPERSEDED');
    expect(await db.deployments.countReleaseExit(live)).toBe(1);
    expect(await db.deployments.countReleaseExit(live)).toBe(2);
    expect(await db.deployments.countReleaseExit(retired)).toBeNull();
    await db.deployments.setReleaseState(live, 'CRASH_LOOPING');
    await db.deployments.setReleaseState(retired, 'CRASH_LOOPING');
    expect((await db.deployments.find(live))!.runtimeState).toBe('CRASH_LOOPING');
    expect((await db.deployments.find(retired))!.runtimeState).toBeNull();
  });

  it('offers for pruning only releases beyond the newest kept ones, never the live one or a ref a kept one shares', async () => {
    const app = await newApp();
    const day = (n: number) => new Date(Date.UTC(2030, 0, n));
    const r1 = await withStatus(app, 'SUPERSEDED', { imageRef: 'img@1', finishedAt: day(1) });
    await withStatus(app, 'SUPERSEDED', { imageRef: 'img@shared', finishedAt: day(2) });
    await withStatus(app, 'SUPERSEDED', { imageRef: 'img@3', finishedAt: day(3) });
    await withStatus(app, 'SUPERSEDED', { imageRef: 'img@4', finishedAt: day(4) });
    await withStatus(app, 'FAILED', { imageRef: 'img@failed', finishedAt: day(5) });
    await withStatus(app, 'LIVE', { imageRef: 'img@shared', finishedAt: day(6) });
    expect(await db.deployments.prunableReleases(app, 2, 'imageRef')).toEqual([{ ref: 'img@1', deploymentIds: [r1] }]);
    expect(await db.deployments.prunableReleases(app, 10, 'imageRef')).toEqual([]);
    expect(await db.deployments.prunableReleases(app, 2, 'sitePrefix')).toEqual([]);
  });

  it('collects every secret a log must not show: secret env vars now and as snapshotted, and the git credential', async () => {
    const app = await newApp(undefined, 'ghp_token');
    const id = await queued(app);
    await scratch().query(`UPDATE env_vars SET value = 'secret-later' WHERE app_id = $1 AND key = 'TOKEN'`, [app]);
    const values = await db.deployments.secretValues(id);
    expect(values.sort()).toEqual(['ghp_token', 'secret-later', 'secret-now']);
    expect(values).not.toContain('plain-value');
  });
});

/** The scratch database's address (the listener needs a connection of its own). */
function urlOf(): string {
  return (scratch().options as { url: string }).url;
}
