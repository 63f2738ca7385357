// The runtime log's storage rules against the real PostgreSQL, in a scratch database: a line
// stored twice (a collector re-reading after a restart, or two of them) is stored once; the
// resume position; plain-text search (LIKE's wildcards escaped); events recorded once;
// retention by age and by size per app.
import { applyRuntimeRetention, Database, runtimeRetentionFromEnv, type NewRuntimeLine } from '@paas/db';
import type { DataSource } from 'typeorm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useScratchDatabase } from '../helpers/scratch-database.js';

const scratch = useScratchDatabase('paas_runtime_logs', 2);
let source: DataSource;
let db: Database;

async function app(name: string): Promise<string> {
  const [{ id }] = await source.query(
    `INSERT INTO apps (name, kind, runtime, branch, root_directory, dockerfile_path, port, health_check_path)
     VALUES ($1, 'SERVICE', 'DOCKERFILE', 'main', '.', 'Dockerfile', 8080, '/') RETURNING id`,
    [name],
  );
  return id;
}

const line = (appId: string, tsNs: string, ord: number, text: string, containerId = 'c1'): NewRuntimeLine => ({
  appId,
  deploymentId: null,
  containerId,
  instance: 'paas-x-1',
  stream: 'stdout',
  tsNs,
  ord,
  line: text,
});

beforeAll(() => {
  source = scratch();
  db = new Database(source);
});

describe('runtime log storage', () => {
  it('stores a re-read line once and knows where a container resumes', async () => {
    const a = await app('rt-a');
    const t = `${BigInt(Date.now()) * 1_000_000n}`;
    expect(await db.runtime.append([line(a, t, 0, 'one'), line(a, t, 1, 'two')])).toBe(2);
    expect(await db.runtime.append([line(a, t, 1, 'two'), line(a, `${BigInt(t) + 1n}`, 0, 'three')])).toBe(1);
    expect(await db.runtime.cursor('c1')).toEqual({ tsNs: `${BigInt(t) + 1n}`, linesAtTs: 1 });
    expect(await db.runtime.cursor('nobody')).toBeNull();
    expect((await db.runtime.query(a, { limit: 10 })).map((l) => l.line)).toEqual(['one', 'two', 'three']);
    expect((await db.runtime.query(a, { limit: 2 })).map((l) => l.line)).toEqual(['two', 'three']);
    // a line of an app that no longer exists is dropped, not an error
    expect(await db.runtime.append([line('00000000-0000-4000-8000-000000000000', t, 0, 'orphan', 'c9')])).toBe(0);
  });

  it('searches plain text: %, _ and \\ match themselves', async () => {
    const a = await app('rt-search');
    const t = BigInt(Date.now()) * 1_000_000n;
    const texts = ['100% done', '100 percent', 'a_b', 'axb', 'back\\slash', 'UPPER case'];
    await db.runtime.append(texts.map((x, i) => line(a, `${t + BigInt(i)}`, 0, x, 'c-search')));
    const find = async (search: string) => (await db.runtime.query(a, { search, limit: 100 })).map((l) => l.line);
    expect(await find('%')).toEqual(['100% done']);
    expect(await find('a_b')).toEqual(['a_b']);
    expect(await find('\\')).toEqual(['back\\slash']);
    expect(await find('upper')).toEqual(['UPPER case']);
  });

  it('records an engine event once', async () => {
    const a = await app('rt-events');
    const e = { appId: a, deploymentId: null, at: new Date(), kind: 'crashed', message: 'x exited with code 3.', sourceKey: `k-${Date.now()}` };
    expect(await db.runtime.recordEvent(e)).toBe(true);
    expect(await db.runtime.recordEvent(e)).toBe(false);
    expect(await db.runtime.events(a, 10)).toEqual([{ at: e.at, kind: 'crashed', message: e.message, deploymentId: null }]);
  });

  it('prunes by age and keeps at most the configured size per app, the newest lines', async () => {
    const small = await app('rt-size');
    const old = await app('rt-old');
    const now = new Date('2030-06-01T12:00:00Z');
    const ns = (d: Date) => `${BigInt(d.getTime()) * 1_000_000n}`;
    const kb = 'x'.repeat(1024);
    // 1,500 lines of 1 KB (about 1.5 MB) for an app capped at 1 MB
    const lines = Array.from({ length: 1500 }, (_, i) => line(small, ns(new Date(now.getTime() - (1500 - i) * 1000)), 0, `${i} ${kb}`, 'c-size'));
    await db.runtime.append(lines);
    await db.runtime.append([line(old, ns(new Date(now.getTime() - 10 * 86_400_000)), 0, 'ancient', 'c-old'), line(old, ns(now), 0, 'fresh', 'c-old')]);
    const r = await applyRuntimeRetention(source, { logDays: 7, maxMbPerApp: 1, eventDays: 90 }, now);
    expect(r.linesDeleted).toBeGreaterThan(1);
    const [{ bytes }] = await source.query(`SELECT sum(bytes)::int AS bytes FROM runtime_log_lines WHERE app_id = $1`, [small]);
    expect(bytes).toBeLessThanOrEqual(1024 * 1024);
    expect(bytes).toBeGreaterThan(1024 * 1024 - 2048);
    const kept = (await db.runtime.query(small, { limit: 5000 })).map((l) => Number(l.line.split(' ')[0]));
    expect(kept.at(-1)).toBe(1499); // the newest stay
    expect(kept).toEqual(kept.map((_, i) => kept[0] + i));
    expect((await db.runtime.query(old, { limit: 10 })).map((l) => l.line)).toEqual(['fresh']);
  });

  it('reads its settings from the environment, refusing nonsense', () => {
    expect(runtimeRetentionFromEnv({})).toEqual({ logDays: 7, maxMbPerApp: 50, eventDays: 90 });
    expect(runtimeRetentionFromEnv({ PAAS_RUNTIME_LOG_MAX_MB: '5', PAAS_RUNTIME_LOG_DAYS: '2' })).toMatchObject({ logDays: 2, maxMbPerApp: 5 });
    expect(() => runtimeRetentionFromEnv({ PAAS_RUNTIME_LOG_MAX_MB: '0' })).toThrow(/^PAAS_RUNTIME_LOG_MAX_MB must be a whole number of at least 1/);
    expect(() => runtimeRetentionFromEnv({ PAAS_RUNTIME_LOG_DAYS: '1e3' })).toThrow(/^PAAS_RUNTIME_LOG_DAYS must be/);
  });
});
