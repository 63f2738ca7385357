// The worker's projection writes against real PostgreSQL (a scratch database): step upserts stay
// idempotent under retries, log lines get gapless seq numbers under concurrent appends, each
// append is announced with the payload the gateway parses, and the worker's masking and caps
// (ProjectionAdapter over the repositories) hold. A failed append leaves nothing behind.
import { Database, listenToProjection, type LogNotice } from '@paas/db';
import { randomUUID } from 'node:crypto';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ProjectionAdapter } from '../../activities/src/projection/projection.adapter.js';
import { useScratchDatabase } from '../helpers/scratch-database.js';
import { until } from '../helpers/wait.js';

const scratch = useScratchDatabase('paas_projection', 6);
let db: Database;

async function deployment(secret = 'hunter2-secret'): Promise<string> {
  const appId = await db.transaction((tx) =>
    tx.apps.insert(
      {
        name: `app-${randomUUID().slice(0, 8)}`,
        kind: 'SERVICE',
        runtime: 'DOCKER',
        gitUrl: 'https://example.com/r.git',
        branch: 'main',
        rootDirectory: '.',
        dockerfilePath: 'Dockerfile',
        port: 8080,
        healthCheckPath: '/',
      },
      [{ key: 'API_KEY', value: secret, secret: true }],
    ),
  );
  const id = randomUUID();
  await db.transaction((tx) => tx.deployments.insertQueued({ id, appId: appId!, trigger: 'MANUAL', requestedSha: null }));
  return id;
}

async function counters(id: string): Promise<{ log_seq: number; log_bytes: number; log_truncated: boolean; lines: number }> {
  const [row] = await scratch().query(
    `SELECT log_seq, log_bytes::int AS log_bytes, log_truncated, (SELECT count(*)::int FROM log_lines WHERE deployment_id = $1) AS lines FROM deployments WHERE id = $1`,
    [id],
  );
  return row;
}

beforeAll(() => {
  db = new Database(scratch());
});

beforeEach(async () => {
  await scratch().query(`DELETE FROM apps`);
});

describe('steps', () => {
  it('a retried step is one row: first start kept, highest attempt kept, reopened by RUNNING, closed by a final status', async () => {
    const id = await deployment();
    await db.steps.record(id, 'BUILD', 'RUNNING', { attempt: 1 });
    const [started] = await db.steps.listForDeployment(id);
    await db.steps.record(id, 'BUILD', 'RUNNING', { attempt: 2 });
    await db.steps.record(id, 'BUILD', 'RUNNING', { attempt: 1 }); // a late write of the first attempt
    let [step] = await db.steps.listForDeployment(id);
    expect(step).toMatchObject({ status: 'RUNNING', attempt: 2, finishedAt: null, position: 1 });
    expect(step.startedAt).toEqual(started.startedAt);
    await db.steps.record(id, 'BUILD', 'FAILED', { message: 'BUILD failed: exit 1' });
    await db.steps.record(id, 'BUILD', 'COMPENSATED');
    [step] = await db.steps.listForDeployment(id);
    expect(step).toMatchObject({ status: 'COMPENSATED', attempt: 2, message: 'BUILD failed: exit 1' });
    expect(step.finishedAt).toBeInstanceOf(Date);
    expect(await db.steps.listForDeployment(id)).toHaveLength(1);
  });

  it('lists the steps left open in pipeline order', async () => {
    const id = await deployment();
    await db.steps.record(id, 'VERIFY', 'PENDING');
    await db.steps.record(id, 'CLONE', 'SUCCEEDED');
    await db.steps.record(id, 'BUILD', 'RUNNING');
    expect(await db.steps.open(id)).toEqual([
      { name: 'BUILD', status: 'RUNNING' },
      { name: 'VERIFY', status: 'PENDING' },
    ]);
  });
});

