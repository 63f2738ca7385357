import { describe, expect, it } from 'vitest';
import type { V1Pod, V2HorizontalPodAutoscaler } from '@paas/activities';
import { autoscalerEvent, podEvents } from './kubernetes-engine-events.js';

const labels = { 'dev.paas.managed': 'true', 'dev.paas.app': 'app-1', 'dev.paas.deployment': 'dep-1' };

function pod(status: NonNullable<V1Pod['status']>, extra: Partial<NonNullable<V1Pod['metadata']>> = {}): V1Pod {
  return { metadata: { uid: 'uid-1', name: 'web-abc', labels, ...extra }, status };
}

describe('podEvents', () => {
  it('reads a restart after exit code 3 as a die with its code, and the new start', () => {
    const events = podEvents(
      pod({
        containerStatuses: [
          {
            name: 'app',
            image: 'x',
            imageID: 'x',
            ready: true,
            restartCount: 1,
            lastState: { terminated: { exitCode: 3, reason: 'Error', finishedAt: new Date('2026-11-24T10:00:05Z') } },
            state: { running: { startedAt: new Date('2026-11-24T10:00:06Z') } },
          },
        ],
      }),
    );
    expect(events.map((e) => [e.action, e.exitCode, e.at.toISOString(), e.key])).toEqual([
      ['die', 3, '2026-11-24T10:00:05.000Z', 'k8s:uid-1:exited:2026-11-24T10:00:05.000Z'],
      ['start', undefined, '2026-11-24T10:00:06.000Z', 'k8s:uid-1:started:2026-11-24T10:00:06.000Z'],
    ]);
    expect(events[0]).toMatchObject({ instanceId: 'k8s:uid-1', instance: 'web-abc', appId: 'app-1', deploymentId: 'dep-1' });
  });

  it('reads OOMKilled as an OOM kill, not a crash', () => {
    const [e] = podEvents(
      pod({
        containerStatuses: [
          {
            name: 'app',
            image: 'x',
            imageID: 'x',
            ready: false,
            restartCount: 1,
            lastState: { terminated: { exitCode: 137, reason: 'OOMKilled', finishedAt: new Date() } },
          },
        ],
      }),
    );
    expect(e?.action).toBe('oom');
  });

  it("reads a pod's deletion as a stop, and ignores containers other than the app's", () => {
    const events = podEvents(
      pod(
        {
          containerStatuses: [
            { name: 'sidecar', image: 'x', imageID: 'x', ready: true, restartCount: 4, lastState: { terminated: { exitCode: 1, finishedAt: new Date() } } },
          ],
        },
        { deletionTimestamp: new Date('2026-11-24T11:00:00Z') },
      ),
    );
    expect(events.map((e) => [e.action, e.key])).toEqual([['stop', 'k8s:uid-1:deleted']]);
  });

  it('gives nothing for pods that are not releases of an app', () => {
    const running = {
      containerStatuses: [{ name: 'app', image: 'x', imageID: 'x', ready: true, restartCount: 0, state: { running: { startedAt: new Date() } } }],
    };
    expect(podEvents(pod(running, { labels: { 'dev.paas.managed': 'true' } }))).toEqual([]);
    expect(podEvents(pod(running, { labels: { 'dev.paas.app': 'a' } }))).toEqual([]);
    expect(podEvents({ status: running })).toEqual([]);
  });
});

describe('autoscalerEvent', () => {
  const hpa = (status: V2HorizontalPodAutoscaler['status']): V2HorizontalPodAutoscaler => ({
    metadata: { uid: 'hpa-1', name: 'web', labels },
    spec: { minReplicas: 1, maxReplicas: 3, scaleTargetRef: { kind: 'Deployment', name: 'web' } },
    status,
  });

  it('reads the last scaling, keyed by its time', () => {
    const e = autoscalerEvent(hpa({ desiredReplicas: 3, currentReplicas: 1, lastScaleTime: new Date('2026-11-24T10:00:00Z') }));
    expect(e).toMatchObject({ action: 'scaled', replicas: 3, bounds: { min: 1, max: 3 }, appId: 'app-1', key: 'k8s:hpa-1:scaled:2026-11-24T10:00:00.000Z' });
  });

  it('gives nothing before the first scaling', () => {
    expect(autoscalerEvent(hpa({ desiredReplicas: 1, currentReplicas: 1 }))).toBeNull();
    expect(autoscalerEvent(hpa(undefined))).toBeNull();
  });
});
