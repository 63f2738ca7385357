// A real Gitea for the tests (the binary scripts/ensure-system.mjs builds into the cache): the
// forge for "sign in with Gitea" (OAuth2/OIDC provider) and for pushes, webhooks, pull requests
// and commit statuses. SQLite in a fresh work dir, no web installer, loopback only.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { tcpOpen } from '@paas/supervisor';
import { giteaApi, type GiteaApi } from './gitea-api.js';

/** The version scripts/ensure/gitea.mjs builds; the two must name the same. */
export const GITEA_VERSION = '1.27.3';

/** Where ensure-system puts the binary, with the templates/options/public it serves from. */
export function giteaInstallDir(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.PAAS_CACHE_DIR || join(env.HOME || '/root', '.cache/paas'), 'gitea', GITEA_VERSION);
}

export interface GiteaAdmin {
  username: string;
  password: string;
  token: string;
}

export interface RunningGitea extends GiteaApi {
  url: string;
  port: number;
  workDir: string;
  admin: GiteaAdmin;
  /** The last lines Gitea wrote, for error messages. */
  logTail(lines?: number): string;
  /** SIGTERM, SIGKILL after a grace period, then the work dir is removed (kept with PAAS_TEST_KEEP). */
  stop(): Promise<void>;
}

export interface StartGiteaOptions {
  port: number;
  /** Emptied first; a temp dir by default. */
  workDir?: string;
  adminUsername?: string;
  readyTimeoutMs?: number;
}

const STOP_GRACE_MS = 10_000;

