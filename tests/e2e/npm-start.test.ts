// `npm start` itself (scripts/start.mjs): comes up with /healthz 200, prints how to use it,
// refuses a second start on the same data dir, and on SIGINT stops every process it started.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ownPlatformEnv } from '../helpers/own-platform-env.js';

const root = resolve(import.meta.dirname, '../..');
const dataDir = mkdtempSync(join(tmpdir(), 'paas-start-'));
// below 32768: ports in the kernel's ephemeral range can be taken by any outgoing connection
const ports = {
  PAAS_PORT: '31400',
  PAAS_EDGE_PORT: '31480',
  PAAS_SITE_PORT: '31481',
  PAAS_PG_PORT: '31432',
  PAAS_TEMPORAL_PORT: '30233',
  PAAS_REGISTRY_PORT: '31500',
  PAAS_S3_PORT: '31900',
};
const env = ownPlatformEnv(ports, { PAAS_DATA_DIR: dataDir });

function start(): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [join(root, 'scripts/start.mjs')], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  started.push(child);
  return { child, output: () => out, exited };
}

async function until(check: () => boolean, ms: number, output: () => string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out; npm start printed:\n${output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const started: ChildProcess[] = [];

afterAll(async () => {
  // a failed assertion must not leave a platform running
  for (const c of started) if (c.exitCode === null && c.signalCode === null) c.kill('SIGINT');
  await new Promise((r) => setTimeout(r, 3000));
  rmSync(dataDir, { recursive: true, force: true });
});

describe('npm start', () => {
  it('starts the platform, refuses a second start, and stops everything on SIGINT', async () => {
    const first = start();
    await until(() => first.output().includes('Press Ctrl+C to stop.'), 180_000, first.output);
    expect(first.output()).toContain(`GraphQL   http://127.0.0.1:${ports.PAAS_PORT}/graphql`);
    const token = JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8')).adminToken;
    expect(first.output()).toContain(token); // printed once, on first start

    const health = await fetch(`http://127.0.0.1:${ports.PAAS_PORT}/healthz`);
    expect(health.status).toBe(200);

    const second = start();
    expect(await second.exited).not.toBe(0);
    expect(second.output()).toMatch(/already running with data dir/);

    const pids = readdirSync(join(dataDir, 'run'))
      .filter((f) => f.endsWith('.pid'))
      .map((f) => Number(readFileSync(join(dataDir, 'run', f), 'utf8')));
    expect(pids.length).toBeGreaterThanOrEqual(6); // temporal, registry, minio, edge, postgres, worker, gateway
    first.child.kill('SIGINT');
    expect(await first.exited).toBe(0);
    expect(pids.filter(alive)).toEqual([]);
    expect(existsSync(join(dataDir, 'run/platform.lock'))).toBe(false);
  }, 300_000);
});
