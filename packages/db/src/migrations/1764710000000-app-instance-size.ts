import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each app's instance size: memory (MiB) and CPUs of one release container. The gateway fills in
 * PAAS_APP_MEMORY_MB / PAAS_APP_CPUS for new apps; apps from before get the same built-in defaults.
 */
export class AppInstanceSize1764710000000 implements MigrationInterface {
  name = 'AppInstanceSize1764710000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE apps ADD COLUMN memory_mb int NOT NULL DEFAULT 512 CHECK (memory_mb > 0)`);
    await q.query(`ALTER TABLE apps ADD COLUMN cpus double precision NOT NULL DEFAULT 1 CHECK (cpus > 0)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE apps DROP COLUMN cpus`);
    await q.query(`ALTER TABLE apps DROP COLUMN memory_mb`);
  }
}
