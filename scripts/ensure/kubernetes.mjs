// Builds the embedded Kubernetes cluster's programs into the user cache once, from the Go module
// proxy (no registry here ships the control plane or the kubelet, and no image can be pulled):
// Kubernetes, etcd, a containerd of the cluster's own, gVisor's runsc and its shim, metrics-server,
// and the two images the node needs without a registry (pause, metrics-server) as image archives.
// Plain Node with no dependencies, like ensure-system.mjs which imports it.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const KUBERNETES_VERSION = 'v1.35.4';
const wrappers = join(dirname(fileURLToPath(import.meta.url)), 'kubernetes');
const VERSION_PKG = 'k8s.io/component-base/version';

/**
 * One wrapper module per upstream (their dependency graphs disagree: metrics-server wants
 * k8s.io/* v0.36, etcd's server breaks beside etcdctl 3.7), each pinned by its go.mod and go.sum.
 */
const COMPONENTS = [
  {
    name: 'kubernetes',
    minutes: 7,
    // without the version ldflags the binaries call themselves v0.0.0-master and kubeadm refuses
    ldflags: `-X ${VERSION_PKG}.gitVersion=${KUBERNETES_VERSION} -X ${VERSION_PKG}.gitMajor=1 -X ${VERSION_PKG}.gitMinor=35 -X ${VERSION_PKG}.gitTreeState=clean`,
    packages: [
      ...['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kubelet', 'kubeadm', 'kubectl'].map((c) => `k8s.io/kubernetes/cmd/${c}`),
      // ours: stops the node's pods through the CRI at the cluster's stop (no crictl on the proxy)
      'paas.local/kubernetes-build/cmd/stop-pods',
    ],
    sources: ['cmd/stop-pods/main.go'],
  },
  {
    // its own wrapper (the proxier adds netlink, ipvs and nftables modules) and stamp: caches built
    // before it need not rebuild the control plane
    name: 'kube-proxy',
    minutes: 2,
    ldflags: `-X ${VERSION_PKG}.gitVersion=${KUBERNETES_VERSION} -X ${VERSION_PKG}.gitMajor=1 -X ${VERSION_PKG}.gitMinor=35 -X ${VERSION_PKG}.gitTreeState=clean`,
    packages: ['k8s.io/kubernetes/cmd/kube-proxy'],
    output: 'kube-proxy',
  },
  { name: 'etcd', minutes: 1, packages: ['go.etcd.io/etcd/server/v3'], output: 'etcd' },
  {
    name: 'containerd',
    minutes: 2,
    packages: ['containerd', 'ctr', 'containerd-shim-runc-v2'].map((c) => `github.com/containerd/containerd/v2/cmd/${c}`),
  },
  { name: 'runsc', wrapper: 'gvisor', minutes: 2, packages: ['gvisor.dev/gvisor/runsc'], output: 'runsc' },
  {
    name: 'runsc-shim',
    wrapper: 'gvisor',
    minutes: 1,
    packages: ['gvisor.dev/gvisor/shim'],
    output: 'containerd-shim-runsc-v1',
    patch: shimPatch,
  },
  { name: 'metrics-server', minutes: 2, packages: ['sigs.k8s.io/metrics-server/cmd/metrics-server'], output: 'metrics-server' },
];

/** <cache>/kubernetes/<version>/{bin,images}: what packages/supervisor/src/kubernetes runs. */
export function kubernetesDir(cacheDir) {
  return join(cacheDir, 'kubernetes', KUBERNETES_VERSION);
}

function findGo() {
  for (const dir of (process.env.PATH ?? '').split(':')) if (dir && existsSync(join(dir, 'go'))) return join(dir, 'go');
  if (existsSync('/usr/local/go/bin/go')) return '/usr/local/go/bin/go';
  throw new Error(`Go is needed to build Kubernetes ${KUBERNETES_VERSION} (the embedded cluster); install golang`);
}