export async function startGitea(options: StartGiteaOptions): Promise<RunningGitea> {
  const installDir = giteaInstallDir();
  const binary = join(installDir, 'gitea');
  if (!existsSync(binary)) throw new Error(`Gitea ${GITEA_VERSION} is not built (${binary} is missing): run \`node scripts/ensure-system.mjs\``);
  if (await tcpOpen('127.0.0.1', options.port, 500)) throw new Error(`cannot start Gitea on 127.0.0.1:${options.port}: something already listens there`);
  // Gitea resolves paths against the work path, which must be absolute
  const workDir = resolve(options.workDir ?? mkdtempSync(join(tmpdir(), 'paas-gitea-')));
  // a kept test data dir may hold the database of an earlier run, whose admin would clash
  if (options.workDir) rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  const url = `http://127.0.0.1:${options.port}`;
  const configFile = join(workDir, 'app.ini');
  writeFileSync(configFile, appIni({ workDir, port: options.port, url, installDir }), { mode: 0o600 });

  const common = ['--config', configFile, '--work-path', workDir];
  const env = giteaEnv(workDir);
  const log = createWriteStream(join(workDir, 'gitea.log'));
  const tail: string[] = [];
  const child = spawn(binary, ['web', ...common], { cwd: workDir, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const record = (chunk: Buffer) => {
    log.write(chunk);
    tail.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    if (tail.length > 200) tail.splice(0, tail.length - 200);
  };
  child.stdout.on('data', record);
  child.stderr.on('data', record);
  const exited = new Promise<void>((r) => {
    child.once('exit', () => r());
    // a binary that cannot be executed never exits: say why in the log tail instead
    child.once('error', (err) => {
      tail.push(`failed to start ${binary}: ${err.message}`);
      r();
    });
  });
  const logTail = (lines = 30) => tail.slice(-lines).join('\n');
  const stop = () => stopGitea(child, exited, log, workDir);

  try {
    await waitForOwnServer(url, child, exited, options.readyTimeoutMs ?? 60_000, () => tail, logTail);
    const admin = createAdmin(binary, common, env, options.adminUsername ?? 'forge-admin');
    return { url, port: options.port, workDir, admin, logTail, stop, ...giteaApi(url, admin) };
  } catch (err) {
    await stop();
    throw err;
  }
}

function appIni(p: { workDir: string; port: number; url: string; installDir: string }): string {
  const secret = () => randomBytes(32).toString('hex');
  return `APP_NAME = PaaS test forge
RUN_MODE = prod
WORK_PATH = ${p.workDir}

[server]
PROTOCOL = http
HTTP_ADDR = 127.0.0.1
HTTP_PORT = ${p.port}
DOMAIN = 127.0.0.1
ROOT_URL = ${p.url}/
; templates, options and public are read from disk (the build has no bindata)
STATIC_ROOT_PATH = ${p.installDir}
APP_DATA_PATH = ${join(p.workDir, 'data')}
OFFLINE_MODE = true
DISABLE_SSH = true
START_SSH_SERVER = false
LFS_START_SERVER = false

[database]
DB_TYPE = sqlite3
PATH = ${join(p.workDir, 'data', 'gitea.db')}

[repository]
ROOT = ${join(p.workDir, 'repositories')}

[security]
INSTALL_LOCK = true
SECRET_KEY = ${secret()}
INTERNAL_TOKEN = ${secret()}
; webhooks and OAuth2 clients on 127.0.0.1 (the platform under test) are refused without it;
; in 1.27 this key also covers webhooks ([webhook] ALLOWED_HOST_LIST is a deprecated fallback)
ALLOWED_HOST_LIST = loopback

[oauth2]
ENABLED = true

[service]
; users are created through the admin API only
DISABLE_REGISTRATION = true
ENABLE_NOTIFY_MAIL = false
DEFAULT_KEEP_EMAIL_PRIVATE = false

[mailer]
ENABLED = false

[actions]
ENABLED = false

[session]
PROVIDER = memory

[log]
MODE = console
LEVEL = info
`;
}

function giteaEnv(workDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, GITEA_WORK_DIR: workDir, HOME: join(workDir, 'home') };
  // Gitea refuses to run as root; test machines run everything as root. Only this child gets it.
  if (process.getuid?.() === 0) env.GITEA_I_AM_BEING_UNSAFE_RUNNING_AS_ROOT = 'true';
  // Gitea's own git calls must not read the caller's git config or credentials
  delete env.GIT_DIR;
  delete env.GIT_CONFIG_GLOBAL;
  return env;
}

/**
 * Ready when the API answers and the answer is this child's: another server that took the port
 * between the check above and the spawn would answer too, so the child's own log must say it
 * listens (Gitea names its PID there).
 */
async function waitForOwnServer(
  url: string,
  child: ChildProcess,
  exited: Promise<void>,
  timeoutMs: number,
  lines: () => string[],
  logTail: () => string,
): Promise<void> {
  const listening = `Starting new Web server: tcp:127.0.0.1:${new URL(url).port} on PID: ${child.pid}`;
  const deadline = Date.now() + timeoutMs;
  let gone = false;
  void exited.then(() => (gone = true));
  while (Date.now() < deadline) {
    if (gone)
      throw new Error(`Gitea exited with code ${child.exitCode ?? child.signalCode} before answering ${url}/api/v1/version; its log ends:\n${logTail()}`);
    try {
      const res = await fetch(`${url}/api/v1/version`, { signal: AbortSignal.timeout(2_000) });
      if (res.ok && lines().some((l) => l.includes(listening))) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`Gitea did not answer ${url}/api/v1/version within ${timeoutMs / 1000} s; its log ends:\n${logTail()}`);
}

function createAdmin(binary: string, common: string[], env: NodeJS.ProcessEnv, username: string): GiteaAdmin {
  const password = randomBytes(16).toString('hex');
  const cli = (args: string[]) => {
    const res = spawnSync(binary, [...args, ...common], { env, encoding: 'utf8', timeout: 60_000 });
    if (res.status !== 0)
      throw new Error(`gitea ${args.slice(0, 3).join(' ')} failed (exit ${res.status ?? res.signal}): ${(res.stderr || res.stdout).trim()}`);
    return res.stdout.trim();
  };
  cli([
    'admin',
    'user',
    'create',
    '--admin',
    '--username',
    username,
    '--password',
    password,
    '--email',
    `${username}@example.test`,
    '--must-change-password=false',
  ]);
  // --raw prints the token alone, on the last line
  const token = cli(['admin', 'user', 'generate-access-token', '--username', username, '--token-name', 'paas-tests', '--scopes', 'all', '--raw'])
    .split('\n')
    .pop()!;
  if (!/^[0-9a-f]{40}$/.test(token)) throw new Error('gitea admin user generate-access-token printed no token');
  return { username, password, token };
}

async function stopGitea(child: ChildProcess, exited: Promise<void>, log: NodeJS.WritableStream, workDir: string): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    // the whole group: Gitea's git children too
    signal(child, 'SIGTERM');
    const timer = setTimeout(() => signal(child, 'SIGKILL'), STOP_GRACE_MS);
    await exited;
    clearTimeout(timer);
  }
  await new Promise<void>((r) => log.end(r));
  if (!process.env.PAAS_TEST_KEEP && isAbsolute(workDir)) rmSync(workDir, { recursive: true, force: true });
}

function signal(child: ChildProcess, sig: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, sig);
  } catch {
    // already gone
  }
}
