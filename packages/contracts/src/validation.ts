// Input rules shared by the gateway (first line of defence) and the activities
// (which must never trust their input: a workflow may carry an old value).

export class ValidationError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ValidationError';
  }
}

const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * Hosts the platform serves or may serve itself under the base domain: an app with one of
 * these names would take its traffic (or look like it to a visitor).
 */
export const RESERVED_APP_NAMES: readonly string[] = [
  'admin',
  'api',
  'app',
  'apps',
  'auth',
  'console',
  'dashboard',
  'edge',
  'gateway',
  'graphql',
  'localhost',
  'login',
  'minio',
  'paas',
  'platform',
  'preview',
  'registry',
  's3',
  'sites',
  'status',
  'storage',
  'temporal',
  'uploads',
  'webhooks',
  'www',
];
/** Static previews are preview-<deployment id>; pull-request previews are <app>-pr-<n>; xn-- is punycode (look-alike names). */
const RESERVED_NAME_PATTERNS: { pattern: RegExp; why: string }[] = [
  { pattern: /^preview-/, why: 'preview-… hosts are the previews of static releases' },
  { pattern: /-pr-\d+$/, why: '…-pr-<n> hosts are pull-request previews' },
  { pattern: /^xn--/, why: 'xn--… names are punycode and can imitate other names' },
];

export function validateAppName(name: string): string {
  if (typeof name !== 'string' || !DNS_LABEL.test(name)) {
    throw new ValidationError(
      `Invalid app name "${truncate(String(name))}": use 1-63 lowercase letters, digits and '-', starting and ending with a letter or digit.`,
      'name',
    );
  }
  if (RESERVED_APP_NAMES.includes(name)) throw new ValidationError(`App name "${name}" is reserved for the platform's own hosts; choose another.`, 'name');
  const reserved = RESERVED_NAME_PATTERNS.find((r) => r.pattern.test(name));
  if (reserved) throw new ValidationError(`App name "${name}" is reserved: ${reserved.why}; choose another.`, 'name');
  return name;
}

const GIT_SCHEMES = ['https:', 'http:', 'git:', 'ssh:', 'file:'];
const SSH_USER = /^[A-Za-z0-9._][A-Za-z0-9._-]{0,63}$/;

/**
 * Accepts the URL schemes the contract lists. Credentials never travel in the URL (it is stored
 * and shown): a token goes in gitToken, an ssh key in gitSshKey; ssh:// may name a plain user.
 * Rejects anything git could read as an option.
 */
export function validateGitUrl(raw: string): string {
  const url = typeof raw === 'string' ? raw.trim() : '';
  if (url.length === 0 || url.length > 2048) throw new ValidationError('gitUrl must be 1-2048 characters.', 'gitUrl');
  if (url.startsWith('-') || /[\s\0-\x1f\x7f\\]/.test(url))
    throw new ValidationError('gitUrl must not contain spaces, control characters or "\\", nor start with "-".', 'gitUrl');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ValidationError(`gitUrl is not a URL; use https://, http://, git://, ssh:// or file://.`, 'gitUrl');
  }
  if (!GIT_SCHEMES.includes(parsed.protocol)) {
    throw new ValidationError(`gitUrl scheme "${truncate(parsed.protocol)}" is not supported; use https://, http://, git://, ssh:// or file://.`, 'gitUrl');
  }
  if (parsed.protocol === 'ssh:') {
    if (parsed.password || rawAuthority(url).split('@').slice(0, -1).join('@').includes(':')) {
      throw new ValidationError(
        'gitUrl must not embed a password; ssh:// URLs may name a user (ssh://git@host/repo.git) and take their key in gitSshKey.',
        'gitUrl',
      );
    }
    if (parsed.username && !SSH_USER.test(parsed.username))
      throw new ValidationError('The user name of an ssh:// gitUrl may use letters, digits, ".", "_" and "-" only.', 'gitUrl');
  } else if (parsed.username || parsed.password || rawAuthority(url).includes('@')) {
    throw new ValidationError(
      'gitUrl must not contain credentials (user info before "@"): pass a token in gitToken instead; it is write-only and never shown.',
      'gitUrl',
    );
  }
  if (parsed.protocol === 'file:') {
    if (parsed.host !== '' || !parsed.pathname.startsWith('/'))
      throw new ValidationError('file:// URLs must be absolute local paths (file:///path/to/repo).', 'gitUrl');
    // git reads the raw string: only the canonical form ("." / ".." resolved, nothing percent-encoded) is checked the same way by everyone
    if (parsed.href !== url || parsed.search || parsed.hash || parsed.pathname.includes('//'))
      throw new ValidationError('file:// URLs must be plain absolute paths without ".", "..", "//", "%", "?" or "#" (file:///path/to/repo).', 'gitUrl');
  } else if (!parsed.hostname || parsed.hostname.startsWith('-')) {
    throw new ValidationError('gitUrl needs a host name.', 'gitUrl');
  }
  return url;
}

