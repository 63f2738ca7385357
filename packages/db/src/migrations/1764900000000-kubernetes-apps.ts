import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Apps on Kubernetes: replicas, an optional CPU autoscaler (all three columns or none), the pods'
 * isolation, and the instance count the worker last saw serving. Existing apps keep running one
 * STANDARD instance, which is what they did on Docker.
 */
export class KubernetesApps1764900000000 implements MigrationInterface {
  name = 'KubernetesApps1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE apps ADD COLUMN replicas int NOT NULL DEFAULT 1 CHECK (replicas BETWEEN 1 AND 20)`);
    await q.query(`ALTER TABLE apps ADD COLUMN autoscale_min_replicas int`);
    await q.query(`ALTER TABLE apps ADD COLUMN autoscale_max_replicas int`);
    await q.query(`ALTER TABLE apps ADD COLUMN autoscale_target_cpu_percent int`);
    await q.query(`ALTER TABLE apps ADD CONSTRAINT apps_autoscale_whole CHECK (
      (autoscale_min_replicas IS NULL AND autoscale_max_replicas IS NULL AND autoscale_target_cpu_percent IS NULL)
      OR (autoscale_min_replicas BETWEEN 1 AND autoscale_max_replicas AND autoscale_max_replicas <= 20
          AND autoscale_target_cpu_percent BETWEEN 10 AND 95))`);
    await q.query(`ALTER TABLE apps ADD COLUMN isolation text NOT NULL DEFAULT 'STANDARD' CHECK (isolation IN ('STANDARD', 'SANDBOXED'))`);
    await q.query(`ALTER TABLE apps ADD COLUMN serving_replicas int CHECK (serving_replicas >= 0)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE apps DROP COLUMN serving_replicas`);
    await q.query(`ALTER TABLE apps DROP COLUMN isolation`);
    await q.query(`ALTER TABLE apps DROP CONSTRAINT apps_autoscale_whole`);
    await q.query(`ALTER TABLE apps DROP COLUMN autoscale_target_cpu_percent`);
    await q.query(`ALTER TABLE apps DROP COLUMN autoscale_max_replicas`);
    await q.query(`ALTER TABLE apps DROP COLUMN autoscale_min_replicas`);
    await q.query(`ALTER TABLE apps DROP COLUMN replicas`);
  }
}
