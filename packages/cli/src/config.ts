// Where `paas login` keeps the platform's address and the credentials: one JSON file in the user's
// config directory ($XDG_CONFIG_HOME/paas on Linux), mode 600. Like ssh with a private key, a file
// that others may read is refused rather than used: the token in it may already have leaked.
import envPaths from 'env-paths';
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CliError } from './errors.js';

export const DEFAULT_URL = 'http://127.0.0.1:4000';

export interface StoredConfig {
  url: string;
  /** An API token or the admin token: sent as it is. */
  token?: string;
  /** A signed-in user's session: the access token is refreshed with the refresh token. */
  session?: { accessToken: string; refreshToken: string; expiresAt: string; email: string };
}

/** PAAS_CONFIG, or config.json in the platform's config dir (env-paths reads XDG_CONFIG_HOME and HOME from process.env). */
export function configPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.PAAS_CONFIG) return env.PAAS_CONFIG;
  return join(envPaths('paas', { suffix: '' }).config, 'config.json');
}

/** The stored config, or null when there is none; refuses a file that group or others may read. */
export function readConfig(path = configPath()): StoredConfig | null {
  let mode: number;
  try {
    mode = statSync(path).mode;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  if ((mode & 0o077) !== 0) {
    throw new CliError(
      `${path} is readable by others (mode ${(mode & 0o777).toString(8)}); it holds credentials, so it is not used. ` +
        `Run \`chmod 600 ${path}\`, or \`paas logout\` and log in again.`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new CliError(`${path} is not valid JSON; run \`paas logout\` and log in again.`);
  }
  if (!isConfig(parsed)) throw new CliError(`${path} is not a paas config; run \`paas logout\` and log in again.`);
  return parsed;
}

/** Written to a temporary file created with mode 600, then renamed over the config: never readable by others, never half-written. */
export function writeConfig(config: StoredConfig, path = configPath()): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(config, null, 2) + '\n', { mode: 0o600 });
  chmodSync(tmp, 0o600); // the mode of writeFileSync is masked by the umask; chmod is not
  renameSync(tmp, path);
}

export function removeConfig(path = configPath()): boolean {
  try {
    statSync(path);
  } catch {
    return false;
  }
  rmSync(path, { force: true });
  return true;
}

function isConfig(v: unknown): v is StoredConfig {
  if (typeof v !== 'object' || v === null) return false;
  const c = v as Record<string, unknown>;
  if (typeof c.url !== 'string') return false;
  if (c.token !== undefined && typeof c.token !== 'string') return false;
  if (c.session !== undefined) {
    const s = c.session as Record<string, unknown> | null;
    if (!s || typeof s.accessToken !== 'string' || typeof s.refreshToken !== 'string' || typeof s.expiresAt !== 'string') return false;
  }
  return true;
}
