// The monitor's reconnection to the Docker event stream: every failure is logged and retried
// with a growing delay, never swallowed (a silent monitor would let crash loops go unseen).
// And what the engine sends is input: a line that is not an event is skipped, never fatal.
import type { DockerAdapter, ProjectionAdapter } from '@paas/activities';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ReleaseMonitor } from './release-monitor.js';

function fakeDocker(outcomes: ('ok' | Error)[], containers: Record<string, { exitCode: number }> = {}) {
  const streams: PassThrough[] = [];
  const stoppedRestarts: string[] = [];
  let calls = 0;
  const docker = {
    managedContainerDeaths: async () => {
      const outcome = outcomes[Math.min(calls++, outcomes.length - 1)];
      if (outcome instanceof Error) throw outcome;
      const s = new PassThrough();
      streams.push(s);
      return s;
    },
    containerStatus: async (id: string) =>
      containers[id] ? { exists: true, running: false, exitCode: containers[id].exitCode } : { exists: false, running: false },
    stopRestarts: async (id: string) => void stoppedRestarts.push(id),
  } as unknown as DockerAdapter;
  return { docker, streams, stoppedRestarts, calls: () => calls };
}

/** The live release's exits, counted the way the projection counts them. */
function fakeProjection(liveDeploymentId: string) {
  let exits = 0;
  const states: { deploymentId: string; state: string; line: string }[] = [];
  const projection = {
    countReleaseExit: async (id: string) => (id === liveDeploymentId ? ++exits : null),
    setReleaseState: async (deploymentId: string, state: string, line: string) => void states.push({ deploymentId, state, line }),
  } as unknown as ProjectionAdapter;
  return { projection, states };
}

const dieEvent = (id: string, deploymentId: string, exitCode = 1) =>
  `${JSON.stringify({ id, Actor: { Attributes: { 'dev.paas.deployment': deploymentId, exitCode: String(exitCode) } } })}\n`;

describe('ReleaseMonitor reconnection', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('logs each failed reconnection and keeps trying, with a doubling delay, until Docker answers', async () => {
    const { docker, streams, calls } = fakeDocker([
      'ok',
      new Error('connect ENOENT /var/run/docker.sock'),
      new Error('connect ENOENT /var/run/docker.sock'),
      'ok',
    ]);
    const log: string[] = [];
    const monitor = new ReleaseMonitor(docker, {} as ProjectionAdapter, { maxRestarts: 5, log: (l) => log.push(l) });
    await monitor.start();
    streams[0].destroy(); // the engine went away
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls()).toBe(2);
    expect(log.filter((l) => l.includes('reconnecting to Docker failed: connect ENOENT'))).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1999);
    expect(calls()).toBe(2); // the second wait is longer
    await vi.advanceTimersByTimeAsync(1);
    expect(calls()).toBe(3);
    await vi.advanceTimersByTimeAsync(4000);
    expect(calls()).toBe(4);
    expect(streams).toHaveLength(2); // connected again
    expect(log.filter((l) => l.includes('reconnecting to Docker failed'))).toHaveLength(2);
    monitor.stop();
  });

  it('logs a stream error and stops reconnecting once stopped', async () => {
    const { docker, streams, calls } = fakeDocker(['ok']);
    const log: string[] = [];
    const monitor = new ReleaseMonitor(docker, {} as ProjectionAdapter, { maxRestarts: 5, log: (l) => log.push(l) });
    await monitor.start();
    streams[0].destroy(new Error('socket hang up'));
    await vi.advanceTimersByTimeAsync(0);
    expect(log.some((l) => l.includes('Docker event stream failed: socket hang up'))).toBe(true);
    monitor.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls()).toBe(1);
  });
});

describe('ReleaseMonitor events', () => {
  it('reports RESTARTING per exit of the live release and stops its restarts at PAAS_MAX_RESTARTS', async () => {
    const { docker, streams, stoppedRestarts } = fakeDocker(['ok'], { c1: { exitCode: 3 } });
    const { projection, states } = fakeProjection('d1');
    const monitor = new ReleaseMonitor(docker, projection, { maxRestarts: 2, log: () => undefined });
    await monitor.start();
    streams[0].write(dieEvent('c1', 'd1', 3));
    await vi.waitFor(() => expect(states).toHaveLength(1));
    expect(states[0]).toMatchObject({ deploymentId: 'd1', state: 'RESTARTING' });
    expect(stoppedRestarts).toEqual([]);
    streams[0].write(dieEvent('c1', 'd1', 3));
    await vi.waitFor(() => expect(states).toHaveLength(2));
    expect(states[1]).toMatchObject({ deploymentId: 'd1', state: 'CRASH_LOOPING' });
    expect(states[1].line).toMatch(/exited with code 3 2 times; restarts stopped/);
    expect(stoppedRestarts).toEqual(['c1']);
    monitor.stop();
  });

  it('skips lines that are not events (garbage, JSON that is not an object, an id that is not a string) and keeps watching', async () => {
    const { docker, streams, stoppedRestarts } = fakeDocker(['ok'], { c1: { exitCode: 1 } });
    const { projection, states } = fakeProjection('d1');
    const log: string[] = [];
    const monitor = new ReleaseMonitor(docker, projection, { maxRestarts: 1, log: (l) => log.push(l) });
    await monitor.start();
    for (const hostile of [
      '{not json',
      'null',
      '42',
      '"text"',
      '[1,2]',
      JSON.stringify({ id: { $ne: 1 }, Actor: { Attributes: { 'dev.paas.deployment': 'd1' } } }),
    ])
      streams[0].write(`${hostile}\n`);
    // a removed container (retire, compensation) and a container of no deployment are not crashes either
    streams[0].write(dieEvent('gone', 'd1'));
    streams[0].write(`${JSON.stringify({ id: 'c1', Actor: { Attributes: {} } })}\n`);
    streams[0].write(dieEvent('c1', 'd1'));
    await vi.waitFor(() => expect(states).toHaveLength(1));
    expect(states[0]).toMatchObject({ deploymentId: 'd1', state: 'CRASH_LOOPING' });
    expect(stoppedRestarts).toEqual(['c1']);
    expect(log.filter((l) => l.includes('skipped a Docker event that is not a JSON object'))).toHaveLength(4);
    expect(log.some((l) => l.includes('failed') || l.includes('closed'))).toBe(false);
    monitor.stop();
  });
});
