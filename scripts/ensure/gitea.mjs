// Builds Gitea, the test forge (OAuth2/OIDC provider, webhooks, git over HTTP), into the user cache
// once. Plain Node with no dependencies, like ensure-system.mjs which imports it.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const GITEA_VERSION = '1.27.3';

// The wrapper module (go.mod and go.sum, pinned and tidied; see the comment in its go.mod).
const wrapperDir = join(dirname(fileURLToPath(import.meta.url)), 'gitea');
const WRAPPER_FILES = ['go.mod', 'go.sum'];

/** What Gitea reads from STATIC_ROOT_PATH when built without the `bindata` tag. */
const STATIC_DIRS = ['templates', 'options', 'public'];

/** Where the binary and its static files live: <cache>/gitea/<version>/{gitea,templates,options,public}. */
export function giteaDir(cacheDir) {
  return join(cacheDir, 'gitea', GITEA_VERSION);
}

/** The build's identity: a changed go.mod or go.sum builds again. */
function stampOf() {
  const hash = createHash('sha256').update(GITEA_VERSION);
  for (const f of WRAPPER_FILES) hash.update(readFileSync(join(wrapperDir, f)));
  return hash.digest('hex');
}

function findGo() {
  for (const dir of (process.env.PATH ?? '').split(':')) if (dir && existsSync(join(dir, 'go'))) return join(dir, 'go');
  if (existsSync('/usr/local/go/bin/go')) return '/usr/local/go/bin/go';
  throw new Error(`Go is needed to build Gitea ${GITEA_VERSION} (the test forge); install golang`);
}

function run(cmd, args, opts) {
  const res = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (res.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed with exit code ${res.status ?? res.signal}`);
}

// The module cache is read-only; the copies must be removable and replaceable by a later build.
function makeWritable(path) {
  const st = statSync(path);
  chmodSync(path, st.isDirectory() ? 0o755 : 0o644);
  if (st.isDirectory()) for (const entry of readdirSync(path)) makeWritable(join(path, entry));
}

/** Builds Gitea unless the cache already holds this exact build; returns the binary's path. */
export function ensureGitea({ cacheDir, log }) {
  const dir = giteaDir(cacheDir);
  const binary = join(dir, 'gitea');
  const stampFile = join(dir, 'stamp');
  const stamp = stampOf();
  if (existsSync(binary) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return binary;

  const go = findGo();
  const t0 = Date.now();
  log(`building Gitea ${GITEA_VERSION} from the Go module proxy (about 6 minutes, once); cached in ${dir}`);
  const moduleDir = join(dir, 'module');
  rmSync(moduleDir, { recursive: true, force: true });
  mkdirSync(moduleDir, { recursive: true });
  for (const f of WRAPPER_FILES) writeFileSync(join(moduleDir, f), readFileSync(join(wrapperDir, f)));
  // no cgo: Gitea's default SQLite driver is pure Go. readonly: build exactly the committed versions.
  const env = { ...process.env, CGO_ENABLED: '0', GOFLAGS: '-mod=readonly' };
  const partial = join(dir, 'gitea.partial');
  run(go, ['build', '-trimpath', '-ldflags', `-s -w -X main.Version=${GITEA_VERSION}`, '-o', partial, 'gitea.dev'], { cwd: moduleDir, env });

  // STATIC_ROOT_PATH points here, so running Gitea does not depend on the Go module cache
  const src = spawnSync(go, ['list', '-m', '-f', '{{.Dir}}', 'gitea.dev'], { cwd: moduleDir, env, encoding: 'utf8' });
  const srcDir = src.stdout?.trim();
  if (src.status !== 0 || !srcDir) throw new Error(`cannot find Gitea's module source: ${src.stderr}`);
  for (const name of STATIC_DIRS) {
    rmSync(join(dir, name), { recursive: true, force: true });
    cpSync(join(srcDir, name), join(dir, name), { recursive: true });
    makeWritable(join(dir, name));
  }
  renameSync(partial, binary);
  writeFileSync(stampFile, stamp);
  log(`built Gitea ${GITEA_VERSION} in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  return binary;
}
