// PAAS_KUBERNETES* are read from the user's environment: hostile or mistaken values stop the
// start with the variable's name instead of reaching kubeadm's YAML or the CNI configuration.
import { describe, expect, it } from 'vitest';
import { readKubernetesConfig } from '../config.js';
import { mountsUnder, mountPoints } from './cleanup.js';

describe('PAAS_KUBERNETES settings', () => {
  it('is off by default, on 6443 and 10.244.0.0/24', () => {
    expect(readKubernetesConfig({})).toEqual({ mode: 'off', kubeconfig: undefined, apiPort: 6443, podSubnet: '10.244.0.0/24', nodeIp: undefined });
  });

  it('takes embedded and a KUBECONFIG', () => {
    expect(readKubernetesConfig({ PAAS_KUBERNETES: 'embedded', KUBECONFIG: '/x/config' })).toMatchObject({ mode: 'embedded', kubeconfig: '/x/config' });
  });

  it.each([
    [{ PAAS_KUBERNETES: 'yes' }, /PAAS_KUBERNETES must be/],
    [{ PAAS_KUBERNETES: 'embedded\nkind: Pod' }, /PAAS_KUBERNETES must be/],
    [{ PAAS_KUBERNETES_API_PORT: '65530' }, /seven other ports/],
    [{ PAAS_KUBERNETES_API_PORT: '6443; rm -rf /' }, /must be a port number/],
    [{ PAAS_KUBERNETES_POD_SUBNET: '0.0.0.0/0' }, /POD_SUBNET must be/],
    [{ PAAS_KUBERNETES_POD_SUBNET: '10.244.0.0/24", "bridge": "docker0' }, /POD_SUBNET must be/],
    [{ PAAS_KUBERNETES_POD_SUBNET: '10.300.0.0/24' }, /POD_SUBNET must be/],
    [{ PAAS_KUBERNETES_POD_SUBNET: '8.8.8.0/24' }, /POD_SUBNET must be/],
    [{ PAAS_KUBERNETES_NODE_IP: '1.2.3.4\n  bindPort: 1' }, /NODE_IP must be/],
  ])('refuses %j', (env, message) => {
    expect(() => readKubernetesConfig(env as NodeJS.ProcessEnv)).toThrow(message);
  });
});

describe('leftover mounts', () => {
  const mountinfo = [
    '22 1 8:1 / / rw - ext4 /dev/vda rw',
    '90 22 0:50 / /data/kubernetes/kubelet/pods/u1/volumes/kubernetes.io~projected/kube-api-access rw - tmpfs tmpfs rw',
    '91 22 0:51 / /run/paas-k8s-abc/netns/cni-1 rw - nsfs nsfs rw',
    '92 22 0:52 / /data/kubernetes\\040other/x rw - tmpfs tmpfs rw',
    '93 22 0:53 / /data/kubernetes-not-ours rw - tmpfs tmpfs rw',
    '94 22 0:54 / /data/kubernetes/kubelet/pods/u1 rw - tmpfs tmpfs rw',
  ].join('\n');

  it('finds only the mounts under the cluster dirs, deepest first, with escapes decoded', () => {
    const points = mountPoints(mountinfo);
    expect(points).toContain('/data/kubernetes other/x');
    expect(mountsUnder(['/data/kubernetes', '/run/paas-k8s-abc'], points)).toEqual([
      '/data/kubernetes/kubelet/pods/u1/volumes/kubernetes.io~projected/kube-api-access',
      '/data/kubernetes/kubelet/pods/u1',
      '/run/paas-k8s-abc/netns/cni-1',
    ]);
  });
});
