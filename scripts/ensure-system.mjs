// Installs what the platform needs and is missing, idempotently; later runs take a second.
// Plain Node with no dependencies: it runs before `npm ci`.
//  - Debian packages: Docker engine, OCI registry, HAProxy (edge), busybox-static and docker-compose (tests)
//  - Go binaries, built from the Go module proxy into a cache outside the repo: Temporal CLI, MinIO
//  - Temporal's time-skipping test server (Java, from Maven Central) for the workflow unit tests
//  - Gitea, the test forge (sign in with Gitea, pushes, webhooks), built from the Go module proxy (scripts/ensure/gitea.mjs)
//  - Mailpit, the test mail server (notification emails), built from the Go module proxy (scripts/ensure/mailpit.mjs)
//  - the embedded Kubernetes cluster (scripts/ensure/kubernetes.mjs): for the tests, and for `npm start` with PAAS_KUBERNETES=embedded
//  - npm dependencies (npm ci when the lock file changed) and the build of every project (Nx, cached)
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureGitea } from './ensure/gitea.mjs';
import { ensureMailpit } from './ensure/mailpit.mjs';
import { ensureKubernetes } from './ensure/kubernetes.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cacheDir = resolve(process.env.PAAS_CACHE_DIR || join(process.env.HOME || '/root', '.cache/paas'));
const binDir = join(cacheDir, 'bin');

/** Pinned so every machine builds the same binaries. */
const GO_BINARIES = [
  { name: 'temporal', module: 'github.com/temporalio/cli/cmd/temporal@v1.5.1' },
  { name: 'minio', module: 'github.com/minio/minio@v0.0.0-20260212201848-7aac2a2c5b7c' },
];

const APT_PACKAGES = [
  { command: 'dockerd', pkg: 'docker.io' },
  { command: 'docker-registry', pkg: 'docker-registry' },
  { command: 'haproxy', pkg: 'haproxy' },
  { command: 'git', pkg: 'git' },
  { command: 'busybox', pkg: 'busybox-static', path: '/bin/busybox' },
  { command: 'docker-compose', pkg: 'docker-compose' },
  { command: 'wrk', pkg: 'wrk' },
  // the site server for STATIC apps, with brotli (precompressed and on the fly)
  { command: 'nginx', pkg: 'nginx', path: '/usr/sbin/nginx' },
  // the console's browser tests (playwright-core drives Debian's Chromium)
  { command: 'chromium', pkg: 'chromium', path: '/usr/bin/chromium' },
  { command: 'nginx brotli_static', pkg: 'libnginx-mod-http-brotli-static', path: '/usr/lib/nginx/modules/ngx_http_brotli_static_module.so' },
  { command: 'nginx brotli filter', pkg: 'libnginx-mod-http-brotli-filter', path: '/usr/lib/nginx/modules/ngx_http_brotli_filter_module.so' },
  { command: 'debootstrap', pkg: 'debootstrap' },
  { command: '/usr/bin/docker', pkg: 'docker.io', path: '/usr/bin/docker' },
  // the embedded Kubernetes node: containers through runc, pods' network through the CNI plugins
  { command: 'runc', pkg: 'runc', path: '/usr/sbin/runc' },
  { command: 'CNI bridge plugin', pkg: 'containernetworking-plugins', path: '/usr/lib/cni/bridge' },
  { command: 'gcc', pkg: 'gcc' },
];

function log(msg) {
  console.log(`[ensure] ${msg}`);
}

