// kube-proxy in iptables mode: what makes a Service's cluster IP reach its ready pods from the host,
// so the edge (HAProxy on the host) can send an app's host to one stable address while pods come
// and go. Settings from the field notes: conntrack sysctls left alone (root here may not set
// them), no localhost NodePorts. Its chains are the host's (KUBE-SERVICES, ...): one embedded
// cluster with kube-proxy per host.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ManagedProcess } from '../managed-process.js';
import type { ClusterLayout } from './layout.js';

/** kube-proxy's health and metrics ports: the two after the cluster's eight (see layout.ports()). */
export function kubeProxyPorts(layout: ClusterLayout): { healthz: number; metrics: number } {
  return { healthz: layout.ports.api + 8, metrics: layout.ports.api + 9 };
}

export function kubeProxyProcess(layout: ClusterLayout, podSubnet: string): ManagedProcess {
  const { healthz, metrics } = kubeProxyPorts(layout);
  return new ManagedProcess({
    name: 'k8s-kube-proxy',
    command: join(layout.bin, 'kube-proxy'),
    args: [
      `--kubeconfig=${layout.adminKubeconfig}`,
      `--hostname-override=${layout.nodeName}`,
      '--proxy-mode=iptables',
      `--cluster-cidr=${podSubnet}`,
      '--conntrack-max-per-core=0',
      '--conntrack-min=0',
      '--iptables-localhost-nodeports=false',
      `--healthz-bind-address=127.0.0.1:${healthz}`,
      `--metrics-bind-address=127.0.0.1:${metrics}`,
      '--v=1',
    ],
    logDir: layout.logs,
    runDir: layout.runDir,
  });
}

/** After the cluster stopped: kube-proxy's own cleanup removes its chains from the host. */
export function cleanupKubeProxyRules(layout: ClusterLayout): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn(join(layout.bin, 'kube-proxy'), ['--cleanup', '--proxy-mode=iptables'], { stdio: 'ignore' });
    child.once('error', () => resolve());
    child.once('exit', () => resolve());
  });
}

/** Ready once its health endpoint answers: the first sync of the Services' rules is done. */
export function kubeProxyHealthUrl(layout: ClusterLayout): string {
  return `http://127.0.0.1:${kubeProxyPorts(layout).healthz}/healthz`;
}