/** What git sees between "//" and the path: WHATWG drops an empty "@", git and curl do not. */
function rawAuthority(url: string): string {
  const rest = url.slice(url.indexOf('//') + 2);
  return rest.slice(0, rest.search(/[/?#]|$/));
}

/** The credential for a private https repository: one line, sent in an HTTP header. */
export function validateGitToken(token: string): string {
  if (token.length > 4096 || /[\0-\x1f\x7f]/.test(token)) throw new ValidationError('gitToken must be at most 4096 characters on one line.', 'gitToken');
  return token;
}

const PRIVATE_KEY = /^-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY-----\n[A-Za-z0-9+/=:,\- \n]+\n-----END ([A-Z0-9]+ )*PRIVATE KEY-----$/;

/** A private key in PEM/OpenSSH form, without a passphrase (the clone runs unattended). */
export function validateGitSshKey(key: string): string {
  const k = key.replace(/\r\n/g, '\n').trim();
  if (k.length > 16 * 1024 || !PRIVATE_KEY.test(k)) {
    throw new ValidationError('gitSshKey must be a private key in OpenSSH or PEM form ("-----BEGIN OPENSSH PRIVATE KEY-----" …), at most 16 KiB.', 'gitSshKey');
  }
  if (isEncryptedKey(k)) throw new ValidationError('gitSshKey must not be protected by a passphrase: clones run unattended.', 'gitSshKey');
  return `${k}\n`;
}

/** PEM says so in its headers; an OpenSSH key names its cipher right after the "openssh-key-v1" magic. */
function isEncryptedKey(pem: string): boolean {
  if (/ENCRYPTED/.test(pem)) return true;
  if (!pem.startsWith('-----BEGIN OPENSSH PRIVATE KEY-----')) return false;
  let bytes: string;
  try {
    bytes = atob(pem.split('\n').slice(1, -1).join(''));
  } catch {
    return false; // not base64: ssh refuses it with its own message
  }
  const magic = 'openssh-key-v1\0';
  if (!bytes.startsWith(magic)) return false;
  const at = magic.length;
  const len = ((bytes.charCodeAt(at) << 24) | (bytes.charCodeAt(at + 1) << 16) | (bytes.charCodeAt(at + 2) << 8) | bytes.charCodeAt(at + 3)) >>> 0;
  return bytes.slice(at + 4, at + 4 + len) !== 'none';
}

const BRANCH = /^(?!-)(?!.*\.\.)(?!.*\/\/)(?!.*@\{)[A-Za-z0-9._\/-]{1,200}(?<![./])$/;

export function validateBranch(branch: string): string {
  if (!BRANCH.test(branch) || branch.endsWith('.lock')) {
    throw new ValidationError(`Invalid branch name "${truncate(branch)}".`, 'branch');
  }
  return branch;
}

const SHA = /^[0-9a-f]{7,64}$/;

export function validateCommitSha(sha: string): string {
  if (!SHA.test(sha)) throw new ValidationError(`Invalid commit sha "${truncate(sha)}": expected 7-64 lowercase hex digits.`, 'commitSha');
  return sha;
}

/** A path inside the repository: relative, normalized, never escaping the checkout. */
export function validateRelativePath(path: string, field: string): string {
  const p = path.trim();
  if (p.length === 0 || p.length > 1024) throw new ValidationError(`${field} must be 1-1024 characters.`, field);
  if (p.startsWith('/') || p.includes('\\') || /[\0\n\r]/.test(p)) {
    throw new ValidationError(`${field} "${truncate(p)}" must be a relative path inside the repository.`, field);
  }
  const parts = p.split('/').filter((s) => s !== '' && s !== '.');
  if (parts.some((s) => s === '..')) {
    throw new ValidationError(`${field} "${truncate(p)}" must not leave the repository ("..").`, field);
  }
  // the result is checked again later (activities): it must pass unchanged, so no segment may be trimmed away
  if (parts.some((s) => s.trim() !== s)) throw new ValidationError(`${field} "${truncate(p)}" must not have names that begin or end with a space.`, field);
  return parts.length === 0 ? '.' : parts.join('/');
}

export function validatePort(port: number): number {
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new ValidationError(`port must be an integer 1-65535, got ${port}.`, 'port');
  return port;
}

export function validateHealthCheckPath(path: string): string {
  if (!path.startsWith('/') || path.length > 1024 || /[\s\0]/.test(path)) {
    throw new ValidationError(`healthCheckPath "${truncate(path)}" must start with "/" and contain no spaces.`, 'healthCheckPath');
  }
  return path;
}

const ENV_KEY = /^[A-Za-z_][A-Za-z0-9_]{0,254}$/;
/** Set by the platform; an app may not override them. */
const RESERVED_ENV = new Set(['PORT']);

export function validateEnvKey(key: string): string {
  if (!ENV_KEY.test(key)) throw new ValidationError(`Invalid env var name "${truncate(key)}": use letters, digits and '_', not starting with a digit.`, 'env');
  if (RESERVED_ENV.has(key)) throw new ValidationError(`Env var ${key} is set by the platform and cannot be overridden.`, 'env');
  return key;
}

export function validateEnvValue(key: string, value: string, maxBytes = DEFAULT_INPUT_LIMITS.envValueBytes): string {
  if (value.includes('\0')) throw new ValidationError(`Env var ${key} must not contain NUL characters.`, 'env');
  if (utf8Bytes(value) > maxBytes) throw new ValidationError(`Env var ${key} is longer than ${formatBytes(maxBytes)} (PAAS_MAX_ENV_VALUE_BYTES).`, 'env');
  return value;
}

/** Caps on what one app may hold; the gateway reads them from the environment (inputLimitsFromEnv). */
export interface InputLimits {
  envVarsPerApp: number;
  envValueBytes: number;
  /** keys and values of all of an app's variables together: they all go into one container's environment */
  envTotalBytes: number;
  schedulesPerApp: number;
  minRedeployIntervalSeconds: number;
}

export const DEFAULT_INPUT_LIMITS: InputLimits = {
  envVarsPerApp: 100,
  envValueBytes: 32 * 1024,
  envTotalBytes: 128 * 1024,
  schedulesPerApp: 10,
  minRedeployIntervalSeconds: 60,
};

export const INPUT_LIMIT_VARIABLES: Record<keyof InputLimits, string> = {
  envVarsPerApp: 'PAAS_MAX_ENV_VARS',
  envValueBytes: 'PAAS_MAX_ENV_VALUE_BYTES',
  envTotalBytes: 'PAAS_MAX_ENV_TOTAL_BYTES',
  schedulesPerApp: 'PAAS_MAX_SCHEDULES_PER_APP',
  minRedeployIntervalSeconds: 'PAAS_MIN_REDEPLOY_INTERVAL_SEC',
};

export function inputLimitsFromEnv(env: Record<string, string | undefined>): InputLimits {
  const limits = { ...DEFAULT_INPUT_LIMITS };
  for (const [field, variable] of Object.entries(INPUT_LIMIT_VARIABLES) as [keyof InputLimits, string][]) {
    const raw = env[variable];
    if (raw === undefined || raw === '') continue;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${variable} must be a positive integer, got "${raw}".`);
    limits[field] = n;
  }
  return limits;
}

export interface EnvVarSetting {
  key: string;
  value: string;
  secret: boolean;
}

/** The whole set of an app's variables after a change, checked against the caps. */
export function validateEnvSet(vars: EnvVarSetting[], limits: InputLimits = DEFAULT_INPUT_LIMITS): EnvVarSetting[] {
  if (vars.length > limits.envVarsPerApp)
    throw new ValidationError(`An app may have at most ${limits.envVarsPerApp} env vars (PAAS_MAX_ENV_VARS); this change would make ${vars.length}.`, 'env');
  const total = vars.reduce((sum, v) => sum + utf8Bytes(v.key) + utf8Bytes(v.value), 0);
  if (total > limits.envTotalBytes) {
    throw new ValidationError(
      `An app's env vars may hold at most ${formatBytes(limits.envTotalBytes)} in all (PAAS_MAX_ENV_TOTAL_BYTES); this change would make ${formatBytes(total)}.`,
      'env',
    );
  }
  return vars;
}

const encoder = new TextEncoder();
function utf8Bytes(s: string): number {
  return encoder.encode(s).length;
}

function formatBytes(n: number): string {
  return n % 1024 === 0 ? `${n / 1024} KiB` : `${n} bytes`;
}

function truncate(s: string): string {
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

const CRON_FIELDS: [string, number, number][] = [
  ['minute', 0, 59],
  ['hour', 0, 23],
  ['day of month', 1, 31],
  ['month', 1, 12],
  ['day of week', 0, 7],
];
const EVERY = /^@every (\d{1,9})(s|m|h)$/;

/**
 * A standard 5-field cron expression (UTC): numbers, `*`, ranges `a-b`, steps `/n` and lists.
 * Also `@every <n>s|m|h` for short intervals. Firings closer than `minIntervalSeconds` are
 * refused: a redeploy is a full build.
 */
export function validateCron(raw: string, minIntervalSeconds = DEFAULT_INPUT_LIMITS.minRedeployIntervalSeconds): string {
  const cron = raw.trim().replace(/\s+/g, ' ');
  const every = EVERY.exec(cron);
  if (every) {
    const seconds = Number(every[1]) * { s: 1, m: 60, h: 3600 }[every[2] as 's' | 'm' | 'h'];
    if (seconds < minIntervalSeconds)
      throw new ValidationError(`"${cron}" is shorter than the minimum interval of ${minIntervalSeconds} s (PAAS_MIN_REDEPLOY_INTERVAL_SEC).`, 'cron');
    return cron;
  }
  const fields = cron.split(' ');
  if (fields.length !== 5)
    throw new ValidationError(`"${truncate(raw)}" is not a 5-field cron expression (minute hour day-of-month month day-of-week).`, 'cron');
  const values = fields.map((field, i) => {
    const [name, min, max] = CRON_FIELDS[i];
    const set = new Set<number>();
    for (const part of field.split(',')) {
      const m = /^(\*|(\d{1,2})(?:-(\d{1,2}))?)(?:\/(\d{1,2}))?$/.exec(part);
      const inRange = m && [m[2], m[3]].filter((n) => n !== undefined).every((n) => Number(n) >= min && Number(n) <= max);
      const step = m?.[4] === undefined ? 1 : Number(m[4]);
      if (!m || !inRange || step === 0) {
        throw new ValidationError(`Invalid ${name} "${truncate(part)}" in cron expression "${truncate(raw)}" (allowed ${min}-${max}).`, 'cron');
      }
      const from = m[1] === '*' ? min : Number(m[2]);
      const to = m[1] === '*' || (m[4] !== undefined && m[3] === undefined) ? max : Number(m[3] ?? m[2]);
      for (let n = from; n <= to; n += step) set.add(n);
    }
    return [...set].sort((a, b) => a - b);
  });
  const gap = shortestDailyGapSeconds(values[0], values[1]);
  if (gap < minIntervalSeconds)
    throw new ValidationError(
      `"${truncate(raw)}" fires every ${gap} s, more often than the minimum interval of ${minIntervalSeconds} s (PAAS_MIN_REDEPLOY_INTERVAL_SEC).`,
      'cron',
    );
  return cron;
}

/** The shortest time between two firings of a day's minutes × hours, counting the wrap past midnight (a safe lower bound whatever the day fields say). */
function shortestDailyGapSeconds(minutes: number[], hours: number[]): number {
  const times = hours.flatMap((h) => minutes.map((m) => h * 60 + m));
  if (times.length === 0) return Infinity;
  let gap = times[0] + 24 * 60 - times[times.length - 1];
  for (let i = 1; i < times.length; i++) gap = Math.min(gap, times[i] - times[i - 1]);
  return gap * 60;
}

// A docker image reference: [registry[:port]/]path[:tag][@sha256:digest], lowercase path.
const IMAGE_REF =
  /^(?:[a-zA-Z0-9.-]+(?::[0-9]{1,5})?\/)?[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[0-9a-f]{64})?$/;

export function validateBuildImage(image: string): string {
  const s = image.trim();
  if (s.length === 0 || s.length > 255 || !IMAGE_REF.test(s)) {
    throw new ValidationError(
      `buildImage "${truncate(s)}" is not a valid image reference (e.g. node:22-alpine or registry.local:5000/team/builder:1).`,
      'buildImage',
    );
  }
  return s;
}

/** Runs as `sh -c <command>` inside the throwaway build container, never on the host. */
export function validateBuildCommand(command: string): string {
  const s = command.trim();
  if (s.length === 0 || s.length > 4096 || s.includes('\0')) throw new ValidationError('buildCommand must be 1-4096 characters.', 'buildCommand');
  return s;
}
