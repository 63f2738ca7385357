// What the cluster holds once its node is Ready: rights for the platform's kubeconfig, the
// sandbox RuntimeClasses, and metrics-server (the metrics.k8s.io API HorizontalPodAutoscalers read).
// Applied server-side at every start, so a changed definition replaces the old one.
import { KubeConfig, KubernetesObjectApi, PatchStrategy, type KubernetesObject } from '@kubernetes/client-node';
import { kataAvailable } from './containerd.js';
import { METRICS_SERVER_IMAGE, type ClusterLayout } from './layout.js';

export type SandboxRuntime = 'kata' | 'gvisor';

export async function applyAll(kc: KubeConfig, objects: KubernetesObject[]): Promise<void> {
  const api = KubernetesObjectApi.makeApiClient(kc);
  for (const obj of objects) await api.patch(obj, undefined, undefined, 'paas-supervisor', true, PatchStrategy.ServerSideApply);
}

/** kubeadm's admin.conf is in the group kubeadm:cluster-admins, which has no rights until bound. */
export const clusterAdminsBinding: KubernetesObject = {
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'ClusterRoleBinding',
  metadata: { name: 'kubeadm:cluster-admins' },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
  subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'kubeadm:cluster-admins' }],
} as KubernetesObject;

/** Kata where the node has hardware virtualization and Kata's shim; gVisor otherwise. */
export function sandboxRuntimes(): SandboxRuntime[] {
  return kataAvailable() ? ['kata', 'gvisor'] : ['gvisor'];
}

export function runtimeClasses(runtimes: SandboxRuntime[]): KubernetesObject[] {
  return runtimes.map(
    (name) =>
      ({
        apiVersion: 'node.k8s.io/v1',
        kind: 'RuntimeClass',
        metadata: { name, labels: { 'app.kubernetes.io/managed-by': 'paas' } },
        handler: name === 'gvisor' ? 'runsc' : 'kata',
      }) as KubernetesObject,
  );
}

const ns = 'kube-system';
const labels = { 'k8s-app': 'metrics-server' };

/**
 * metrics-server runs on the host's network: without kube-proxy a pod cannot reach the API
 * server's Service IP, and the API server (on loopback) reaches it at the node's address.
 */
export function metricsServer(layout: ClusterLayout): KubernetesObject[] {
  const port = layout.ports.metricsServer;
  const rbac = 'rbac.authorization.k8s.io/v1';
  const sa = [{ kind: 'ServiceAccount', name: 'metrics-server', namespace: ns }];
  return [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'metrics-server', namespace: ns, labels } },
    {
      apiVersion: rbac,
      kind: 'ClusterRole',
      metadata: { name: 'system:metrics-server', labels },
      rules: [
        { apiGroups: [''], resources: ['nodes/metrics'], verbs: ['get'] },
        { apiGroups: [''], resources: ['pods', 'nodes'], verbs: ['get', 'list', 'watch'] },
      ],
    },
    {
      apiVersion: rbac,
      kind: 'ClusterRoleBinding',
      metadata: { name: 'system:metrics-server', labels },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'system:metrics-server' },
      subjects: sa,
    },
    {
      apiVersion: rbac,
      kind: 'ClusterRoleBinding',
      metadata: { name: 'metrics-server:system:auth-delegator', labels },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'system:auth-delegator' },
      subjects: sa,
    },
    {
      apiVersion: rbac,
      kind: 'RoleBinding',
      metadata: { name: 'metrics-server-auth-reader', namespace: ns, labels },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'extension-apiserver-authentication-reader' },
      subjects: sa,
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'metrics-server', namespace: ns, labels },
      spec: { selector: labels, ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: port }] },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'metrics-server', namespace: ns, labels },
      spec: {
        replicas: 1,
        selector: { matchLabels: labels },
        strategy: { type: 'Recreate' }, // one host port: the old pod must free it first
        template: {
          metadata: { labels },
          spec: {
            serviceAccountName: 'metrics-server',
            hostNetwork: true,
            priorityClassName: 'system-cluster-critical',
            containers: [
              {
                name: 'metrics-server',
                image: METRICS_SERVER_IMAGE,
                imagePullPolicy: 'Never', // imported at start, never pulled
                args: [
                  `--secure-port=${port}`,
                  `--bind-address=${layout.nodeIp}`,
                  '--cert-dir=/tmp',
                  '--kubelet-insecure-tls',
                  '--kubelet-preferred-address-types=InternalIP',
                  '--kubelet-use-node-status-port',
                  '--metric-resolution=15s',
                ],
                // the in-cluster Service IP needs kube-proxy; the API server listens on the host's loopback
                env: [
                  { name: 'KUBERNETES_SERVICE_HOST', value: '127.0.0.1' },
                  { name: 'KUBERNETES_SERVICE_PORT', value: String(layout.ports.api) },
                ],
                ports: [{ name: 'https', containerPort: port, protocol: 'TCP' }],
                readinessProbe: { httpGet: { host: layout.nodeIp, path: '/readyz', port, scheme: 'HTTPS' }, periodSeconds: 5 },
                resources: { requests: { cpu: '50m', memory: '64Mi' } },
                securityContext: {
                  allowPrivilegeEscalation: false,
                  readOnlyRootFilesystem: true,
                  runAsNonRoot: true,
                  runAsUser: 65534,
                  capabilities: { drop: ['ALL'] },
                },
                volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
              },
            ],
            volumes: [{ name: 'tmp', emptyDir: {} }],
          },
        },
      },
    },
    {
      apiVersion: 'apiregistration.k8s.io/v1',
      kind: 'APIService',
      metadata: { name: 'v1beta1.metrics.k8s.io', labels },
      spec: {
        group: 'metrics.k8s.io',
        version: 'v1beta1',
        service: { name: 'metrics-server', namespace: ns, port: 443 },
        // metrics-server's certificate is self-signed (in its emptyDir); the link is host-local
        insecureSkipTLSVerify: true,
        groupPriorityMinimum: 100,
        versionPriority: 100,
      },
    },
  ] as KubernetesObject[];
}