function run(cmd, args, opts) {
  const res = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (res.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed with exit code ${res.status ?? res.signal}`);
  return res;
}

/** The wrapper's files, relative to its directory: go.mod, go.sum and any program of ours. */
function wrapperSources(c) {
  return ['go.mod', 'go.sum', ...(c.sources ?? [])];
}

function wrapperFiles(c) {
  return wrapperSources(c).map((f) => join(wrappers, c.wrapper ?? c.name, f));
}

function copyWrapper(c, moduleDir) {
  for (const f of wrapperSources(c)) {
    mkdirSync(dirname(join(moduleDir, f)), { recursive: true });
    writeFileSync(join(moduleDir, f), readFileSync(join(wrappers, c.wrapper ?? c.name, f)));
  }
}

function stampOf(c, extra = '') {
  const hash = createHash('sha256').update(JSON.stringify(c)).update(extra);
  for (const f of wrapperFiles(c)) hash.update(readFileSync(f));
  if (c.patch) hash.update(c.patch.toString());
  return hash.digest('hex');
}

/**
 * gVisor's shim sets its own oom_score_adj to -999 and fails the start when it cannot; root here
 * lacks CAP_SYS_RESOURCE. The module is vendored into the build's work dir and that one error
 * is ignored there (go build -overlay may not replace files of the module cache); the
 * module cache and the committed go.mod stay untouched. Returns the extra build flags.
 */
function shimPatch(go, moduleDir) {
  run(go, ['mod', 'vendor'], { cwd: moduleDir, env: goEnv() });
  const file = join(moduleDir, 'vendor/gvisor.dev/gvisor/pkg/shim/v1/manager.go');
  const original = readFileSync(file, 'utf8');
  const failing = 'return shim.BootstrapParams{}, fmt.Errorf("failed to set OOM Score on shim: %w", err)';
  if (!original.includes(failing)) throw new Error(`gVisor's shim changed: ${file} no longer fails on its OOM score as expected; review shimPatch`);
  chmodSync(file, 0o644);
  // not a log line: containerd reads the shim's stdout at start as its bootstrap answer
  writeFileSync(file, original.replace(failing, "_ = err // no CAP_SYS_RESOURCE: the shim keeps its parent's OOM score"));
  return ['-mod=vendor'];
}

function goEnv() {
  // readonly: build exactly the committed versions; no cgo: static binaries, no toolchain needs
  return { ...process.env, CGO_ENABLED: '0', GOFLAGS: '-mod=readonly' };
}

function buildComponent(go, c, binDir, workRoot, log) {
  const stampFile = join(binDir, `.${c.name}.stamp`);
  const stamp = stampOf(c);
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return false;
  const t0 = Date.now();
  log(`building ${c.name} for the embedded Kubernetes cluster (about ${c.minutes} min on 2 cores, once)`);
  const moduleDir = join(workRoot, c.wrapper ?? c.name);
  rmSync(moduleDir, { recursive: true, force: true });
  mkdirSync(moduleDir, { recursive: true });
  copyWrapper(c, moduleDir);
  const partial = join(workRoot, `${c.name}.out`);
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  const args = ['build', '-trimpath', '-ldflags', `-s -w ${c.ldflags ?? ''}`.trim()];
  if (c.patch) args.push(...c.patch(go, moduleDir));
  args.push('-o', c.output ? join(partial, c.output) : `${partial}/`, ...c.packages);
  run(go, args, { cwd: moduleDir, env: goEnv() });
  for (const name of spawnSync('ls', [partial], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean)) {
    renameSync(join(partial, name), join(binDir, name));
  }
  writeFileSync(stampFile, stamp);
  log(`built ${c.name} in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  return true;
}

/** The pause program every pod's sandbox runs: Kubernetes' own C source, static, from the module. */
function buildPause(go, binDir, workRoot) {
  const moduleDir = join(workRoot, 'kubernetes');
  const res = spawnSync(go, ['list', '-m', '-f', '{{.Dir}}', 'k8s.io/kubernetes'], { cwd: moduleDir, encoding: 'utf8', env: goEnv() });
  const src = join(res.stdout.trim(), 'build/pause/linux/pause.c');
  if (!existsSync(src)) throw new Error(`pause.c not found in the kubernetes module (${src})`);
  run('gcc', ['-Os', '-static', '-Wall', '-Werror', `-DVERSION=${KUBERNETES_VERSION}-paas`, '-o', join(binDir, 'pause'), src]);
  run('strip', [join(binDir, 'pause')]);
}

const sha256 = (data) => createHash('sha256').update(data).digest('hex');

/**
 * A one-layer image FROM scratch in `docker save`'s archive format, which `ctr images import`
 * reads: built with tar alone, so the install needs neither a running Docker engine nor a pull.
 */
function imageArchive({ workRoot, name, tag, files, entrypoint, out }) {
  const rootfs = join(workRoot, `${name}-rootfs`);
  rmSync(rootfs, { recursive: true, force: true });
  mkdirSync(rootfs, { recursive: true });
  for (const [dest, from] of files) writeFileSync(join(rootfs, dest), readFileSync(from), { mode: 0o755 });
  const layerFile = join(workRoot, `${name}-layer.tar`);
  const fixed = ['--owner=0', '--group=0', '--numeric-owner', '--mtime=@0', '--sort=name'];
  run('tar', ['-cf', layerFile, ...fixed, '-C', rootfs, ...files.map(([dest]) => dest)]);
  const layer = readFileSync(layerFile);
  const diffId = `sha256:${sha256(layer)}`;
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      config: { Entrypoint: entrypoint, User: '65534:65534' },
      rootfs: { type: 'layers', diff_ids: [diffId] },
    }),
  );
  const configName = `${sha256(config)}.json`;
  const dir = join(workRoot, `${name}-archive`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, sha256(layer)), { recursive: true });
  writeFileSync(join(dir, configName), config);
  renameSync(layerFile, join(dir, sha256(layer), 'layer.tar'));
  const manifest = [{ Config: configName, RepoTags: [`${name}:${tag}`], Layers: [`${sha256(layer)}/layer.tar`] }];
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  run('tar', ['-cf', `${out}.partial`, ...fixed, '-C', dir, 'manifest.json', configName, sha256(layer)]);
  renameSync(`${out}.partial`, out);
}

/** The images the node imports into its containerd (names the supervisor uses). */
export const LOCAL_IMAGES = {
  pause: { name: 'paas.local/pause', tag: '3.10-paas', file: 'pause.tar' },
  metricsServer: { name: 'paas.local/metrics-server', tag: 'v0.9.0', file: 'metrics-server.tar' },
};

/** Builds whatever of the cluster is missing or changed; a warm run reads a few stamps. */
export function ensureKubernetes({ cacheDir, log }) {
  const dir = kubernetesDir(cacheDir);
  const binDir = join(dir, 'bin');
  const imagesDir = join(dir, 'images');
  const workRoot = join(dir, 'work');
  mkdirSync(binDir, { recursive: true });
  mkdirSync(imagesDir, { recursive: true });
  const pending = COMPONENTS.filter(
    (c) => !existsSync(join(binDir, `.${c.name}.stamp`)) || readFileSync(join(binDir, `.${c.name}.stamp`), 'utf8') !== stampOf(c),
  );
  const imagesStampFile = join(imagesDir, '.stamp');
  // the images hold the pause program (from the kubernetes module) and metrics-server's binary
  const imagesStamp = sha256(JSON.stringify(LOCAL_IMAGES) + imageArchive.toString() + stampOf(COMPONENTS[0]) + stampOf(COMPONENTS.at(-1)));
  const imagesReady = existsSync(imagesStampFile) && readFileSync(imagesStampFile, 'utf8') === imagesStamp;
  if (pending.length === 0 && imagesReady) return dir;

  const go = findGo();
  const t0 = Date.now();
  const total = pending.reduce((m, c) => m + c.minutes, 0);
  if (pending.length)
    log(`building the embedded Kubernetes cluster ${KUBERNETES_VERSION} from the Go module proxy: about ${total} min on 2 cores, once; cached in ${dir}`);
  mkdirSync(workRoot, { recursive: true });
  for (const c of pending) buildComponent(go, c, binDir, workRoot, log);
  if (!imagesReady) {
    // the kubernetes wrapper module is where pause.c comes from
    const moduleDir = join(workRoot, 'kubernetes');
    mkdirSync(moduleDir, { recursive: true });
    copyWrapper(COMPONENTS[0], moduleDir);
    buildPause(go, binDir, workRoot);
    const { pause, metricsServer } = LOCAL_IMAGES;
    imageArchive({ workRoot, ...pause, files: [['pause', join(binDir, 'pause')]], entrypoint: ['/pause'], out: join(imagesDir, pause.file) });
    imageArchive({
      workRoot,
      ...metricsServer,
      files: [['metrics-server', join(binDir, 'metrics-server')]],
      entrypoint: ['/metrics-server'],
      out: join(imagesDir, metricsServer.file),
    });
    writeFileSync(imagesStampFile, imagesStamp);
  }
  rmSync(workRoot, { recursive: true, force: true });
  log(`the embedded Kubernetes cluster's programs are ready in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  return dir;
}
