import type { MigrationInterface, QueryRunner } from 'typeorm';

// defaults an operator can change in the table; the operator team ignores them (see README: Plans and quotas)
const PLANS = [
  { id: 'free', name: 'Free', apps: 3, memoryMb: 1024, builds: 1, minutes: 100 },
  { id: 'pro', name: 'Pro', apps: 20, memoryMb: 8192, builds: 2, minutes: 1000 },
  { id: 'team', name: 'Team', apps: 100, memoryMb: 32768, builds: 5, minutes: 5000 },
];

/** Plans with their limits, seeded with Free, Pro and Team; every team is on one, Free by default. */
export class Plans1764700000000 implements MigrationInterface {
  name = 'Plans1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE plans (
      id text PRIMARY KEY,
      name text NOT NULL,
      max_apps int NOT NULL CHECK (max_apps >= 0),
      max_memory_mb int NOT NULL CHECK (max_memory_mb >= 0),
      max_concurrent_builds int NOT NULL CHECK (max_concurrent_builds >= 0),
      max_build_minutes_per_month int NOT NULL CHECK (max_build_minutes_per_month >= 0),
      position int NOT NULL)`);
    for (const [i, p] of PLANS.entries())
      await q.query(
        `INSERT INTO plans (id, name, max_apps, max_memory_mb, max_concurrent_builds, max_build_minutes_per_month, position) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [p.id, p.name, p.apps, p.memoryMb, p.builds, p.minutes, i],
      );
    await q.query(`ALTER TABLE teams ADD COLUMN plan_id text NOT NULL DEFAULT 'free' REFERENCES plans(id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE teams DROP COLUMN plan_id`);
    await q.query(`DROP TABLE plans`);
  }
}
