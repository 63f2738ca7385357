// The accounts data layer against the test stack's real PostgreSQL, in a database of its own:
// the migration that gives every existing app a team, refresh token families, API token expiry
// and revocation, and the per-account failed sign-in counter.
import { randomUUID } from 'node:crypto';
import { Database, OPERATOR_TEAM_ID } from '@paas/db';
import type { DataSource } from 'typeorm';
import { beforeAll, describe, expect, it } from 'vitest';
import { Accounts1764500000000 } from '../../packages/db/src/migrations/1764500000000-accounts.js';
import { useScratchDatabase } from '../helpers/scratch-database.js';

const scratch = useScratchDatabase('paas_accounts', 2);
let source: DataSource;
let db: Database;

beforeAll(() => {
  source = scratch();
  db = new Database(source);
});

const hash = () => randomUUID().replace(/-/g, '') + randomUUID().replace(/-/g, '');

describe('migration: accounts', () => {
  it('moves every app that existed before teams to the operator team, losing nothing', async () => {
    // the schema as it was before the migration, with apps in it
    for (const t of [
      'notification_deliveries',
      'notification_channels',
      'forge_connections',
      'forge_identities',
      'api_tokens',
      'refresh_tokens',
      'team_invitations',
      'team_members',
    ])
      await source.query(`DROP TABLE ${t}`);
    await source.query(`ALTER TABLE apps DROP COLUMN team_id`);
    await source.query(`DROP TABLE teams`);
    await source.query(`DROP TABLE users`);
    const names = ['legacy-one', 'legacy-two'];
    for (const name of names)
      await source.query(
        `INSERT INTO apps (name, kind, runtime, git_url, branch, root_directory, dockerfile_path, port, health_check_path)
         VALUES ($1, 'SERVICE', 'DOCKER', 'file:///tmp/x', 'main', '.', 'Dockerfile', 8080, '/health')`,
        [name],
      );
    const before: unknown[] = await source.query(`SELECT * FROM apps ORDER BY name`);

    const runner = source.createQueryRunner();
    await new Accounts1764500000000().up(runner).finally(() => runner.release());

    const after: { team_id: string }[] = await source.query(`SELECT * FROM apps ORDER BY name`);
    expect(after.map(({ team_id: _t, ...rest }) => rest)).toEqual(before);
    expect(after.map((a) => a.team_id)).toEqual([OPERATOR_TEAM_ID, OPERATOR_TEAM_ID]);
    expect(await db.teams.findById(OPERATOR_TEAM_ID)).toMatchObject({ name: 'operator', personal: false });
    // an app inserted by code that knows nothing of teams lands there too
    await source.query(
      `INSERT INTO apps (name, kind, runtime, branch, root_directory, dockerfile_path, port, health_check_path) VALUES ('later', 'STATIC', 'DOCKER', 'main', '.', 'Dockerfile', 8080, '/')`,
    );
    expect(await db.teams.teamOfApp((await db.apps.findByName('later'))!.id)).toBe(OPERATOR_TEAM_ID);
  });
});

