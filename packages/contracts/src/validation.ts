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

export function validateAppName(name: string): string {
  if (!DNS_LABEL.test(name)) {
    throw new ValidationError(
      `Invalid app name "${truncate(name)}": use 1-63 lowercase letters, digits and '-', starting and ending with a letter or digit.`,
      'name',
    );
  }
  return name;
}

const GIT_SCHEMES = ['https:', 'http:', 'git:', 'ssh:', 'file:'];

/** Accepts the URL schemes the contract lists; rejects anything that could be read as an option or carries a password. */
export function validateGitUrl(raw: string): string {
  const url = raw.trim();
  if (url.length === 0 || url.length > 2048) throw new ValidationError('gitUrl must be 1-2048 characters.', 'gitUrl');
  if (url.startsWith('-') || /[\s\0]/.test(url)) throw new ValidationError('gitUrl must not contain spaces or start with "-".', 'gitUrl');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ValidationError(`gitUrl "${truncate(url)}" is not a URL; use https://, http://, git://, ssh:// or file://.`, 'gitUrl');
  }
  if (!GIT_SCHEMES.includes(parsed.protocol)) {
    throw new ValidationError(`gitUrl scheme "${parsed.protocol}" is not supported; use https://, http://, git://, ssh:// or file://.`, 'gitUrl');
  }
  if (parsed.password) {
    throw new ValidationError('gitUrl must not embed a password; pass a token with gitToken instead.', 'gitUrl');
  }
  if (parsed.protocol === 'file:' && (!parsed.pathname.startsWith('/') || parsed.host !== '')) {
    throw new ValidationError('file:// URLs must be absolute local paths (file:///path/to/repo).', 'gitUrl');
  }
  return url;
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

export function validateEnvValue(key: string, value: string): string {
  if (value.includes('\0')) throw new ValidationError(`Env var ${key} must not contain NUL characters.`, 'env');
  if (value.length > 32 * 1024) throw new ValidationError(`Env var ${key} is longer than 32 KiB.`, 'env');
  return value;
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
const EVERY = /^@every (\d+)(s|m|h)$/;
/** The shortest interval `@every` accepts: a redeploy is a full build. */
export const MIN_REDEPLOY_INTERVAL_SECONDS = 5;

/**
 * A standard 5-field cron expression (UTC): numbers, `*`, ranges `a-b`, steps `/n` and lists.
 * Also `@every <n>s|m|h` for short intervals.
 */
export function validateCron(raw: string): string {
  const cron = raw.trim().replace(/\s+/g, ' ');
  const every = EVERY.exec(cron);
  if (every) {
    const seconds = Number(every[1]) * { s: 1, m: 60, h: 3600 }[every[2] as 's' | 'm' | 'h'];
    if (seconds < MIN_REDEPLOY_INTERVAL_SECONDS) throw new ValidationError(`"${cron}" is shorter than ${MIN_REDEPLOY_INTERVAL_SECONDS} s.`, 'cron');
    return cron;
  }
  const fields = cron.split(' ');
  if (fields.length !== 5) throw new ValidationError(`"${truncate(raw)}" is not a 5-field cron expression (minute hour day-of-month month day-of-week).`, 'cron');
  fields.forEach((field, i) => {
    const [name, min, max] = CRON_FIELDS[i]!;
    for (const part of field.split(',')) {
      const m = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
      const nums = m ? [m[2], m[3], m[4]].filter((n) => n !== undefined).map(Number) : [];
      const inRange = m && [m[2], m[3]].filter((n) => n !== undefined).every((n) => Number(n) >= min && Number(n) <= max);
      if (!m || !inRange || (m[4] !== undefined && Number(m[4]) === 0) || nums.some((n) => !Number.isInteger(n))) {
        throw new ValidationError(`Invalid ${name} "${part}" in cron expression "${truncate(raw)}" (allowed ${min}-${max}).`, 'cron');
      }
    }
  });
  return cron;
}

// A docker image reference: [registry[:port]/]path[:tag][@sha256:digest], lowercase path.
const IMAGE_REF = /^(?:[a-zA-Z0-9.-]+(?::[0-9]{1,5})?\/)?[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[0-9a-f]{64})?$/;

export function validateBuildImage(image: string): string {
  const s = image.trim();
  if (s.length === 0 || s.length > 255 || !IMAGE_REF.test(s)) {
    throw new ValidationError(`buildImage "${truncate(s)}" is not a valid image reference (e.g. node:22-alpine or registry.local:5000/team/builder:1).`, 'buildImage');
  }
  return s;
}

/** Runs as `sh -c <command>` inside the throwaway build container, never on the host. */
export function validateBuildCommand(command: string): string {
  const s = command.trim();
  if (s.length === 0 || s.length > 4096 || s.includes('\0')) throw new ValidationError('buildCommand must be 1-4096 characters.', 'buildCommand');
  return s;
}
