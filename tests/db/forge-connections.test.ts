// Forge connections against real PostgreSQL: the token and a GitHub App's private key are sealed
// in the table, read in clear, re-sealed by a key rotation; one connection per team, base URL and
// account; the table's checks refuse a connection without its credentials; deleting the team removes them.
import { generateMasterKeyText, Keyring, parseMasterKey, sealedKeyId } from '@paas/crypto';
import { Database, resealStoredSecrets, sealUnderCurrentKey, useSecretKeyring } from '@paas/db';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useScratchDatabase } from '../helpers/scratch-database.js';

const scratch = useScratchDatabase('paas_forge_connections', 2);
let source: DataSource;
let db: Database;
let teamId: string;
const keyA = generateMasterKeyText();
const keyB = generateMasterKeyText();
const base = { forge: 'GITEA' as const, baseUrl: 'https://gitea.example.invalid', githubAppId: null, githubInstallationId: null, githubPrivateKey: null };

beforeAll(() => {
  source = scratch();
  db = new Database(source);
});

beforeEach(async () => {
  useSecretKeyring(new Keyring(parseMasterKey(keyA), []));
  const [{ id }] = await source.query(`INSERT INTO teams (name) VALUES ($1) RETURNING id`, [`forge-${randomUUID().slice(0, 8)}`]);
  teamId = id as string;
});

describe('forge connections in PostgreSQL', () => {
  it('the token and the private key are sealed at rest, read in clear, and re-sealed by a key rotation', async () => {
    const tokenId = randomUUID();
    const appId = randomUUID();
    expect(await db.forgeConnections.insert({ ...base, id: tokenId, teamId, auth: 'TOKEN', account: 'alice', token: 'canary-forge-token' })).toBe(true);
    expect(
      await db.forgeConnections.insert({
        ...base,
        id: appId,
        teamId,
        forge: 'GITHUB',
        baseUrl: 'https://github.com',
        auth: 'GITHUB_APP',
        account: 'acme',
        token: null,
        githubAppId: '42',
        githubInstallationId: '7',
        githubPrivateKey: '-----BEGIN PRIVATE KEY-----canary-key',
      }),
    ).toBe(true);
    const rows: { token: string | null; github_private_key: string | null }[] = await source.query(
      `SELECT token, github_private_key FROM forge_connections WHERE team_id = $1`,
      [teamId],
    );
    const stored = rows.flatMap((r) => [r.token, r.github_private_key]).filter((v): v is string => v !== null);
    expect(stored).toHaveLength(2);
    for (const v of stored) {
      expect(v).toMatch(/^paas:enc:v1:/);
      expect(v).not.toContain('canary');
    }
    expect((await db.forgeConnections.find(tokenId))?.token).toBe('canary-forge-token');
    expect((await db.forgeConnections.find(appId))?.githubPrivateKey).toBe('-----BEGIN PRIVATE KEY-----canary-key');

    useSecretKeyring(new Keyring(parseMasterKey(keyB), [parseMasterKey(keyA)]));
    expect(await source.transaction((tx) => resealStoredSecrets(tx, sealUnderCurrentKey))).toBeGreaterThanOrEqual(2);
    const [{ token }] = await source.query(`SELECT token FROM forge_connections WHERE id = $1`, [tokenId]);
    expect(sealedKeyId(token)).toBe(parseMasterKey(keyB).id);
    expect((await db.forgeConnections.find(tokenId))?.token).toBe('canary-forge-token');
    expect((await db.forgeConnections.find(appId))?.githubPrivateKey).toBe('-----BEGIN PRIVATE KEY-----canary-key');
  });

  it('one connection per team, base URL and account; credentials must match the auth kind; the team takes its connections along', async () => {
    const c = { ...base, teamId, auth: 'TOKEN' as const, account: 'bob', token: 't' };
    expect(await db.forgeConnections.insert({ ...c, id: randomUUID() })).toBe(true);
    expect(await db.forgeConnections.insert({ ...c, id: randomUUID() })).toBe(false);
    expect(await db.forgeConnections.insert({ ...c, id: randomUUID(), account: 'carol' })).toBe(true);
    await expect(db.forgeConnections.insert({ ...c, id: randomUUID(), account: 'dave', token: null })).rejects.toThrow();
    await expect(db.forgeConnections.insert({ ...c, id: randomUUID(), account: 'erin', auth: 'GITHUB_APP' })).rejects.toThrow();
    expect((await db.forgeConnections.forTeam(teamId)).map((x) => x.account)).toEqual(['bob', 'carol']);
    const [first] = await db.forgeConnections.forTeam(teamId);
    expect(await db.forgeConnections.remove(first.id)).toBe(true);
    expect(await db.forgeConnections.remove(first.id)).toBe(false);
    await source.query(`DELETE FROM teams WHERE id = $1`, [teamId]);
    expect(await db.forgeConnections.forTeam(teamId)).toEqual([]);
  });
});
