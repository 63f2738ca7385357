// The codec endpoint for the Temporal Web UI (its "remote codec server"): histories are sealed by
// the payload codec, and a platform admin's browser asks the gateway to open them. Platform
// admins only: whoever may call /codec/decode reads every secret-bearing payload of every team.
import { Controller, HttpCode, Inject, Options, Post, Req, Res } from '@nestjs/common';
import { EncryptionCodec, MasterKeyError, SecretDecryptionError } from '@paas/crypto';
import { Database, secretKeyring } from '@paas/db';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { credentialLookup } from '../auth/credential-lookup.js';
import { resolvePrincipal, type Principal } from '../auth/principal.js';
import { SessionTokens } from '../auth/session-tokens.js';
import { PlatformConfig } from '../config/platform-config.js';
import { BadCodecRequest, bodyOfPayloads, payloadsOfBody } from './codec-request.js';

const isPlatformAdmin = (p: Principal | null): boolean => p?.kind === 'admin' || (p?.kind === 'user' && p.platformAdmin);

@Controller('codec')
export class CodecController {
  private readonly codec = new EncryptionCodec(secretKeyring());
  private readonly uiOrigin: string | null;

  constructor(
    @Inject(PlatformConfig) private readonly config: PlatformConfig,
    @Inject(Database) private readonly db: Database,
    @Inject(SessionTokens) private readonly sessions: SessionTokens,
  ) {
    this.uiOrigin = config.temporalUiUrl ? new URL(config.temporalUiUrl).origin : null;
  }

  @Options(['encode', 'decode'])
  @HttpCode(204)
  preflight(@Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): void {
    this.cors(req, reply);
  }

  @Post('encode')
  async encode(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.answer(req, reply, (payloads) => this.codec.encode(payloads));
  }

  @Post('decode')
  async decode(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.answer(req, reply, (payloads) => this.codec.decode(payloads));
  }

  // CORS for the Temporal Web UI's origin only: any other page gets no CORS headers, so a browser keeps its answers from it
  private cors(req: FastifyRequest, reply: FastifyReply): void {
    reply.header('vary', 'origin');
    if (!this.uiOrigin || req.headers.origin !== this.uiOrigin) return;
    reply
      .header('access-control-allow-origin', this.uiOrigin)
      .header('access-control-allow-credentials', 'true')
      .header('access-control-allow-methods', 'POST, OPTIONS')
      .header('access-control-allow-headers', 'authorization, content-type, x-namespace')
      .header('access-control-max-age', '600');
  }

  private async answer(req: FastifyRequest, reply: FastifyReply, run: (payloads: ReturnType<typeof payloadsOfBody>) => Promise<unknown[]>): Promise<void> {
    this.cors(req, reply);
    reply.header('cache-control', 'no-store');
    const principal = await resolvePrincipal(req.headers.authorization, this.config.adminToken, credentialLookup(this.db, this.sessions)).catch(() => null);
    if (!principal) return void (await reply.code(401).send({ error: 'UNAUTHENTICATED' }));
    if (!isPlatformAdmin(principal)) return void (await reply.code(403).send({ error: 'FORBIDDEN', message: 'the codec is for platform admins only' }));
    try {
      const payloads = payloadsOfBody(req.body);
      await reply.code(200).send(bodyOfPayloads((await run(payloads)) as Parameters<typeof bodyOfPayloads>[0]));
    } catch (err) {
      if (err instanceof BadCodecRequest || err instanceof SecretDecryptionError || err instanceof MasterKeyError || err instanceof SyntaxError)
        return void (await reply.code(400).send({ error: 'BAD_REQUEST', message: err.message }));
      throw err;
    }
  }
}
