import { describe, expect, it } from 'vitest';
import type { DeploymentPlan, KubernetesPlan } from '../plan.js';
import { autoscalerManifest, deploymentManifest, envSecretManifest, namespaceManifest, serviceManifest } from './manifests.js';

const settings = { scaleDownWindowSec: 30, preStopSleepSec: 3 };
const plan = (k: Partial<KubernetesPlan> = {}): DeploymentPlan & { kubernetes: KubernetesPlan } => ({
  deploymentId: '0123abcd-0000-4000-8000-000000000001',
  appId: 'a1',
  appName: 'web',
  host: 'web.localhost',
  gitUrl: 'file:///r',
  branch: 'main',
  requestedSha: null,
  rootDirectory: '.',
  dockerfilePath: 'Dockerfile',
  port: 8080,
  healthCheckPath: '/health',
  instance: { memoryMb: 128, cpus: 0.5 },
  imageTag: 'r/web:x',
  containerName: 'c',
  network: 'n',
  previous: null,
  rollback: null,
  timing: { buildTimeoutMs: 1, healthTimeoutMs: 45_000, healthSuccesses: 2, healthIntervalMs: 500, retireGraceMs: 1, stopTimeoutSec: 10 },
  kubernetes: { namespace: 'paas-team-t1', name: 'web', replicas: 2, autoscale: null, isolation: 'STANDARD', ...k },
});

describe('Kubernetes manifests', () => {
  it('a Deployment of the digest, sized from the app, probed on its health path, rolled one pod at a time with none removed early', () => {
    const d = deploymentManifest(plan(), 'reg/web@sha256:abc', null, settings);
    const c = d.spec!.template.spec!.containers[0];
    expect(d.spec!.replicas).toBe(2);
    expect(d.spec!.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } });
    expect(d.spec!.progressDeadlineSeconds).toBe(45);
    expect(c.image).toBe('reg/web@sha256:abc');
    expect(c.resources!.limits).toEqual({ memory: '128Mi', cpu: '500m' });
    expect(c.readinessProbe!.httpGet).toEqual({ path: '/health', port: 8080 });
    expect(c.readinessProbe!.successThreshold).toBe(2);
    expect(c.lifecycle!.preStop!.sleep!.seconds).toBe(3);
    expect(c.envFrom).toEqual([{ secretRef: { name: 'web-env-0123abcd' } }]);
    expect(d.spec!.template.spec!.runtimeClassName).toBeUndefined();
    expect(d.spec!.template.spec!.automountServiceAccountToken).toBe(false);
  });

  it('a restricted security context: no capabilities, no privilege escalation, the default seccomp profile', () => {
    const c = deploymentManifest(plan(), 'i', null, settings).spec!.template.spec!.containers[0];
    expect(c.securityContext).toEqual({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } });
  });

  it('SANDBOXED pods name their RuntimeClass; with autoscale the HPA owns the replica count', () => {
    const d = deploymentManifest(
      plan({ isolation: 'SANDBOXED', autoscale: { minReplicas: 1, maxReplicas: 4, targetCpuPercent: 60 } }),
      'i',
      'gvisor',
      settings,
    );
    expect(d.spec!.template.spec!.runtimeClassName).toBe('gvisor');
    expect(d.spec).not.toHaveProperty('replicas');
    const hpa = autoscalerManifest(plan({ autoscale: { minReplicas: 1, maxReplicas: 4, targetCpuPercent: 60 } }), settings)!;
    expect(hpa.spec).toMatchObject({ minReplicas: 1, maxReplicas: 4, behavior: { scaleDown: { stabilizationWindowSeconds: 30 } } });
    expect(hpa.spec!.metrics![0].resource!.target).toEqual({ type: 'Utilization', averageUtilization: 60 });
    expect(autoscalerManifest(plan(), settings)).toBeNull();
  });

  it('env vars go to an immutable Secret per release; the Service selects the app, not the release', () => {
    const s = envSecretManifest(plan(), [{ key: 'TOKEN', value: 's3cret' }]);
    expect(s).toMatchObject({ immutable: true, stringData: { TOKEN: 's3cret' }, metadata: { name: 'web-env-0123abcd', namespace: 'paas-team-t1' } });
    const svc = serviceManifest(plan());
    expect(svc.spec).toMatchObject({ type: 'ClusterIP', selector: { 'dev.paas.app': 'a1' }, ports: [{ port: 8080, targetPort: 8080 }] });
  });

  it("the team's namespace enforces baseline and warns about restricted", () => {
    expect(namespaceManifest('paas-team-t1', 't1').metadata!.labels).toMatchObject({
      'pod-security.kubernetes.io/enforce': 'baseline',
      'pod-security.kubernetes.io/warn': 'restricted',
      'dev.paas.team': 't1',
    });
  });
});
