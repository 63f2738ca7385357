// Sign-in with a forge or OpenID Connect provider, from the redirect to the provider to a session:
//  - the callback must answer an authorization request this gateway made (state, single-use, 10
//    minutes), in the browser that made it (a cookie), with the PKCE verifier and, for OIDC, the
//    nonce and a valid id_token (openid-client checks signature, issuer, audience and expiry);
//  - an identity already linked signs its user in; a signed-in user may link one identity per
//    provider; an unknown identity creates an account only with an email the provider verified,
//    under the same sign-up rule as a password (PAAS_SIGNUP), and never takes over an existing
//    account that has that email (its owner links the forge after signing in instead);
//  - the session reaches the console through a one-time code, never in a URL.
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Database, type UserEntity } from '@paas/db';
import { OutboundRefusedError } from '@paas/outbound';
import * as oidc from 'openid-client';
import { AuditService } from '../audit/audit.service.js';
import { DomainError } from '../common/domain-error.js';
import { PlatformConfig } from '../config/platform-config.js';
import type { SessionModel } from '../users/session.model.js';
import { SessionService } from '../users/session.service.js';
import { ForgeOAuthClient, ForgeProviderError } from './forge-oauth-client.js';
import type { ForgeProfile } from './forge-profile.js';
import { forgeProvidersFromEnv, type ForgeProvider } from './forge-providers.js';
import { PendingSignIns } from './pending-sign-ins.js';

/** A sign-in that did not work, in words for the person at the browser. */
export class ForgeSignInError extends Error {
  constructor(
    message: string,
    readonly code: 'UNAUTHENTICATED' | 'FORBIDDEN' | 'CONFLICT' | 'UNAVAILABLE' | 'NOT_FOUND' = 'UNAUTHENTICATED',
  ) {
    super(message);
  }
}

export type CallbackOutcome = { kind: 'signedIn'; handoff: string } | { kind: 'linked'; providerId: string };

