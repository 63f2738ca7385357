// Pull-request previews against real PostgreSQL: the switch, opening, reopening and closing a
// preview; a preview deployment's snapshot (its name, head, no secrets from a fork); and the app's
// releases kept apart from each preview's (live, markLive, pruning, rollback source), and the
// open previews' memory in the team's usage.
import { generateMasterKeyText, Keyring, parseMasterKey } from '@paas/crypto';
import { Database, useSecretKeyring } from '@paas/db';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useScratchDatabase } from '../helpers/scratch-database.js';

const scratch = useScratchDatabase('paas_previews', 2);
let source: DataSource;
let db: Database;
let appId: string;
let teamId: string;
const sha = (c: string) => c.repeat(40);

beforeAll(() => {
  source = scratch();
  db = new Database(source);
  useSecretKeyring(new Keyring(parseMasterKey(generateMasterKeyText()), []));
});

beforeEach(async () => {
  await source.query(`DELETE FROM apps`);
  teamId = (await db.teams.insert({ name: `team-${randomUUID().slice(0, 8)}`, personal: false })).id;
  const [{ id }] = await source.query(
    `INSERT INTO apps (name, kind, runtime, git_url, branch, root_directory, dockerfile_path, port, health_check_path, team_id, memory_mb)
     VALUES ($1, 'SERVICE', 'DOCKER', 'https://git.example.invalid/acme/shop.git', 'main', '.', 'Dockerfile', 8080, '/', $2, 256) RETURNING id`,
    [`shop-${randomUUID().slice(0, 8)}`, teamId],
  );
  appId = id as string;
  await db.apps.upsertEnvVars(appId, [
    { key: 'PLAIN', value: 'p', secret: false },
    { key: 'TOKEN', value: 's3cret', secret: true },
  ]);
});

const open = (n: number, fromFork = false, headSha = sha('a')) =>
  db.previews.open({ appId, pullRequest: n, branch: 'feature', headSha, cloneUrl: fromFork ? 'https://git.example.invalid/fork/shop.git' : 'x', fromFork });

async function queued(previewId: string | null, withSecrets = true): Promise<string> {
  const id = randomUUID();
  const preview = previewId
    ? { id: previewId, appName: 'shop-pr-1', gitUrl: 'https://git.example.invalid/fork/shop.git', branch: 'feature', withSecrets }
    : null;
  expect(
    await db.transaction((tx) => tx.deployments.insertQueued({ id, appId, trigger: previewId ? 'PREVIEW' : 'MANUAL', requestedSha: sha('a'), preview })),
  ).toBe(true);
  return id;
}

describe('previews in PostgreSQL', () => {
  it('the switch is off by default; setEnabled tells an unknown app apart', async () => {
    expect(await db.previews.enabled(appId)).toBe(false);
    expect(await db.previews.setEnabled(appId, true)).toBe(true);
    expect(await db.previews.enabled(appId)).toBe(true);
    expect(await db.previews.setEnabled(randomUUID(), true)).toBe(false);
    expect(await db.previews.enabled(randomUUID())).toBeNull();
  });

  it('a preview opens once per pull request, moves to a new head, closes once, and reopens as the same row', async () => {
    const first = await open(1);
    const moved = await open(1, false, sha('b'));
    expect(moved.id).toBe(first.id);
    expect(moved.headSha).toBe(sha('b'));
    await open(2);
    expect((await db.previews.listOpen(appId)).map((p) => p.pullRequest)).toEqual([2, 1]);
    expect((await db.previews.close(appId, 1))?.id).toBe(first.id);
    expect(await db.previews.close(appId, 1)).toBeNull();
    expect(await db.previews.close(appId, 99)).toBeNull();
    expect((await db.previews.listOpen(appId)).map((p) => p.pullRequest)).toEqual([2]);
    const reopened = await open(1);
    expect(reopened.id).toBe(first.id);
    expect(reopened.closedAt).toBeNull();
    await expect(open(0)).rejects.toThrow();
    await expect(db.previews.open({ appId, pullRequest: 3, branch: 'f', headSha: 'not-a-sha', cloneUrl: 'x', fromFork: false })).rejects.toThrow();
  });

  it("a preview deployment runs under the preview's name and head, on Docker; a fork's gets no secrets", async () => {
    const p = await open(1, true);
    const fromFork = await queued(p.id, false);
    const d = (await db.deployments.find(fromFork))!;
    expect(d.previewId).toBe(p.id);
    expect(d.config).toMatchObject({
      appName: 'shop-pr-1',
      gitUrl: 'https://git.example.invalid/fork/shop.git',
      branch: 'feature',
      runtime: 'DOCKER',
      replicas: 1,
    });
    expect((await db.deployments.envSnapshot(fromFork)).map((e) => e.key)).toEqual(['PLAIN']);
    expect((await db.deployments.envSnapshot(await queued(p.id, true))).map((e) => e.key).sort()).toEqual(['PLAIN', 'TOKEN']);
    // a preview in flight does not hold the app's scheduled redeploys back
    expect(await db.deployments.countUnfinished(appId)).toBe(0);
    await queued(null);
    expect(await db.deployments.countUnfinished(appId)).toBe(1);
  });

  it("the app's live release and each preview's are apart: live, markLive, pruning and rollback sources", async () => {
    const p = await open(1);
    const app1 = await queued(null);
    await db.deployments.update(app1, { imageRef: 'r/paas/shop@sha256:1' });
    await db.deployments.markLive(app1, appId);
    const pre1 = await queued(p.id);
    await db.deployments.update(pre1, { imageRef: 'r/paas/shop-pr-1@sha256:1' });
    await db.deployments.markLive(pre1, appId);
    // the preview going live did not supersede the app's release
    expect((await db.deployments.find(app1))!.status).toBe('LIVE');
    expect((await db.deployments.live(appId))!.id).toBe(app1);
    expect((await db.deployments.live(appId, undefined, p.id))!.id).toBe(pre1);
    const pre2 = await queued(p.id);
    await db.deployments.update(pre2, { imageRef: 'r/paas/shop-pr-1@sha256:2' });
    await db.deployments.markLive(pre2, appId);
    expect((await db.deployments.find(pre1))!.status).toBe('SUPERSEDED');
    expect((await db.deployments.find(app1))!.status).toBe('LIVE');
    // a superseded preview release is neither the app's to prune nor to roll back to
    expect(await db.deployments.prunableReleases(appId, 0, 'imageRef')).toEqual([]);
    expect(await db.deployments.prunableReleases(appId, 0, 'imageRef', p.id)).toEqual([{ ref: 'r/paas/shop-pr-1@sha256:1', deploymentIds: [pre1] }]);
    expect(await db.deployments.latestRestorableWithEnv(appId)).toBeNull();
    // the teardown: nothing of the preview stays LIVE, its releases count as pruned
    await db.deployments.retirePreview(p.id);
    expect((await db.deployments.ofPreview(p.id)).map((d) => [d.status, d.imagePrunedAt !== null])).toEqual([
      ['SUPERSEDED', true],
      ['SUPERSEDED', true],
    ]);
    expect((await db.deployments.find(app1))!.status).toBe('LIVE');
  });

  it("open previews count one instance of their app's memory in the team's usage", async () => {
    const before = (await db.plans.usageOf(teamId)).memoryMb;
    await open(1);
    await open(2);
    expect((await db.plans.usageOf(teamId)).memoryMb).toBe(before + 512);
    await db.previews.close(appId, 1);
    expect((await db.plans.usageOf(teamId)).memoryMb).toBe(before + 256);
    expect((await db.plans.usageOf(teamId)).apps).toBe(1);
  });
});
