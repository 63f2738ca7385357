import type { V1Deployment, V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { podTrouble, rolloutState } from './rollout-status.js';

const dep = (status: V1Deployment['status'], id = 'd1', replicas = 2, generation = 2): V1Deployment => ({
  metadata: { generation },
  spec: { replicas, selector: {}, template: { metadata: { labels: { 'dev.paas.deployment': id } } } },
  status: { observedGeneration: 2, ...status },
});

describe('rollout state', () => {
  it('waits for its own template, the controller, new pods, old pods and readiness, in that order', () => {
    expect(rolloutState(dep({}, 'other'), 'd1')).toMatchObject({ done: false, waitingFor: 'the new pod template' });
    expect(rolloutState(dep({}, 'd1', 2, 3), 'd1')).toMatchObject({ done: false, waitingFor: 'the controller to see the change' });
    expect(rolloutState(dep({ updatedReplicas: 1, replicas: 3 }), 'd1')).toMatchObject({ waitingFor: '1 of 2 new pods created' });
    expect(rolloutState(dep({ updatedReplicas: 2, replicas: 3 }), 'd1')).toMatchObject({ waitingFor: '1 old pods to stop' });
    expect(rolloutState(dep({ updatedReplicas: 2, replicas: 2, availableReplicas: 1 }), 'd1')).toMatchObject({ waitingFor: '1 of 2 new pods ready' });
    expect(rolloutState(dep({ updatedReplicas: 2, replicas: 2, availableReplicas: 2, readyReplicas: 2 }), 'd1')).toEqual({ done: true, ready: 2 });
  });

  it('fails when the deadline passed without progress', () => {
    const s = rolloutState(dep({ conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: 'slow' }] }), 'd1');
    expect(s).toEqual({ failed: expect.stringMatching(/no progress.*slow/) });
  });
});

const pod = (containerStatus: object): V1Pod => ({
  metadata: { name: 'p1' },
  status: { containerStatuses: [{ name: 'app', image: 'x', imageID: '', ready: false, restartCount: 0, ...containerStatus }] },
});

describe('pod trouble', () => {
  it('names an image that cannot be pulled', () => {
    expect(podTrouble(pod({ state: { waiting: { reason: 'ImagePullBackOff', message: 'not found' } } }))).toEqual({
      kind: 'image-pull',
      pod: 'p1',
      message: expect.stringMatching(/could not be pulled \(ImagePullBackOff: not found\)/),
    });
  });

  it('names a crash loop with the exit code', () => {
    const t = podTrouble(
      pod({ restartCount: 1, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 3, reason: 'Error' } } }),
    );
    expect(t).toMatchObject({ kind: 'crash-loop', message: expect.stringMatching(/CrashLoopBackOff, exit code 3, Error/) });
  });

  it('names a config error that stays, and waits through one the kubelet retries', () => {
    expect(podTrouble(pod({ state: { waiting: { reason: 'CreateContainerConfigError', message: 'secret "web-d1" not found' } } }))).toMatchObject({
      kind: 'config',
      message: expect.stringMatching(/could not be created \(CreateContainerConfigError: secret "web-d1" not found\)/),
    });
    // seen in CI under load: the kubelet's cache of the release's new Secret was not filled within its one-second wait
    const cache = 'failed to sync secret cache: timed out waiting for the condition';
    expect(podTrouble(pod({ state: { waiting: { reason: 'CreateContainerConfigError', message: cache } } }))).toBeUndefined();
    expect(podTrouble(pod({ state: { waiting: { reason: 'CreateContainerError', message: 'context deadline exceeded' } } }))).toBeUndefined();
  });

  it('says nothing while a pod is starting or running', () => {
    expect(podTrouble(pod({ state: { waiting: { reason: 'ContainerCreating' } } }))).toBeUndefined();
    expect(podTrouble(pod({ state: { running: {} }, ready: true }))).toBeUndefined();
  });
});