function run(cmd, args, opts = {}) {
  const res = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...opts });
  if (res.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed with exit code ${res.status}`);
}

function has(command, path) {
  if (path && existsSync(path)) return true;
  return spawnSync('sh', ['-c', 'command -v "$1"', 'sh', command], { stdio: 'ignore' }).status === 0;
}

function ensureAptPackages() {
  const missing = APT_PACKAGES.filter((p) => !has(p.command, p.path)).map((p) => p.pkg);
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) throw new Error(`missing packages ${missing.join(', ')}; install them (apt-get install ${missing.join(' ')}) or run as root`);
  log(`installing Debian packages: ${missing.join(', ')}`);
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

function ensureGoBinaries() {
  mkdirSync(binDir, { recursive: true });
  for (const b of GO_BINARIES) {
    const stamp = join(binDir, `${b.name}.module`);
    if (existsSync(join(binDir, b.name)) && existsSync(stamp) && readFileSync(stamp, 'utf8') === b.module) continue;
    if (!has('go')) throw new Error(`Go is needed to build ${b.name} (${b.module}); install golang`);
    log(`building ${b.name} from the Go module proxy (${b.module}); cached in ${binDir}`);
    run('go', ['install', b.module], { env: { ...process.env, GOBIN: binDir, GOFLAGS: '-trimpath', CGO_ENABLED: '0' } });
    writeFileSync(stamp, b.module);
  }
}

/**
 * The time-skipping test server that @temporalio/testing runs for workflow unit tests is a Java
 * program published on Maven Central (its prebuilt download cannot be fetched here). Maven fetches
 * it with its dependencies into the cache, and a launcher that `exec`s java stands where
 * TestWorkflowEnvironment expects an executable (it passes the port as the only argument).
 */
const TEST_SERVER = { artifact: 'io.temporal:temporal-test-server', version: '1.31.0' };
const testServerDir = join(cacheDir, 'temporal-test-server');

function ensureTimeSkippingServer() {
  const stamp = join(testServerDir, 'version');
  const launcher = join(testServerDir, 'temporal-test-server');
  const want = `${TEST_SERVER.artifact}:${TEST_SERVER.version}`;
  if (existsSync(launcher) && existsSync(stamp) && readFileSync(stamp, 'utf8') === want) return;
  if (!has('mvn') || !has('java')) {
    if (process.getuid?.() !== 0) throw new Error('Java and Maven are needed for the workflow unit tests (apt-get install default-jre-headless maven)');
    log("installing Java and Maven (the workflow unit tests run Temporal's time-skipping test server)");
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'default-jre-headless', 'maven'], {
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  }
  log(`fetching ${want} from Maven Central; cached in ${testServerDir}`);
  mkdirSync(testServerDir, { recursive: true });
  const [groupId, artifactId] = TEST_SERVER.artifact.split(':');
  writeFileSync(
    join(testServerDir, 'pom.xml'),
    `<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <groupId>paas</groupId><artifactId>temporal-test-server-deps</artifactId><version>1</version>
  <dependencies><dependency><groupId>${groupId}</groupId><artifactId>${artifactId}</artifactId><version>${TEST_SERVER.version}</version></dependency></dependencies>
</project>\n`,
  );
  run('mvn', ['-q', '-B', 'dependency:copy-dependencies', `-DoutputDirectory=${join(testServerDir, 'lib')}`], { cwd: testServerDir });
  writeFileSync(launcher, `#!/bin/sh\nexec java -cp '${join(testServerDir, 'lib')}/*' io.temporal.testserver.TestServer "$@"\n`, { mode: 0o755 });
  writeFileSync(stamp, want);
}

function ensureNodeModules() {
  const hash = lockHash();
  const stamp = join(root, 'node_modules', '.paas-lock-hash');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) return;
  // `npm install` honours package-lock.json like `npm ci`, but also accepts a lock file written
  // without registry URLs, which `npm ci` rejects for other platforms' optional packages.
  log('installing npm dependencies');
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error']);
  writeFileSync(stamp, lockHash());
}

function lockHash() {
  return createHash('sha256')
    .update(readFileSync(join(root, 'package-lock.json')))
    .digest('hex');
}

/**
 * Every project's `build` target through Nx (tsc -b per package; the console's codegen, type check
 * and vite build), each cached by the hash of its inputs: a warm run restores nothing and takes
 * about a second. Nx's output is shown only when a build fails; otherwise one line per project built.
 */
function build() {
  const nx = join(root, 'node_modules/nx', JSON.parse(readFileSync(join(root, 'node_modules/nx/package.json'), 'utf8')).bin.nx);
  const res = spawnSync(process.execPath, [nx, 'run-many', '-t', 'build', '--output-style=static'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', FORCE_COLOR: '0' },
  });
  const output = `${res.stdout ?? ''}${res.stderr ?? ''}`;
  for (const m of output.matchAll(/^> nx run (\S+):build(?!.*\[(local|remote) cache)/gm)) log(`built ${m[1]}`);
  if (res.status !== 0) {
    process.stderr.write(output);
    throw new Error(`the build failed (nx run-many -t build, exit code ${res.status ?? res.signal})`);
  }
}

const t0 = Date.now();
// `--for=unit`: the unit tests need no service, so neither the Debian packages nor the Go binaries
if (!process.argv.includes('--for=unit')) {
  ensureAptPackages();
  ensureGoBinaries();
}
// `npm start` runs no tests: it skips the test server
if (!process.argv.includes('--for=start')) ensureTimeSkippingServer();
// Gitea serves the medium and e2e tests only
if (!process.argv.includes('--for=start') && !process.argv.includes('--for=unit')) ensureGitea({ cacheDir, log });
// Mailpit receives the e2e tests' notification emails
if (!process.argv.includes('--for=start') && !process.argv.includes('--for=unit')) ensureMailpit({ cacheDir, log });
// the tests run on the embedded cluster; `npm start` only when asked for it (it takes minutes to build)
const forStart = process.argv.includes('--for=start');
if (!process.argv.includes('--for=unit') && (!forStart || (process.env.PAAS_KUBERNETES === 'embedded' && !process.env.KUBECONFIG))) {
  ensureKubernetes({ cacheDir, log });
}
ensureNodeModules();
build();
log(`ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
