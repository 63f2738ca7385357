// A scheduled redeploy against the test stack's real PostgreSQL: while the app's team is over its
// plan's limits the firing is skipped (no deployment recorded, nothing handed to Temporal); the
// operator team's app is redeployed whatever its size.
import { Database, OPERATOR_TEAM_ID } from '@paas/db';
import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createScheduleActivities } from '../../activities/src/schedule/schedule.activities.js';
import { useScratchDatabase } from '../helpers/scratch-database.js';

const scratch = useScratchDatabase('paas_schedule_quota', 2);
let source: DataSource;
let db: Database;
const signalled: string[] = [];
// records what would reach Temporal: the deployer is not what this test is about
const temporal = { workflow: { signalWithStart: async (_: string, o: { workflowId: string }) => void signalled.push(o.workflowId) } } as unknown as Client;

beforeAll(() => {
  source = scratch();
  db = new Database(source);
});

async function appIn(teamId: string, name: string, memoryMb: number): Promise<string> {
  const rows: { id: string }[] = await source.query(
    `INSERT INTO apps (name, kind, runtime, git_url, branch, root_directory, dockerfile_path, port, health_check_path, team_id, memory_mb)
     VALUES ($1, 'SERVICE', 'DOCKER', 'file:///tmp/x', 'main', '.', 'Dockerfile', 8080, '/', $2, $3) RETURNING id`,
    [name, teamId, memoryMb],
  );
  return rows[0].id;
}

describe('scheduled redeploy and quotas', () => {
  it("skips the firing while the team is above its plan's memory, recording nothing", async () => {
    const { requestScheduledDeployment } = createScheduleActivities(db, temporal);
    const team = await db.teams.insert({ name: 'over', personal: false });
    const app = await appIn(team.id, 'over-limit', 2048);
    expect(await requestScheduledDeployment(app, 'schedule-1')).toBeNull();
    expect(await db.deployments.countUnfinished(app)).toBe(0);
    expect(signalled).toEqual([]);
  });

  it("redeploys the operator team's app whatever its size", async () => {
    const { requestScheduledDeployment } = createScheduleActivities(db, temporal);
    const app = await appIn(OPERATOR_TEAM_ID, 'operator-big', 100_000);
    expect(await requestScheduledDeployment(app, 'schedule-2')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await db.deployments.countUnfinished(app)).toBe(1);
    expect(signalled).toHaveLength(1);
  });
});
