import { ValidationError } from '@paas/contracts';
import { describe, expect, it } from 'vitest';
import { kubernetesAvailable, maxInstances, validateRuntimeSettings, type RuntimeSettings } from './runtime-settings.js';

const dockerApp: RuntimeSettings = {
  runtime: 'DOCKER',
  replicas: 1,
  autoscaleMinReplicas: null,
  autoscaleMaxReplicas: null,
  autoscaleTargetCpuPercent: null,
  isolation: 'STANDARD',
};
const k8sApp: RuntimeSettings = { ...dockerApp, runtime: 'KUBERNETES', replicas: 3, isolation: 'SANDBOXED' };

describe('runtime settings', () => {
  it('defaults to one STANDARD instance on Docker', () => {
    expect(validateRuntimeSettings('SERVICE', {}, false)).toEqual(dockerApp);
  });

  it('refuses KUBERNETES without a cluster, saying how to enable one', () => {
    expect(() => validateRuntimeSettings('SERVICE', { runtime: 'KUBERNETES' }, false)).toThrow(/PAAS_KUBERNETES=embedded.*KUBECONFIG/);
  });

  it('knows a cluster from PAAS_KUBERNETES=embedded or KUBECONFIG only', () => {
    expect(kubernetesAvailable({})).toBe(false);
    expect(kubernetesAvailable({ PAAS_KUBERNETES: 'off' })).toBe(false);
    expect(kubernetesAvailable({ PAAS_KUBERNETES: 'embedded' })).toBe(true);
    expect(kubernetesAvailable({ KUBECONFIG: '/k/config' })).toBe(true);
  });

  it('keeps STATIC apps off Kubernetes', () => {
    expect(() => validateRuntimeSettings('STATIC', { runtime: 'KUBERNETES' }, true)).toThrow(/only SERVICE apps/);
  });

  it.each([0, -1, 21, 1.5, Number.NaN, 2 ** 31])('refuses replicas %s', (replicas) => {
    expect(() => validateRuntimeSettings('SERVICE', { runtime: 'KUBERNETES', replicas }, true)).toThrow(ValidationError);
  });

  it.each([
    [{ minReplicas: 0, maxReplicas: 2 }, /minReplicas must be/],
    [{ minReplicas: 3, maxReplicas: 2 }, /must not exceed/],
    [{ minReplicas: 1, maxReplicas: 21 }, /maxReplicas must be/],
    [{ minReplicas: 1, maxReplicas: 2, targetCpuPercent: 9 }, /targetCpuPercent/],
    [{ minReplicas: 1, maxReplicas: 2, targetCpuPercent: 96 }, /targetCpuPercent/],
    [{ minReplicas: 1, maxReplicas: 2, targetCpuPercent: 50.5 }, /targetCpuPercent/],
  ])('refuses autoscale %o', (autoscale, why) => {
    expect(() => validateRuntimeSettings('SERVICE', { runtime: 'KUBERNETES', autoscale }, true)).toThrow(why);
  });

  it.each([{ replicas: 2 }, { autoscale: { minReplicas: 1, maxReplicas: 2 } }, { isolation: 'SANDBOXED' as const }])(
    'refuses Kubernetes-only settings on Docker: %o',
    (input) => {
      expect(() => validateRuntimeSettings('SERVICE', input, true)).toThrow(/need runtime KUBERNETES/);
    },
  );

  it('takes replicas, an autoscaler with a default target, and isolation on KUBERNETES', () => {
    const s = validateRuntimeSettings(
      'SERVICE',
      { runtime: 'KUBERNETES', replicas: 2, autoscale: { minReplicas: 2, maxReplicas: 5 }, isolation: 'SANDBOXED' },
      true,
    );
    expect(s).toEqual({
      runtime: 'KUBERNETES',
      replicas: 2,
      autoscaleMinReplicas: 2,
      autoscaleMaxReplicas: 5,
      autoscaleTargetCpuPercent: 70,
      isolation: 'SANDBOXED',
    });
    expect(maxInstances(s)).toBe(5);
  });

  it('on update keeps what is not given, null removes the autoscaler, and moving back to Docker needs one STANDARD instance', () => {
    const scaled = { ...k8sApp, autoscaleMinReplicas: 1, autoscaleMaxReplicas: 4, autoscaleTargetCpuPercent: 50 };
    expect(validateRuntimeSettings('SERVICE', {}, true, scaled)).toEqual(scaled);
    expect(validateRuntimeSettings('SERVICE', { autoscale: null }, true, scaled)).toMatchObject({ autoscaleMaxReplicas: null, replicas: 3 });
    expect(() => validateRuntimeSettings('SERVICE', { runtime: 'DOCKER' }, true, k8sApp)).toThrow(
      /replicas above 1, isolation SANDBOXED need runtime KUBERNETES/,
    );
    expect(validateRuntimeSettings('SERVICE', { runtime: 'DOCKER', replicas: 1, isolation: 'STANDARD' }, true, k8sApp)).toEqual(dockerApp);
  });
});
