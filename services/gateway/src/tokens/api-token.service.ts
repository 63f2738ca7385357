// Team API tokens: a role no higher than the creator's, an optional expiry, only a hash kept.
import { Inject, Injectable } from '@nestjs/common';
import { ValidationError } from '@paas/contracts';
import { Database } from '@paas/db';
import type { Principal, TeamRole } from '../auth/principal.js';
import { API_TOKEN_PREFIX } from '../auth/principal.js';
import { hashOpaqueToken, newOpaqueToken } from '../auth/session-tokens.js';
import { DomainError, notFound } from '../common/domain-error.js';
import { PolicyService } from '../policy/policy.service.js';
import { validateName } from '../users/account-input.js';
import { toApiTokenModel, type ApiTokenModel, type CreatedApiTokenModel } from './api-token.model.js';

const MAX_EXPIRY_DAYS = 3650;

@Injectable()
export class ApiTokenService {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(PolicyService) private readonly policy: PolicyService,
  ) {}

  async create(
    principal: Principal | null,
    teamId: string,
    rawName: string,
    role: TeamRole,
    expiresInDays: number | null | undefined,
  ): Promise<CreatedApiTokenModel> {
    await this.policy.grant(principal, teamId, 'manageTokens', role);
    const name = validateName(rawName, 'name')!;
    if (expiresInDays !== null && expiresInDays !== undefined && (!Number.isInteger(expiresInDays) || expiresInDays < 1 || expiresInDays > MAX_EXPIRY_DAYS))
      throw new ValidationError(`expiresInDays is a whole number from 1 to ${MAX_EXPIRY_DAYS}, or left out for no expiry.`, 'expiresInDays');
    const token = newOpaqueToken(API_TOKEN_PREFIX);
    const row = await this.db.apiTokens.insert({
      teamId,
      name,
      role,
      tokenHash: hashOpaqueToken(token),
      expiresAt: expiresInDays ? new Date(Date.now() + expiresInDays * 86_400_000) : null,
    });
    return { token, apiToken: toApiTokenModel(row) };
  }

  async listOfTeam(principal: Principal | null, teamId: string): Promise<ApiTokenModel[]> {
    await this.policy.team(principal, teamId, 'manageTokens');
    return (await this.db.apiTokens.listOfTeam(teamId)).map(toApiTokenModel);
  }

  async revoke(principal: Principal | null, id: string): Promise<boolean> {
    const row = /^[0-9a-f-]{36}$/i.test(id) ? await this.db.apiTokens.findById(id) : null;
    if (!row) throw notFound('API token', id);
    await this.policy.team(principal, row.teamId, 'manageTokens').catch((e: unknown) => {
      throw e instanceof DomainError && e.code === 'NOT_FOUND' ? notFound('API token', id) : e;
    });
    await this.db.apiTokens.revoke(id);
    return true;
  }
}
