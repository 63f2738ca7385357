// A status as a coloured badge with its word (colour is never the only signal).
const TONE: Record<string, string> = {
  LIVE: 'ok',
  SUCCEEDED: 'ok',
  RUNNING: 'busy',
  QUEUED: 'wait',
  PENDING: 'wait',
  BUILDING: 'busy',
  DEPLOYING: 'busy',
  VERIFYING: 'busy',
  FAILED: 'bad',
  CRASH_LOOPING: 'bad',
  CANCELLED: 'muted',
  SKIPPED: 'muted',
  SUPERSEDED: 'muted',
  COMPENSATED: 'warn',
  RESTARTING: 'warn',
};

export function StatusBadge({ status, label }: { status: string; label?: string }) {
  return (
    <span className={`badge ${TONE[status] ?? 'muted'}`} data-status={status}>
      {label ?? status.replace('_', ' ').toLowerCase()}
    </span>
  );
}