describe('log lines', () => {
  it('concurrent appends get seq 1..n without gaps or duplicates and count every byte, each range announced as {deploymentId, from, to}', async () => {
    const id = await deployment();
    const notices: LogNotice[] = [];
    const listening = await listenToProjection((scratch().options as { url: string }).url, {
      onDeployment: () => undefined,
      onLogs: (n) => notices.push(n),
      onError: () => undefined,
    });
    try {
      await Promise.all(
        Array.from({ length: 10 }, (_, batch) =>
          db.logs.append(id, (size) => ({
            lines: [0, 1, 2].map((i) => ({ stream: 'stdout' as const, line: `b${batch} l${i}` })),
            size: { ...size, bytes: size.bytes + 3 },
          })),
        ),
      );
      // each rule saw the size the appends before it left (the row lock), so none of them is lost
      expect((await counters(id)).log_bytes).toBe(30);
      const lines = await db.logs.page(id, 0, 1000);
      expect(lines.map((l) => l.seq)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
      expect((await db.logs.page(id, 28, 1000)).map((l) => l.seq)).toEqual([29, 30]);
      await until('ten log notices', () => notices.length >= 10, 10_000);
      const covered = notices.flatMap((n) => Array.from({ length: n.to - n.from + 1 }, (_, i) => n.from + i)).sort((a, b) => a - b);
      expect(covered).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
      expect(Object.keys(notices[0]).sort()).toEqual(['deploymentId', 'from', 'to']);
      expect(notices.every((n) => n.deploymentId === id)).toBe(true);
    } finally {
      await listening.close();
    }
  });

  it('an append to a deployment that does not exist stores nothing', async () => {
    expect(await db.logs.append(randomUUID(), (size) => ({ lines: [{ stream: 'system', line: 'x' }], size }))).toBeNull();
    const [{ n }] = await scratch().query(`SELECT count(*)::int AS n FROM log_lines`);
    expect(n).toBe(0);
  });

  it('an append whose rule throws leaves the counters and the log as they were', async () => {
    const id = await deployment();
    await db.logs.append(id, (size) => ({ lines: [{ stream: 'stdout', line: 'kept' }], size: { ...size, bytes: size.bytes + 5 } }));
    const before = await counters(id);
    await expect(
      db.logs.append(id, () => {
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    // a line PostgreSQL refuses (a NUL byte) fails the whole append, counters included
    await expect(
      db.logs.append(id, (size) => ({
        lines: [
          { stream: 'stdout', line: 'ok' },
          { stream: 'stdout', line: 'bad\u0000' },
        ],
        size: { ...size, bytes: 99 },
      })),
    ).rejects.toThrow();
    expect(await counters(id)).toEqual(before);
  });
});

describe('the worker projection over the repositories (masking and caps)', () => {
  it('masks the app secrets in every line, cuts long lines, and stops at the log cap with one system line', async () => {
    const id = await deployment('s3cr3t-value');
    const projection = new ProjectionAdapter(scratch(), { maxLineChars: 100, maxLogBytes: 400 });
    expect(
      await projection.appendLogs(id, [
        { stream: 'stdout', line: 'token=s3cr3t-value' },
        { stream: 'stdout', line: 'x'.repeat(1000) },
      ]),
    ).toBe('ok');
    const [masked, cut] = await db.logs.page(id, 0, 10);
    expect(masked.line).not.toContain('s3cr3t-value');
    expect(cut.line.length).toBe(164);
    expect(
      await projection.appendLogs(
        id,
        Array.from({ length: 10 }, () => ({ stream: 'stdout' as const, line: 'y'.repeat(50) })),
      ),
    ).toBe('full');
    expect(
      await projection.appendLogs(id, [
        { stream: 'stderr', line: 'dropped' },
        { stream: 'system', line: 'Deployment FAILED: kept past the cap' },
      ]),
    ).toBe('full');
    const lines = (await db.logs.page(id, 0, 100)).map((l) => l.line);
    expect(lines.filter((l) => l.startsWith('Log truncated:'))).toHaveLength(1);
    expect(lines).not.toContain('dropped');
    expect(lines.at(-1)).toBe('Deployment FAILED: kept past the cap');
    expect((await counters(id)).log_truncated).toBe(true);
  });

  it('finishing a deployment whose workflow ended closes its open steps and never overrides a final status', async () => {
    const id = await deployment();
    const projection = new ProjectionAdapter(new Database(scratch()));
    await projection.stepStarted(id, 'BUILD', 1, 'BUILDING');
    await projection.recordStep(id, 'VERIFY', 'PENDING');
    const { createFinalStateActivities } = await import('../../activities/src/projection/final-state.activities.js');
    const { finishIfUnfinished } = createFinalStateActivities(projection);
    expect(await finishIfUnfinished(id, 'FAILED', 'the workflow was terminated')).toBe(true);
    expect(await finishIfUnfinished(id, 'CANCELLED', 'again')).toBe(false);
    expect(await db.deployments.find(id)).toMatchObject({ status: 'FAILED', error: 'the workflow was terminated' });
    expect((await db.steps.listForDeployment(id)).map((s) => [s.name, s.status]).sort()).toEqual([
      ['BUILD', 'FAILED'],
      ['VERIFY', 'SKIPPED'],
    ]);
  });
});
