// The gateway and the worker refuse to start without a valid master key, with a message that
// names the variable (and never the value), before they touch PostgreSQL or Temporal.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

function start(main: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  // addresses nothing listens on: a process that got past the key check would hang or fail differently
  const child = spawn(process.execPath, [resolve(root, main)], {
    env: {
      PATH: process.env.PATH ?? '',
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
      TEMPORAL_ADDRESS: '127.0.0.1:1',
      PAAS_ADMIN_TOKEN: 'x'.repeat(32),
      ...env,
    },
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  return new Promise((done) =>
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, output });
    }),
  );
}

describe.each(['services/worker/dist/main.js', 'services/gateway/dist/main.js'])('%s', (main) => {
  it('exits 2 when PAAS_MASTER_KEY is missing', async () => {
    const r = await start(main, {});
    expect(r.code).toBe(2);
    expect(r.output).toMatch(/PAAS_MASTER_KEY is not set/);
  }, 30_000);

  it('exits 2 on a malformed PAAS_MASTER_KEY without echoing it', async () => {
    const r = await start(main, { PAAS_MASTER_KEY: 'canary-not-a-key' });
    expect(r.code).toBe(2);
    expect(r.output).toMatch(/PAAS_MASTER_KEY must be 32 bytes/);
    expect(r.output).not.toContain('canary-not-a-key');
  }, 30_000);
});
