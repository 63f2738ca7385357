import { useQuery } from 'urql';
import { TeamUsageQuery } from '../api/account-operations';
import { errorMessage } from '../api/errors';
import { ErrorBox, Loading } from '../ui/Feedback';
import { formatAmount, meterLevel, type Meter } from './usage-bars';

/** `compact`: the label is for assistive technology only (in a table whose column says it). */
export function UsageBar({ label, used, limit, unit = '', compact = false }: Meter & { compact?: boolean }) {
  const { percent, level } = meterLevel(used, limit);
  return (
    <div className="meter" data-meter={label} data-level={level}>
      <div className="meter-label">
        <span className={compact ? 'visually-hidden' : undefined}>{label}</span>
        <span>
          {formatAmount(used)}
          {unit} of {formatAmount(limit)}
          {unit}
        </span>
      </div>
      <div className="meter-track" role="meter" aria-label={label} aria-valuemin={0} aria-valuemax={limit} aria-valuenow={used}>
        <div className="meter-fill" style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}

export function Usage({ teamId }: { teamId: string }) {
  const [{ data, fetching, error }] = useQuery({ query: TeamUsageQuery, variables: { id: teamId }, requestPolicy: 'cache-and-network' });
  const team = data?.team;
  return (
    <section className="card" aria-labelledby="usage-title">
      <h2 id="usage-title">Usage{team && <span className="muted"> · {team.plan.name} plan</span>}</h2>
      {fetching && !data && <Loading what="usage" />}
      <ErrorBox message={errorMessage(error)} />
      {team && (
        <>
          <UsageBar label="Apps" used={team.usage.apps} limit={team.plan.maxApps} />
          <UsageBar label="Memory" used={team.usage.memoryMb} limit={team.plan.maxMemoryMb} unit=" MB" />
          <UsageBar label="Build minutes this month" used={team.usage.buildMinutesThisMonth} limit={team.plan.maxBuildMinutesPerMonth} />
          <p className="muted">Up to {team.plan.maxConcurrentBuilds} builds at a time.</p>
        </>
      )}
    </section>
  );
}
