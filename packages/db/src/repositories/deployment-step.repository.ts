// The steps of a deployment, written by the worker as each one runs. A write is an upsert keyed
// by deployment and step, so an activity's retry writes the same row again rather than a second.
import { STEP_NAMES, type StepName, type StepStatus } from '@paas/contracts';
import type { EntityManager } from 'typeorm';
import { DeploymentStepEntity } from '../entities/deployment-step.entity.js';
import { notifyDeploymentChanged } from './notifications.js';

const FINISHING: readonly StepStatus[] = ['SUCCEEDED', 'FAILED', 'SKIPPED', 'COMPENSATED'];
const OPEN: readonly StepStatus[] = ['RUNNING', 'PENDING'];

export class DeploymentStepRepository {
  constructor(private readonly db: EntityManager) {}

  listForDeployment(deploymentId: string): Promise<DeploymentStepEntity[]> {
    return this.db.getRepository(DeploymentStepEntity).find({ where: { deploymentId } });
  }

  /** Steps that started or wait and never finished, in pipeline order. */
  async open(deploymentId: string): Promise<{ name: StepName; status: StepStatus }[]> {
    return this.db
      .getRepository(DeploymentStepEntity)
      .createQueryBuilder('s')
      .select(['s.name', 's.status'])
      .where('s.deployment_id = :deploymentId AND s.status IN (:...open)', { deploymentId, open: OPEN })
      .orderBy('s.position')
      .getMany();
  }

  /**
   * Records the step's status and announces the change. RUNNING (re)opens it (a retry keeps its
   * first start time and the highest attempt seen); a finishing status closes it; a message,
   * once given, stays unless another replaces it.
   */
  async record(deploymentId: string, name: StepName, status: StepStatus, opts: { attempt?: number; message?: string } = {}): Promise<void> {
    const position = Math.max(0, STEP_NAMES.indexOf(name));
    const starts = status === 'RUNNING';
    const finishes = FINISHING.includes(status);
    // PostgreSQL-specific upsert (conditional merge of each column): the one raw query here
    await this.db.query(
      `INSERT INTO deployment_steps (deployment_id, name, position, status, attempt, started_at, finished_at, message)
       VALUES ($1, $2, $3, $4, COALESCE($5, 1), CASE WHEN $6 THEN now() END, CASE WHEN $7 THEN now() END, $8)
       ON CONFLICT (deployment_id, name) DO UPDATE SET
         status = EXCLUDED.status,
         attempt = GREATEST(deployment_steps.attempt, COALESCE($5, deployment_steps.attempt)),
         started_at = COALESCE(deployment_steps.started_at, EXCLUDED.started_at),
         finished_at = CASE WHEN $7 THEN COALESCE(EXCLUDED.finished_at, now()) WHEN $6 THEN NULL ELSE deployment_steps.finished_at END,
         message = COALESCE($8, deployment_steps.message)`,
      [deploymentId, name, position, status, opts.attempt ?? null, starts, finishes, opts.message ?? null],
    );
    await notifyDeploymentChanged(this.db, deploymentId);
  }
}