@Injectable()
export class ForgeSignInService {
  private readonly logger = new Logger('ForgeSignIn');
  private readonly clients: Map<string, ForgeOAuthClient>;
  private readonly pending = new PendingSignIns();

  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(SessionService) private readonly sessions: SessionService,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(PlatformConfig) config: PlatformConfig,
  ) {
    this.clients = new Map(forgeProvidersFromEnv().map((p) => [p.id, new ForgeOAuthClient(p, `${config.publicUrl}/auth/forge/${p.id}/callback`)] as const));
  }

  providers(): { id: string; name: string }[] {
    return [...this.clients.values()].map(({ provider }) => ({ id: provider.id, name: provider.name }));
  }

  /** The provider's authorization URL and the browser binding to set as a cookie. */
  async start(providerId: string, linkUserId: string | null): Promise<{ url: URL; binding: string }> {
    const client = this.client(providerId);
    const { url, checks } = await client.authorizationUrl().catch((err: unknown) => {
      throw this.unreachable(client.provider, err);
    });
    return { url, binding: this.pending.begin({ providerId: client.provider.id, checks, linkUserId }) };
  }

  async callback(providerId: string, callbackUrl: URL, binding: string | undefined, address: string | null): Promise<CallbackOutcome> {
    const client = this.client(providerId);
    const { provider } = client;
    const pending = this.pending.take(callbackUrl.searchParams.get('state'));
    if (!pending || pending.providerId !== provider.id)
      throw new ForgeSignInError(`This ${provider.name} sign-in was not started here, or it expired or was used already: start again.`);
    if (!PendingSignIns.boundTo(pending, binding))
      throw new ForgeSignInError(`This ${provider.name} sign-in was started in another browser: start again from the sign-in page.`);
    const profile = await client.complete(callbackUrl, pending.checks).catch((err: unknown) => {
      throw this.refused(provider, err);
    });
    if (pending.linkUserId) return this.link(provider, profile, pending.linkUserId);
    const action = 'signInWithForge';
    try {
      const user = await this.userFor(provider, profile);
      await this.audit.recordSignIn(action, user.email, 'ok', address);
      return { kind: 'signedIn', handoff: this.pending.handOff(user.id) };
    } catch (err) {
      await this.audit.recordSignIn(action, profile.verifiedEmail, err instanceof ForgeSignInError ? err.code : 'INTERNAL', address);
      throw err;
    }
  }

  /** Trades a hand-off code for a session, once. */
  async exchange(code: unknown): Promise<SessionModel> {
    const userId = this.pending.redeem(code);
    const user = userId ? await this.db.users.findById(userId) : null;
    if (!user) throw new ForgeSignInError('This sign-in code is not valid (it expired or was used already): sign in again.');
    return this.sessions.startSession(user);
  }

  private async userFor(provider: ForgeProvider, profile: ForgeProfile): Promise<UserEntity> {
    const identity = await this.db.forgeIdentities.find(provider.id, profile.subject);
    if (identity) {
      const user = await this.db.users.findById(identity.userId);
      if (!user) throw new ForgeSignInError('This account no longer exists.');
      await this.db.forgeIdentities.recordSignIn(identity.id, profile.username);
      return user;
    }
    const email = profile.verifiedEmail;
    if (!email)
      throw new ForgeSignInError(
        `${provider.name} did not share a verified email address, which a new account needs: verify one at ${provider.name} and try again.`,
      );
    if (await this.db.users.findByEmail(email))
      throw new ForgeSignInError(
        `An account with ${email} exists already: sign in with its password, then link ${provider.name} from your account.`,
        'CONFLICT',
      );
    try {
      await this.sessions.checkSignUpAllowed(email);
    } catch (err) {
      if (err instanceof DomainError) throw new ForgeSignInError(`${err.message} (${email})`, 'FORBIDDEN');
      throw err;
    }
    const user = await this.sessions.createAccount({ email, name: profile.name, passwordHash: null }, async (tx, created) => {
      if (!(await tx.forgeIdentities.link({ userId: created.id, provider: provider.id, subject: profile.subject, username: profile.username })))
        throw new ForgeSignInError(`This ${provider.name} account was linked to another user a moment ago: sign in again.`, 'CONFLICT');
    });
    if (!user) throw new ForgeSignInError(`An account with ${email} was created a moment ago: sign in again.`, 'CONFLICT');
    return user;
  }

  private async link(provider: ForgeProvider, profile: ForgeProfile, userId: string): Promise<CallbackOutcome> {
    const identity = await this.db.forgeIdentities.find(provider.id, profile.subject);
    if (identity && identity.userId !== userId) throw new ForgeSignInError(`This ${provider.name} account is linked to another user.`, 'CONFLICT');
    if (!identity && !(await this.db.forgeIdentities.link({ userId, provider: provider.id, subject: profile.subject, username: profile.username })))
      throw new ForgeSignInError(`Your account is linked to another ${provider.name} account already: unlink it first.`, 'CONFLICT');
    return { kind: 'linked', providerId: provider.id };
  }

  private client(providerId: string): ForgeOAuthClient {
    const client = this.clients.get(providerId);
    if (!client) throw new ForgeSignInError('There is no such sign-in provider on this platform.', 'NOT_FOUND');
    return client;
  }

  private unreachable(provider: ForgeProvider, err: unknown): ForgeSignInError {
    this.logger.warn(`${provider.id}: could not prepare the sign-in: ${describe(err)}`);
    if (err instanceof ForgeProviderError || err instanceof OutboundRefusedError) return new ForgeSignInError(err.message, 'UNAVAILABLE');
    return new ForgeSignInError(`${provider.name} cannot be reached now: try again later.`, 'UNAVAILABLE');
  }

  // the provider's own error codes are safe to show; anything else is named, not quoted
  private refused(provider: ForgeProvider, err: unknown): ForgeSignInError {
    this.logger.warn(`${provider.id}: the callback failed: ${describe(err)}`);
    if (err instanceof oidc.AuthorizationResponseError) return new ForgeSignInError(`${provider.name} did not authorize the sign-in (${err.error}).`);
    if (err instanceof oidc.ResponseBodyError) return new ForgeSignInError(`${provider.name} refused the sign-in (${err.error}): start again.`);
    if (err instanceof ForgeProviderError || err instanceof OutboundRefusedError) return new ForgeSignInError(err.message, 'UNAVAILABLE');
    return new ForgeSignInError(`${provider.name}'s answer did not pass the sign-in checks: start again.`);
  }
}

/** An error's class and code for the log: never its message, which may quote a token or a response. */
function describe(err: unknown): string {
  const e = err as { name?: unknown; code?: unknown; error?: unknown };
  return [e?.name, e?.code, e?.error].filter((x) => typeof x === 'string').join(' ') || 'unknown error';
}
