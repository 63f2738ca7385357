// The cluster's CA, certificates and kubeconfigs, made once by kubeadm's own phases (the same
// certificates a kubeadm cluster has) and kept in the data dir: a second start reuses them.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { KUBERNETES_VERSION, type ClusterLayout } from './layout.js';

export const SERVICE_SUBNET = '10.96.0.0/16';

export const kubeconfigOf = (layout: ClusterLayout, name: 'admin' | 'super-admin' | 'kubelet' | 'controller-manager' | 'scheduler') =>
  join(layout.kubeconfigs, `${name}.conf`);

function kubeadmConfig(layout: ClusterLayout): string {
  // kubeadm refuses to advertise 127.0.0.1 ("unable to select an IP from lo"): the node's address
  // is advertised, and every client reaches the API through the loopback endpoint and SANs.
  return `apiVersion: kubeadm.k8s.io/v1beta4
kind: InitConfiguration
localAPIEndpoint:
  advertiseAddress: ${layout.nodeIp}
  bindPort: ${layout.ports.api}
nodeRegistration:
  name: ${layout.nodeName}
  criSocket: unix://${layout.containerdSocket}
---
apiVersion: kubeadm.k8s.io/v1beta4
kind: ClusterConfiguration
kubernetesVersion: ${KUBERNETES_VERSION}
clusterName: paas
controlPlaneEndpoint: 127.0.0.1:${layout.ports.api}
certificatesDir: ${layout.pki}
apiServer:
  certSANs: [127.0.0.1, localhost, ${layout.nodeIp}]
networking:
  serviceSubnet: ${SERVICE_SUBNET}
etcd:
  local:
    dataDir: ${layout.etcdData}
    serverCertSANs: [127.0.0.1, localhost]
    peerCertSANs: [127.0.0.1, localhost]
`;
}

function runKubeadm(layout: ClusterLayout, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(layout.bin, 'kubeadm'), args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`kubeadm ${args.slice(0, 3).join(' ')} failed (${code}):\n${output}`))));
  });
}

/** Makes what is missing; returns true when this start created the CA. */
export async function ensureCertificates(layout: ClusterLayout): Promise<boolean> {
  mkdirSync(layout.kubeconfigs, { recursive: true, mode: 0o700 });
  const config = join(layout.dir, 'kubeadm.yaml');
  writeFileSync(config, kubeadmConfig(layout));
  const createdCa = !existsSync(join(layout.pki, 'ca.crt'));
  if (createdCa || !existsSync(join(layout.pki, 'front-proxy-client.crt'))) {
    await runKubeadm(layout, ['init', 'phase', 'certs', 'all', '--config', config]);
  }
  if (!existsSync(kubeconfigOf(layout, 'scheduler'))) {
    await runKubeadm(layout, ['init', 'phase', 'kubeconfig', 'all', '--config', config, '--kubeconfig-dir', layout.kubeconfigs]);
  }
  pointAtLoopback(layout);
  return createdCa;
}

/** Every kubeconfig talks to the API on loopback at this start's port (the port may change between starts). */
function pointAtLoopback(layout: ClusterLayout): void {
  for (const name of ['admin', 'super-admin', 'kubelet', 'controller-manager', 'scheduler'] as const) {
    const file = kubeconfigOf(layout, name);
    const kc = new KubeConfig();
    kc.loadFromFile(file);
    const server = `https://127.0.0.1:${layout.ports.api}`;
    if (kc.clusters.every((c) => c.server === server)) continue;
    kc.loadFromOptions({
      clusters: kc.clusters.map((c) => ({ ...c, server })),
      users: kc.users,
      contexts: kc.contexts,
      currentContext: kc.currentContext,
    });
    writeFileSync(file, kc.exportConfig(), { mode: 0o600 });
  }
  const admin = readFileSync(kubeconfigOf(layout, 'admin'));
  writeFileSync(layout.adminKubeconfig, admin, { mode: 0o600 });
}
