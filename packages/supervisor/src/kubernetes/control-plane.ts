// The control plane as plain processes (no systemd, no static pods): etcd with TLS, the API
// server, the controller manager and the scheduler, all on loopback. One node: no leader election.
import { join } from 'node:path';
import { ManagedProcess } from '../managed-process.js';
import { SERVICE_SUBNET, kubeconfigOf } from './certificates.js';
import type { ClusterLayout } from './layout.js';

function proc(layout: ClusterLayout, name: string, binary: string, args: string[]): ManagedProcess {
  return new ManagedProcess({ name: `k8s-${name}`, command: join(layout.bin, binary), args, logDir: layout.logs, runDir: layout.runDir });
}

export function etcdProcess(layout: ClusterLayout): ManagedProcess {
  const { pki, ports } = layout;
  const client = `https://127.0.0.1:${ports.etcdClient}`;
  const peer = `https://127.0.0.1:${ports.etcdPeer}`;
  return proc(layout, 'etcd', 'etcd', [
    '--name=paas',
    `--data-dir=${layout.etcdData}`,
    `--listen-client-urls=${client}`,
    `--advertise-client-urls=${client}`,
    `--listen-peer-urls=${peer}`,
    `--initial-advertise-peer-urls=${peer}`,
    `--initial-cluster=paas=${peer}`,
    `--cert-file=${pki}/etcd/server.crt`,
    `--key-file=${pki}/etcd/server.key`,
    `--trusted-ca-file=${pki}/etcd/ca.crt`,
    '--client-cert-auth=true',
    `--peer-cert-file=${pki}/etcd/peer.crt`,
    `--peer-key-file=${pki}/etcd/peer.key`,
    `--peer-trusted-ca-file=${pki}/etcd/ca.crt`,
    '--peer-client-cert-auth=true',
    '--snapshot-count=10000',
    '--log-level=warn',
  ]);
}

export function apiServerProcess(layout: ClusterLayout): ManagedProcess {
  const { pki, ports } = layout;
  return proc(layout, 'apiserver', 'kube-apiserver', [
    '--bind-address=127.0.0.1',
    `--secure-port=${ports.api}`,
    `--advertise-address=${layout.nodeIp}`,
    `--etcd-servers=https://127.0.0.1:${ports.etcdClient}`,
    `--etcd-cafile=${pki}/etcd/ca.crt`,
    `--etcd-certfile=${pki}/apiserver-etcd-client.crt`,
    `--etcd-keyfile=${pki}/apiserver-etcd-client.key`,
    `--client-ca-file=${pki}/ca.crt`,
    `--tls-cert-file=${pki}/apiserver.crt`,
    `--tls-private-key-file=${pki}/apiserver.key`,
    `--kubelet-client-certificate=${pki}/apiserver-kubelet-client.crt`,
    `--kubelet-client-key=${pki}/apiserver-kubelet-client.key`,
    '--kubelet-preferred-address-types=InternalIP',
    '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
    `--service-account-key-file=${pki}/sa.pub`,
    `--service-account-signing-key-file=${pki}/sa.key`,
    `--service-cluster-ip-range=${SERVICE_SUBNET}`,
    '--authorization-mode=Node,RBAC',
    '--enable-admission-plugins=NodeRestriction',
    '--allow-privileged=true',
    `--proxy-client-cert-file=${pki}/front-proxy-client.crt`,
    `--proxy-client-key-file=${pki}/front-proxy-client.key`,
    `--requestheader-client-ca-file=${pki}/front-proxy-ca.crt`,
    '--requestheader-allowed-names=front-proxy-client',
    '--requestheader-extra-headers-prefix=X-Remote-Extra-',
    '--requestheader-group-headers=X-Remote-Group',
    '--requestheader-username-headers=X-Remote-User',
    // no kube-proxy: the aggregator reaches metrics-server at its endpoint, not its Service IP
    '--enable-aggregator-routing=true',
    '--profiling=false',
  ]);
}

export function controllerManagerProcess(layout: ClusterLayout): ManagedProcess {
  const { pki, ports } = layout;
  const kubeconfig = kubeconfigOf(layout, 'controller-manager');
  return proc(layout, 'controller-manager', 'kube-controller-manager', [
    `--kubeconfig=${kubeconfig}`,
    `--authentication-kubeconfig=${kubeconfig}`,
    `--authorization-kubeconfig=${kubeconfig}`,
    '--bind-address=127.0.0.1',
    `--secure-port=${ports.controllerManager}`,
    '--leader-elect=false',
    '--use-service-account-credentials=true',
    `--cluster-signing-cert-file=${pki}/ca.crt`,
    `--cluster-signing-key-file=${pki}/ca.key`,
    `--root-ca-file=${pki}/ca.crt`,
    `--service-account-private-key-file=${pki}/sa.key`,
    `--service-cluster-ip-range=${SERVICE_SUBNET}`,
    `--client-ca-file=${pki}/ca.crt`,
    `--requestheader-client-ca-file=${pki}/front-proxy-ca.crt`,
    '--controllers=*,bootstrapsigner,tokencleaner',
    '--profiling=false',
  ]);
}

export function schedulerProcess(layout: ClusterLayout): ManagedProcess {
  const kubeconfig = kubeconfigOf(layout, 'scheduler');
  return proc(layout, 'scheduler', 'kube-scheduler', [
    `--kubeconfig=${kubeconfig}`,
    `--authentication-kubeconfig=${kubeconfig}`,
    `--authorization-kubeconfig=${kubeconfig}`,
    '--bind-address=127.0.0.1',
    `--secure-port=${layout.ports.scheduler}`,
    '--leader-elect=false',
    '--profiling=false',
  ]);
}
