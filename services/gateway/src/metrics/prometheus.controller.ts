// GET /metrics: the platform's Prometheus metrics for an operator's scraper. A bearer token:
// PAAS_METRICS_TOKEN (for the scraper), or a platform admin's token or session; 401 otherwise.
import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { Database } from '@paas/db';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash, timingSafeEqual } from 'node:crypto';
import { credentialLookup } from '../auth/credential-lookup.js';
import { resolvePrincipal, type Principal } from '../auth/principal.js';
import { SessionTokens } from '../auth/session-tokens.js';
import { PlatformConfig } from '../config/platform-config.js';
import { platformRegistry, STEP_BUCKETS } from './platform-registry.js';

const isPlatformAdmin = (p: Principal | null): boolean => p?.kind === 'admin' || (p?.kind === 'user' && p.platformAdmin);

@Controller()
export class PrometheusController {
  private readonly scrapeToken = process.env.PAAS_METRICS_TOKEN || '';

  constructor(
    @Inject(PlatformConfig) private readonly config: PlatformConfig,
    @Inject(Database) private readonly db: Database,
    @Inject(SessionTokens) private readonly sessions: SessionTokens,
  ) {}

  @Get('metrics')
  async metrics(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    reply.header('cache-control', 'no-store');
    if (!(await this.allowed(req.headers.authorization))) {
      return void (await reply.code(401).header('www-authenticate', 'Bearer').send({ error: 'UNAUTHENTICATED' }));
    }
    const registry = platformRegistry(await this.db.metrics.platform(STEP_BUCKETS));
    await reply
      .code(200)
      .header('content-type', registry.contentType)
      .send(await registry.metrics());
  }

  private async allowed(authorization: unknown): Promise<boolean> {
    if (typeof authorization !== 'string' || authorization.length > 8192) return false;
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
    if (this.scrapeToken && bearer && sameSecret(bearer, this.scrapeToken)) return true;
    const principal = await resolvePrincipal(authorization, this.config.adminToken, credentialLookup(this.db, this.sessions)).catch(() => null);
    return isPlatformAdmin(principal);
  }
}

function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}
