import type { MigrationInterface, QueryRunner } from 'typeorm';
import { openAll, resealStoredSecrets, sealPlaintext } from '../secrets/reseal.js';

/**
 * Secrets stored in clear before encryption at rest (env var values, git credentials, the env
 * snapshots of deployments) are sealed under the master key. A database with such rows needs
 * PAAS_MASTER_KEY to migrate; an empty one does not. Idempotent: sealed values are left alone.
 */
export class EncryptSecrets1764600000000 implements MigrationInterface {
  name = 'EncryptSecrets1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await resealStoredSecrets(q, sealPlaintext);
  }

  async down(q: QueryRunner): Promise<void> {
    await resealStoredSecrets(q, openAll);
  }
}
