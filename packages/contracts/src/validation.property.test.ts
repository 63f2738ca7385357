// Properties of the input validators over generated input: what they accept is safe, and they
// refuse everything else with a ValidationError (never another exception, which would surface
// as an internal error).
import fc from 'fast-check';
import { posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  RESERVED_APP_NAMES,
  ValidationError,
  validateAppName,
  validateBranch,
  validateCron,
  validateEnvKey,
  validateEnvValue,
  validateGitUrl,
  validateHealthCheckPath,
  validateRelativePath,
} from './validation.js';

/** Runs `fn`; a ValidationError means "refused", anything else fails the property. */
function accepted<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch (err) {
    if (err instanceof ValidationError) return undefined;
    throw err;
  }
}

const RUNS = { numRuns: 2000 };
const pathSegment = fc.constantFrom('.', '..', 'a', 'b', '', '...', '..a', 'a..', '%2e%2e', '\\', '\0', ' ');
const hostileString = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme-ascii' }),
  fc.array(pathSegment).map((s) => s.join('/')),
);

describe('validators, property-based', () => {
  it('no accepted relative path leaves the repository', () => {
    fc.assert(
      fc.property(hostileString, fc.boolean(), (raw, leadingSlash) => {
        const path = accepted(() => validateRelativePath(leadingSlash ? `/${raw}` : raw, 'rootDirectory'));
        if (path === undefined) return;
        const inside = posix.resolve('/repo', path);
        expect(inside === '/repo' || inside.startsWith('/repo/')).toBe(true);
        expect(path.split('/')).not.toContain('..');
        expect(validateRelativePath(path, 'rootDirectory')).toBe(path); // normalized: idempotent
      }),
      RUNS,
    );
  });

  const userinfo = fc.oneof(fc.constant(''), fc.stringMatching(/^[A-Za-z0-9_%-]{1,12}(:[A-Za-z0-9_%-]{0,12})?@$/), fc.constant('@'), fc.constant(':@'));
  const scheme = fc.constantFrom('https', 'http', 'git', 'ssh', 'file', 'ftp', 'ext', 'HTTPS');
  const host = fc.oneof(fc.domain(), fc.constant(''), fc.constant('-oProxyCommand=x'), fc.constant('127.0.0.1:22'), fc.constant('[::1]'));
  const gitUrlish = fc.oneof(
    fc.tuple(scheme, userinfo, host, fc.array(pathSegment)).map(([s, u, h, p]) => `${s}://${u}${h}/${p.join('/')}`),
    fc.webUrl({ withQueryParameters: true, withFragments: true }),
    hostileString,
  );

  it('no accepted git URL carries credentials (ssh:// may only name a user), or could be read as an option', () => {
    fc.assert(
      fc.property(gitUrlish, (raw) => {
        const url = accepted(() => validateGitUrl(raw));
        if (url === undefined) return;
        const parsed = new URL(url);
        expect(['https:', 'http:', 'git:', 'ssh:', 'file:']).toContain(parsed.protocol);
        expect(parsed.password).toBe('');
        expect(url.startsWith('-')).toBe(false);
        const authority = url.slice(url.indexOf('//') + 2).split(/[/?#]/)[0];
        if (parsed.protocol === 'ssh:') {
          expect(authority.split('@').slice(0, -1).join('@')).not.toContain(':');
          expect(parsed.hostname.startsWith('-')).toBe(false);
        } else {
          expect(parsed.username).toBe('');
          expect(authority).not.toContain('@');
        }
        if (parsed.protocol === 'file:') expect(posix.normalize(parsed.pathname)).toBe(parsed.pathname);
      }),
      RUNS,
    );
  });

  it('accepted app names are DNS labels that are not the platform’s own hosts', () => {
    const nameish = fc.oneof(
      fc.stringMatching(/^[a-z0-9-]{0,70}$/),
      fc.constantFrom(...RESERVED_APP_NAMES),
      fc.stringMatching(/^(preview-[a-z0-9]{1,8}|[a-z]{1,8}-pr-[0-9]{1,4})$/),
      hostileString,
    );
    fc.assert(
      fc.property(nameish, (raw) => {
        const name = accepted(() => validateAppName(raw));
        if (name === undefined) return;
        expect(name).toMatch(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/);
        expect(RESERVED_APP_NAMES).not.toContain(name);
        expect(name).not.toMatch(/^preview-|-pr-\d+$|^xn--/);
      }),
      RUNS,
    );
  });

  it('env keys are identifiers the platform does not set; values hold no NUL and fit the cap', () => {
    fc.assert(
      fc.property(hostileString, hostileString, (key, value) => {
        const k = accepted(() => validateEnvKey(key));
        if (k !== undefined) {
          expect(k).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
          expect(k).not.toBe('PORT');
        }
        const v = accepted(() => validateEnvValue('K', value, 64));
        if (v !== undefined) {
          expect(v).not.toContain('\0');
          expect(new TextEncoder().encode(v).length).toBeLessThanOrEqual(64);
        }
      }),
      RUNS,
    );
  });

  it('branches and health paths cannot be read as options or carry spaces', () => {
    fc.assert(
      fc.property(hostileString, (raw) => {
        const b = accepted(() => validateBranch(raw));
        if (b !== undefined) expect(b).toMatch(/^[A-Za-z0-9._/][A-Za-z0-9._/-]*$/);
        if (b !== undefined) expect(b.startsWith('-')).toBe(false);
        const h = accepted(() => validateHealthCheckPath(raw));
        if (h !== undefined) expect(h).toMatch(/^\/\S*$/);
      }),
      RUNS,
    );
  });

  it('an accepted schedule never fires more often than the minimum interval', () => {
    const field = fc.oneof(
      fc.constant('*'),
      fc.nat(60).map(String),
      fc.tuple(fc.nat(30), fc.nat(30)).map(([a, b]) => `${a}-${a + b}`),
      fc.tuple(fc.constantFrom('*', '0', '5'), fc.nat(40)).map(([a, s]) => `${a}/${s}`),
    );
    const cron = fc.oneof(
      fc.tuple(field, field, field, field, field).map((f) => f.join(' ')),
      fc.tuple(fc.nat(100_000), fc.constantFrom('s', 'm', 'h')).map(([n, u]) => `@every ${n}${u}`),
      hostileString,
    );
    fc.assert(
      fc.property(cron, fc.integer({ min: 1, max: 7200 }), (raw, min) => {
        const c = accepted(() => validateCron(raw, min));
        if (c === undefined) return;
        const every = /^@every (\d+)(s|m|h)$/.exec(c);
        if (every) expect(Number(every[1]) * { s: 1, m: 60, h: 3600 }[every[2] as 's']).toBeGreaterThanOrEqual(min);
        else expect(c.split(' ')).toHaveLength(5);
      }),
      RUNS,
    );
  });
});