describe('accounts repositories', () => {
  async function user(email = `u-${randomUUID().slice(0, 8)}@example.test`) {
    return (await db.users.insert({ email, name: null, passwordHash: 'not-a-real-hash' }))!;
  }

  it('refuses a second account for the same email', async () => {
    const u = await user();
    expect(await db.users.insert({ email: u.email, name: null, passwordHash: 'x' })).toBeNull();
  });

  it('uses a refresh token once; using it again revokes its whole family', async () => {
    const u = await user();
    const family = randomUUID();
    const [first, second, otherFamily] = [hash(), hash(), hash()];
    const later = new Date(Date.now() + 60_000);
    await db.users.insertRefreshToken({ userId: u.id, familyId: family, tokenHash: first, expiresAt: later });
    await db.users.insertRefreshToken({ userId: u.id, familyId: randomUUID(), tokenHash: otherFamily, expiresAt: later });
    expect(await db.users.useRefreshToken(first)).toEqual({ outcome: 'ok', userId: u.id, familyId: family });
    await db.users.insertRefreshToken({ userId: u.id, familyId: family, tokenHash: second, expiresAt: later });
    expect((await db.users.useRefreshToken(first)).outcome).toBe('reused');
    expect((await db.users.useRefreshToken(second)).outcome).toBe('reused');
    // another sign-in of the same user is untouched
    expect((await db.users.useRefreshToken(otherFamily)).outcome).toBe('ok');
    expect((await db.users.useRefreshToken(hash())).outcome).toBe('unknown');
  });

  it('refuses an expired refresh token, and one of a family that signed out', async () => {
    const u = await user();
    const expired = hash();
    await db.users.insertRefreshToken({ userId: u.id, familyId: randomUUID(), tokenHash: expired, expiresAt: new Date(Date.now() - 1000) });
    expect((await db.users.useRefreshToken(expired)).outcome).toBe('expired');
    const signedOut = hash();
    await db.users.insertRefreshToken({ userId: u.id, familyId: randomUUID(), tokenHash: signedOut, expiresAt: new Date(Date.now() + 60_000) });
    const familyOf = (await source.query(`SELECT family_id FROM refresh_tokens WHERE token_hash = $1`, [signedOut]))[0].family_id as string;
    expect(await db.users.sessionLive(u.id, familyOf)).toBe(true);
    expect(await db.users.revokeFamilyOf(signedOut)).toBe(true);
    expect(await db.users.sessionLive(u.id, familyOf)).toBe(false);
    expect(await db.users.sessionLive(u.id, randomUUID())).toBe(false);
    expect((await db.users.useRefreshToken(signedOut)).outcome).toBe('reused');
  });

  it('takes API tokens that are live, keeps lastUsedAt, and refuses expired or revoked ones', async () => {
    const team = await db.teams.insert({ name: 't', personal: false });
    const [live, expired, revoked] = [hash(), hash(), hash()];
    const a = await db.apiTokens.insert({ teamId: team.id, name: 'live', role: 'DEVELOPER', tokenHash: live, expiresAt: new Date(Date.now() + 60_000) });
    await db.apiTokens.insert({ teamId: team.id, name: 'old', role: 'DEVELOPER', tokenHash: expired, expiresAt: new Date(Date.now() - 1000) });
    const r = await db.apiTokens.insert({ teamId: team.id, name: 'gone', role: 'DEVELOPER', tokenHash: revoked, expiresAt: null });
    expect(a.lastUsedAt).toBeNull();
    expect(await db.apiTokens.use(live)).toMatchObject({ id: a.id, teamId: team.id, role: 'DEVELOPER', lastUsedAt: expect.any(Date) });
    expect(await db.apiTokens.use(expired)).toBeNull();
    expect(await db.apiTokens.revoke(r.id)).toBe(true);
    expect(await db.apiTokens.revoke(r.id)).toBe(false);
    expect(await db.apiTokens.use(revoked)).toBeNull();
    // the hash never comes back with a token
    expect(JSON.stringify(await db.apiTokens.findById(a.id))).not.toContain(live);
  });

  it('locks an account after `max` wrong passwords in a row; a sign-in resets the count', async () => {
    const u = await user();
    for (let i = 0; i < 2; i++) await db.users.recordFailedSignIn(u.id, 3, 60_000);
    expect((await db.users.forSignIn(u.email))!.lockedUntil).toBeNull();
    await db.users.recordSignIn(u.id);
    for (let i = 0; i < 2; i++) await db.users.recordFailedSignIn(u.id, 3, 60_000);
    expect((await db.users.forSignIn(u.email))!.lockedUntil).toBeNull();
    await db.users.recordFailedSignIn(u.id, 3, 60_000);
    expect(+(await db.users.forSignIn(u.email))!.lockedUntil!).toBeGreaterThan(Date.now() + 50_000);
  });

  it('turns invitations into memberships at sign-up, once', async () => {
    const team = await db.teams.insert({ name: 'inviting', personal: false });
    await db.teams.invite(team.id, 'invited@example.test', 'VIEWER');
    await db.teams.invite(team.id, 'invited@example.test', 'DEVELOPER');
    expect((await db.teams.invitationsOf('invited@example.test')).map((i) => i.role)).toEqual(['DEVELOPER']);
    const u = await user('invited@example.test');
    await db.teams.acceptInvitations(u.email, u.id);
    expect(await db.teams.roleOf(team.id, u.id)).toBe('DEVELOPER');
    expect(await db.teams.invitationsOf(u.email)).toEqual([]);
  });
});
