import { duration } from '../lib/format';
import { StatusBadge } from '../ui/StatusBadge';

export interface StepView {
  name: string;
  status: string;
  attempt: number;
  startedAt?: string | null;
  finishedAt?: string | null;
  message?: string | null;
}

/** The deployment's steps in order: status, attempts, time taken, and what each step said. */
export function StepTimeline({ steps }: { steps: StepView[] }) {
  return (
    <ol className="timeline" aria-label="Steps">
      {steps.map((s) => (
        <li key={s.name} className={`step ${s.status.toLowerCase()}`} data-step={s.name} data-status={s.status}>
          <span className="step-name">{s.name.toLowerCase()}</span>
          <StatusBadge status={s.status} />
          <span className="muted">
            {s.startedAt ? duration(s.startedAt, s.finishedAt) : ''}
            {s.attempt > 1 ? ` · attempt ${s.attempt}` : ''}
          </span>
          {s.message && <span className="step-message">{s.message}</span>}
        </li>
      ))}
    </ol>
  );
}
