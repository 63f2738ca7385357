// Failed authentication is counted per client address with @fastify/rate-limit, and only failures
// count: authenticated traffic (the console, the CLI, the tests) is never slowed down by it.
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';

export interface FailedAuthLimits {
  /** Failures allowed per client address within `windowMs`; the next ones answer 429. */
  max: number;
  windowMs: number;
}

export function failedAuthLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): FailedAuthLimits {
  return {
    max: positiveInt(env.PAAS_AUTH_FAILURES_PER_WINDOW, 10),
    windowMs: positiveInt(env.PAAS_AUTH_FAILURE_WINDOW_SEC, 60) * 1000,
  };
}

type Limiter = (req: FastifyRequest) => Promise<{ isAllowed: boolean; isExceeded?: boolean; ttlInSeconds?: number }>;
const LIMITER = 'paasFailedAuthLimiter';

/**
 * Registers the plugin without any route hook (the gate calls it only when a credential fails)
 * and one limiter on the root instance: every route (HTTP and WebSocket, each in its own
 * encapsulated context) must count into the same store.
 */
export async function registerFailedAuthThrottle(app: FastifyInstance, limits: FailedAuthLimits = failedAuthLimitsFromEnv()): Promise<void> {
  await app.register(rateLimit, { global: false });
  const create = (app as FastifyInstance & { createRateLimit(o: object): Limiter }).createRateLimit;
  const limiter = create({ max: limits.max, timeWindow: limits.windowMs, keyGenerator: (r: FastifyRequest) => `auth-failure:${r.ip}` });
  app.decorate(LIMITER, { getter: () => ({ limiter, limits }) });
}

/** Counts one failure of `req`'s address; says whether that address is now over the limit. */
export async function recordFailedAuth(req: FastifyRequest): Promise<{ limited: boolean; retryAfterSeconds: number }> {
  const registered = (req.server as unknown as Record<string, { limiter: Limiter; limits: FailedAuthLimits } | undefined>)[LIMITER];
  if (!registered) throw new Error('the failed-authentication throttle is not registered (registerFailedAuthThrottle)');
  const r = await registered.limiter(req);
  return { limited: r.isExceeded === true, retryAfterSeconds: Math.max(1, r.ttlInSeconds ?? Math.ceil(registered.limits.windowMs / 1000)) };
}

function positiveInt(raw: string | undefined, fallback: number): number {
  const n = Number(raw);
  return raw && Number.isInteger(n) && n > 0 ? n : fallback;
}
