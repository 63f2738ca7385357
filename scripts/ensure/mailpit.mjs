// Builds Mailpit (an SMTP server with an HTTP API; the notification tests read the emails the
// platform sends through it) into the user cache once. Plain Node with no dependencies, like
// ensure-system.mjs which imports it. Its go.mod has no replace directives, so `go install` fits.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const MAILPIT_VERSION = 'v1.27.11';
const MODULE = `github.com/axllent/mailpit@${MAILPIT_VERSION}`;

/** Where the binary lives: <cache>/mailpit/<version>/mailpit. */
export function mailpitDir(cacheDir) {
  return join(cacheDir, 'mailpit', MAILPIT_VERSION);
}

function findGo() {
  for (const dir of (process.env.PATH ?? '').split(':')) if (dir && existsSync(join(dir, 'go'))) return join(dir, 'go');
  if (existsSync('/usr/local/go/bin/go')) return '/usr/local/go/bin/go';
  throw new Error(`Go is needed to build Mailpit ${MAILPIT_VERSION} (the test mail server); install golang`);
}

/** Builds Mailpit unless the cache already holds this version; returns the binary's path. */
export function ensureMailpit({ cacheDir, log }) {
  const dir = mailpitDir(cacheDir);
  const binary = join(dir, 'mailpit');
  const stampFile = join(dir, 'stamp');
  if (existsSync(binary) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === MODULE) return binary;

  const go = findGo();
  const t0 = Date.now();
  log(`building Mailpit ${MAILPIT_VERSION} from the Go module proxy (about a minute, once); cached in ${dir}`);
  const gobin = join(dir, 'partial');
  mkdirSync(gobin, { recursive: true });
  // no cgo: its SQLite driver is pure Go. GOBIN first, then renamed: a killed build leaves no binary behind
  const env = { ...process.env, GOBIN: gobin, CGO_ENABLED: '0', GOFLAGS: '-trimpath -mod=mod' };
  const res = spawnSync(go, ['install', '-ldflags', `-s -w -X github.com/axllent/mailpit/config.Version=${MAILPIT_VERSION}`, MODULE], {
    stdio: 'inherit',
    env,
  });
  if (res.status !== 0) throw new Error(`go install ${MODULE} failed with exit code ${res.status ?? res.signal}`);
  renameSync(join(gobin, 'mailpit'), binary);
  rmSync(gobin, { recursive: true, force: true });
  writeFileSync(stampFile, MODULE);
  log(`built Mailpit ${MAILPIT_VERSION} in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  return binary;
}
