// The runtime log survives a worker crash without gaps or duplicates: the worker is SIGKILLed
// while an app prints a numbered line every 50 ms; the restarted worker resumes from the stored
// position, and the stored numbers are exactly 1, 2, 3, … (isolated: it kills the shared worker).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busyboxApp, FixtureRepo } from '../helpers/fixture-repo.js';
import { createApp, deploy, gql, waitForDeployment } from '../helpers/graphql.js';
import { killProcess, restarted } from '../helpers/processes.js';
import { until } from '../helpers/wait.js';

async function numbers(appId: string): Promise<number[]> {
  const lines: { line: string }[] = (await gql(`query($id: ID!) { app(id: $id) { runtimeLogs(limit: 5000) { line } } }`, { id: appId })).app.runtimeLogs;
  return lines.filter((l) => /^n \d+$/.test(l.line)).map((l) => Number(l.line.slice(2)));
}

describe('runtime logs across a worker crash', () => {
  const repo = new FixtureRepo();
  let appId: string;

  beforeAll(async () => {
    repo.commit(busyboxApp({ cmd: '(i=0; while true; do i=$((i+1)); echo "n $i"; sleep 0.05; done) & exec httpd -f -p "$PORT" -h /www' }));
    appId = (await createApp({ name: 'runtime-recovery', gitUrl: repo.url, healthCheckPath: '/cgi-bin/health' })).id;
    expect((await waitForDeployment((await deploy(appId)).id)).status).toBe('LIVE');
  }, 200_000);

  afterAll(async () => {
    await gql(`mutation($id: ID!) { deleteApp(id: $id) }`, { id: appId }).catch(() => undefined);
    repo.remove();
  });

  it('stores every numbered line once after the worker was SIGKILLed twice', async () => {
    for (let round = 0; round < 2; round++) {
      await until('lines to be stored', async () => (await numbers(appId)).length > 20 * (round + 1), 30_000);
      const pid = killProcess('worker');
      // the app goes on printing while no worker reads
      await new Promise((r) => setTimeout(r, 2000));
      await restarted('worker', pid);
    }
    const before = (await numbers(appId)).at(-1)!;
    // the restarted worker catches up with what was printed while it was down, and goes on
    await until('the collector to catch up and go on', async () => (await numbers(appId)).at(-1)! > before + 60, 60_000);
    const stored = await numbers(appId);
    expect(stored[0]).toBe(1);
    const gaps = stored.filter((n, i) => i > 0 && n !== stored[i - 1] + 1);
    expect(gaps, `out of sequence after: ${gaps.slice(0, 5).join(', ')}`).toEqual([]);
    expect(new Set(stored).size).toBe(stored.length);
  }, 240_000);
});
