// The deployment status rules are written once (@paas/contracts) and the SQL derives from them.
import { DEPLOYMENT_STATUSES, FINAL_STATUSES, RETIRED_STATUSES, SERVED_STATUSES, isFinal, type DeploymentStatus } from '@paas/contracts';
import { describe, expect, it } from 'vitest';
import { statusListSql } from './status-sql.js';

describe('deployment status rules', () => {
  it('final means LIVE, SUPERSEDED, FAILED or CANCELLED; everything else is still in flight', () => {
    expect(DEPLOYMENT_STATUSES.filter(isFinal)).toEqual(['LIVE', 'SUPERSEDED', 'FAILED', 'CANCELLED']);
    expect(isFinal('QUEUED')).toBe(false);
    expect(isFinal('not a status')).toBe(false);
  });

  it('served and retired statuses are final, and split the final ones at LIVE', () => {
    expect(SERVED_STATUSES.every(isFinal)).toBe(true);
    expect(RETIRED_STATUSES).toEqual(FINAL_STATUSES.filter((s) => s !== 'LIVE'));
  });

  it('renders a status list as an SQL literal list', () => {
    expect(statusListSql(FINAL_STATUSES)).toBe(`('LIVE','SUPERSEDED','FAILED','CANCELLED')`);
  });

  it('refuses anything but known status names, so a list can never carry SQL', () => {
    expect(() => statusListSql([`LIVE') OR 1=1 --` as DeploymentStatus])).toThrow(/not a deployment status/);
    expect(() => statusListSql(["LIVE'"] as unknown as DeploymentStatus[])).toThrow(/not a deployment status/);
    expect(() => statusListSql([])).toThrow(/empty/);
  });
});
