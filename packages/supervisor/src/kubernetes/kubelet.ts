// The node agent. Its settings are what these hosts need: cgroup v1 (1.35 refuses it unless told),
// cgroupfs (no systemd), ports of its own (another cluster may run beside), webhook auth.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ManagedProcess } from '../managed-process.js';
import { kubeconfigOf } from './certificates.js';
import type { ClusterLayout } from './layout.js';
import { cgroupRootOf, ensureCgroupRoot } from './cgroup-root.js';

function kubeletConfig(layout: ClusterLayout): string {
  return JSON.stringify(
    {
      apiVersion: 'kubelet.config.k8s.io/v1beta1',
      kind: 'KubeletConfiguration',
      failCgroupV1: false,
      cgroupDriver: 'cgroupfs',
      // pods under a cgroup of this cluster's own: another cluster's kubelet would kill them as orphans
      cgroupRoot: cgroupRootOf(layout),
      containerRuntimeEndpoint: `unix://${layout.containerdSocket}`,
      failSwapOn: false,
      address: layout.nodeIp,
      port: layout.ports.kubelet,
      readOnlyPort: 0,
      healthzBindAddress: '127.0.0.1',
      healthzPort: layout.ports.kubeletHealthz,
      authentication: { anonymous: { enabled: false }, webhook: { enabled: true }, x509: { clientCAFile: join(layout.pki, 'ca.crt') } },
      authorization: { mode: 'Webhook' },
      clusterDomain: 'cluster.local',
      podLogsDir: join(layout.kubeletDir, 'pod-logs'),
      // a shared development machine's disk is often fuller than a node's defaults accept
      evictionHard: { 'memory.available': '100Mi', 'nodefs.available': '2%', 'imagefs.available': '2%' },
      imageGCHighThresholdPercent: 95,
      imageGCLowThresholdPercent: 90,
      serializeImagePulls: false,
    },
    null,
    2,
  );
}

export function kubeletProcess(layout: ClusterLayout): ManagedProcess {
  mkdirSync(layout.kubeletDir, { recursive: true });
  ensureCgroupRoot(layout);
  const config = join(layout.kubeletDir, 'config.json');
  writeFileSync(config, kubeletConfig(layout));
  return new ManagedProcess({
    name: 'k8s-kubelet',
    command: join(layout.bin, 'kubelet'),
    args: [
      `--config=${config}`,
      `--kubeconfig=${kubeconfigOf(layout, 'kubelet')}`,
      `--root-dir=${layout.kubeletDir}`,
      `--cert-dir=${join(layout.kubeletDir, 'pki')}`,
      `--hostname-override=${layout.nodeName}`,
      `--node-ip=${layout.nodeIp}`,
      '--v=1',
    ],
    logDir: layout.logs,
    runDir: layout.runDir,
  });
}
