// The browser's side of forge sign-in (plain HTTP, outside GraphQL: it is a series of redirects):
//   GET  /auth/providers                  the configured providers, for the console's buttons
//   GET  /auth/forge/:provider/start      → the provider's authorization page
//   GET  /auth/forge/:provider/callback   ← the provider; → the console with a one-time code or an error
//   POST /auth/forge/exchange             { handoff } → the session (JSON)
//   POST /auth/forge/:provider/link       a signed-in user's Bearer token → { url } to link an identity
// Failed callbacks and exchanges count against the failed-authentication throttle like wrong tokens.
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { Database } from '@paas/db';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { credentialLookup } from '../auth/credential-lookup.js';
import { recordFailedAuth } from '../auth/failed-auth-throttle.js';
import { GateError } from '../auth/gate-error.js';
import { resolvePrincipal } from '../auth/principal.js';
import { SessionTokens } from '../auth/session-tokens.js';
import { DomainError } from '../common/domain-error.js';
import { PlatformConfig } from '../config/platform-config.js';
import { PolicyService } from '../policy/policy.service.js';
import { AUTHORIZATION_TTL_MS } from './pending-sign-ins.js';
import { ForgeSignInError, ForgeSignInService } from './forge-sign-in.service.js';

const COOKIE = 'paas_forge_binding';
const COOKIE_PATH = '/auth/forge/';
const STATUS = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409, UNAVAILABLE: 503 } as const;

@Controller('auth')
export class ForgeSignInController {
  constructor(
    @Inject(ForgeSignInService) private readonly signIns: ForgeSignInService,
    @Inject(PlatformConfig) private readonly config: PlatformConfig,
    @Inject(Database) private readonly db: Database,
    @Inject(SessionTokens) private readonly sessionTokens: SessionTokens,
    @Inject(PolicyService) private readonly policy: PolicyService,
  ) {}

  @Get('providers')
  providers(@Res({ passthrough: true }) reply: FastifyReply): { providers: { id: string; name: string }[] } {
    reply.header('cache-control', 'no-store');
    return { providers: this.signIns.providers() };
  }

  @Get('forge/:provider/start')
  async start(@Param('provider') provider: string, @Res() reply: FastifyReply): Promise<void> {
    try {
      const { url, binding } = await this.signIns.start(provider, null);
      this.setBinding(reply, binding).redirect(url.href, 302);
    } catch (err) {
      this.toConsole(reply, `error/${encodeURIComponent(messageOf(err))}`);
    }
  }

  @Get('forge/:provider/callback')
  async callback(@Param('provider') provider: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    reply.clearCookie(COOKIE, { path: COOKIE_PATH });
    try {
      const outcome = await this.signIns.callback(provider, new URL(req.url, this.config.publicUrl), req.cookies[COOKIE], req.ip);
      this.toConsole(reply, outcome.kind === 'signedIn' ? `done/${outcome.handoff}` : `linked/${outcome.providerId}`);
    } catch (err) {
      const { limited } = await recordFailedAuth(req);
      this.toConsole(reply, `error/${encodeURIComponent(limited ? 'Too many failed sign-ins from this address: wait a minute.' : messageOf(err))}`);
    }
  }

  @Post('forge/exchange')
  @HttpCode(200)
  async exchange(@Body() body: unknown, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    reply.header('cache-control', 'no-store');
    try {
      const handoff = body && typeof body === 'object' ? (body as Record<string, unknown>).handoff : undefined;
      await reply.send(await this.signIns.exchange(handoff));
    } catch (err) {
      const { limited, retryAfterSeconds } = await recordFailedAuth(req);
      if (limited) await reply.code(429).header('retry-after', String(retryAfterSeconds)).send({ error: 'Too many failed sign-ins from this address.' });
      else await this.fail(reply, err);
    }
  }

  @Post('forge/:provider/link')
  @HttpCode(200)
  async link(@Param('provider') provider: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    reply.header('cache-control', 'no-store');
    try {
      const principal = await resolvePrincipal(req.headers.authorization, this.config.adminToken, credentialLookup(this.db, this.sessionTokens));
      const { url, binding } = await this.signIns.start(provider, this.policy.user(principal));
      await this.setBinding(reply, binding).send({ url: url.href });
    } catch (err) {
      await this.fail(reply, err);
    }
  }

  // the cookie ties the callback to the browser that started the sign-in (no login CSRF); Lax, so
  // the provider's top-level redirect back carries it
  private setBinding(reply: FastifyReply, binding: string): FastifyReply {
    return reply.setCookie(COOKIE, binding, {
      path: COOKIE_PATH,
      httpOnly: true,
      sameSite: 'lax',
      secure: this.config.publicUrl.startsWith('https:'),
      maxAge: AUTHORIZATION_TTL_MS / 1000,
    });
  }

  private toConsole(reply: FastifyReply, route: string): void {
    void reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').redirect(`/#/auth/forge/${route}`, 302);
  }

  private async fail(reply: FastifyReply, err: unknown): Promise<void> {
    const code = err instanceof ForgeSignInError || err instanceof DomainError || err instanceof GateError ? err.code : null;
    const status = code && code in STATUS ? STATUS[code as keyof typeof STATUS] : 500;
    await reply.code(status).send({ error: messageOf(err) });
  }
}

function messageOf(err: unknown): string {
  if (err instanceof ForgeSignInError) return err.message;
  // the policy's refusals (no credential, not a user) are for the caller's eyes
  if ((err instanceof DomainError || err instanceof GateError) && (err.code === 'FORBIDDEN' || err.code === 'UNAUTHENTICATED')) return err.message;
  return 'The sign-in failed on our side: try again.';
}
