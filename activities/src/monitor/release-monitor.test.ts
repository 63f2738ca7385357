// The monitor's reconnection to the Docker event stream: every failure is logged and retried
// with a growing delay, never swallowed (a silent monitor would let crash loops go unseen).
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DockerAdapter } from '../docker/docker.adapter.js';
import type { ProjectionAdapter } from '../projection/projection.adapter.js';
import { ReleaseMonitor } from './release-monitor.js';

function fakeDocker(outcomes: ('ok' | Error)[]) {
  const streams: PassThrough[] = [];
  let calls = 0;
  const docker = {
    docker: {
      getEvents: async () => {
        const outcome = outcomes[Math.min(calls++, outcomes.length - 1)];
        if (outcome instanceof Error) throw outcome;
        const s = new PassThrough();
        streams.push(s);
        return s;
      },
    },
  } as unknown as DockerAdapter;
  return { docker, streams, calls: () => calls };
}

describe('ReleaseMonitor reconnection', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('logs each failed reconnection and keeps trying, with a doubling delay, until Docker answers', async () => {
    const { docker, streams, calls } = fakeDocker(['ok', new Error('connect ENOENT /var/run/docker.sock'), new Error('connect ENOENT /var/run/docker.sock'), 'ok']);
    const log: string[] = [];
    const monitor = new ReleaseMonitor(docker, {} as ProjectionAdapter, { maxRestarts: 5, log: (l) => log.push(l) });
    await monitor.start();
    streams[0]!.destroy(); // the engine went away
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
    streams[0]!.destroy(new Error('socket hang up'));
    await vi.advanceTimersByTimeAsync(0);
    expect(log.some((l) => l.includes('Docker event stream failed: socket hang up'))).toBe(true);
    monitor.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls()).toBe(1);
  });
});
