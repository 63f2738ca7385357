// Sign-up, sign-in, refresh and sign-out. Access tokens are short-lived JWTs; refresh tokens are
// single-use and rotate within a family (one sign-in): presenting a used one again means it was
// stolen, so the whole family is revoked. Wrong passwords are throttled per address (the gate's
// throttle) and per account (a counter in PostgreSQL that locks the account for a while).
import { Inject, Injectable } from '@nestjs/common';
import { Database, type Repositories, type UserEntity } from '@paas/db';
import type { FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { recordFailedAuth } from '../auth/failed-auth-throttle.js';
import { GateError, tooManyFailures } from '../auth/gate-error.js';
import { hashOpaqueToken, newOpaqueToken, SessionTokens } from '../auth/session-tokens.js';
import { DomainError } from '../common/domain-error.js';
import { validateEmail, validateName, validateNewPassword } from './account-input.js';
import { hashPassword, verifyPassword } from './passwords.js';
import type { SessionModel } from './session.model.js';
import { toUserModel } from './user.model.js';

export interface SessionSettings {
  signup: 'open' | 'invite';
  refreshTokenTtlMs: number;
  failuresPerAccount: number;
  accountLockMs: number;
}

export function sessionSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): SessionSettings {
  const n = (raw: string | undefined, fallback: number) => (raw && Number.isInteger(Number(raw)) && Number(raw) > 0 ? Number(raw) : fallback);
  return {
    signup: env.PAAS_SIGNUP === 'open' ? 'open' : 'invite',
    refreshTokenTtlMs: n(env.PAAS_REFRESH_TOKEN_TTL_DAYS, 30) * 86_400_000,
    failuresPerAccount: n(env.PAAS_SIGNIN_FAILURES_PER_ACCOUNT, 5),
    accountLockMs: n(env.PAAS_SIGNIN_LOCK_SEC, 60) * 1000,
  };
}

const REFRESH_PREFIX = 'paas_rt_';
const wrongCredentials = () => new DomainError('UNAUTHENTICATED', 'Wrong email or password.');
const badRefresh = () => new DomainError('UNAUTHENTICATED', 'This refresh token is not valid (expired, used or revoked); sign in again.');

@Injectable()
export class SessionService {
  private readonly settings = sessionSettingsFromEnv();

  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(SessionTokens) private readonly tokens: SessionTokens,
  ) {}

  async signUp(rawEmail: string, rawPassword: string, rawName: string | null | undefined): Promise<SessionModel> {
    const email = validateEmail(rawEmail);
    const password = validateNewPassword(rawPassword);
    const name = validateName(rawName, 'name');
    await this.checkSignUpAllowed(email);
    const user = await this.createAccount({ email, name, passwordHash: await hashPassword(password) });
    if (!user) throw new DomainError('CONFLICT', 'An account with this email exists; sign in instead.');
    return this.issue(user, randomUUID());
  }

  /** Sign-up's rule, for every way in (password or forge): PAAS_SIGNUP open, or an invited email. */
  async checkSignUpAllowed(email: string): Promise<void> {
    if (this.settings.signup === 'invite' && (await this.db.teams.invitationsOf(email)).length === 0)
      throw new DomainError('FORBIDDEN', 'Sign-up is by invitation on this platform: ask a team admin to invite this email.');
  }

  /**
   * A new user with a personal team, joined to the teams that invited the email; `link` runs in the
   * same transaction (a forge identity). Null when the email is taken.
   */
  async createAccount(
    account: { email: string; name: string | null; passwordHash: string | null },
    link?: (tx: Repositories, user: UserEntity) => Promise<void>,
  ): Promise<UserEntity | null> {
    return this.db.transaction(async (tx) => {
      const created = await tx.users.insert(account);
      if (!created) return null;
      const personal = await tx.teams.insert({ name: account.name ?? account.email, personal: true });
      await tx.teams.setMember(personal.id, created.id, 'OWNER');
      await tx.teams.acceptInvitations(account.email, created.id);
      await link?.(tx, created);
      return created;
    });
  }

  /** A new session (a new refresh token family) for a user who proved who they are another way (a forge). */
  startSession(user: UserEntity): Promise<SessionModel> {
    return this.issue(user, randomUUID());
  }

  async signIn(rawEmail: string, password: string, request: FastifyRequest | undefined): Promise<SessionModel> {
    const email = typeof rawEmail === 'string' ? rawEmail.trim().toLowerCase() : '';
    const found = email.length <= 254 ? await this.db.users.forSignIn(email) : null;
    if (found?.lockedUntil && found.lockedUntil > new Date()) {
      throw new GateError('RATE_LIMITED', 'Too many wrong passwords for this account; try again later.', Math.ceil((+found.lockedUntil - Date.now()) / 1000));
    }
    const ok = await verifyPassword(found?.passwordHash ?? null, typeof password === 'string' ? password : '');
    if (!ok || !found) {
      if (found) await this.db.users.recordFailedSignIn(found.user.id, this.settings.failuresPerAccount, this.settings.accountLockMs);
      if (request) {
        const { limited, retryAfterSeconds } = await recordFailedAuth(request);
        if (limited) throw tooManyFailures(retryAfterSeconds);
      }
      throw wrongCredentials();
    }
    await this.db.users.recordSignIn(found.user.id);
    return this.issue(found.user, randomUUID());
  }

  async refresh(refreshToken: string): Promise<SessionModel> {
    if (typeof refreshToken !== 'string' || !refreshToken.startsWith(REFRESH_PREFIX) || refreshToken.length > 200) throw badRefresh();
    const used = await this.db.users.useRefreshToken(hashOpaqueToken(refreshToken));
    if (used.outcome !== 'ok') throw badRefresh();
    const user = await this.db.users.findById(used.userId!);
    if (!user) throw badRefresh();
    return this.issue(user, used.familyId!);
  }

  /** Ends the session the refresh token belongs to (its whole family); false for an unknown token. */
  async signOut(refreshToken: string): Promise<boolean> {
    if (typeof refreshToken !== 'string' || !refreshToken.startsWith(REFRESH_PREFIX) || refreshToken.length > 200) return false;
    return this.db.users.revokeFamilyOf(hashOpaqueToken(refreshToken));
  }

  private async issue(user: UserEntity, familyId: string): Promise<SessionModel> {
    const refreshToken = newOpaqueToken(REFRESH_PREFIX);
    await this.db.users.insertRefreshToken({
      userId: user.id,
      familyId,
      tokenHash: hashOpaqueToken(refreshToken),
      expiresAt: new Date(Date.now() + this.settings.refreshTokenTtlMs),
    });
    const access = await this.tokens.sign(user.id, familyId);
    return { accessToken: access.token, refreshToken, expiresAt: access.expiresAt, user: toUserModel(user) };
  }
}
