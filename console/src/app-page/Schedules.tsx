import { useMemo, useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { ValidationError, validateCron } from '@paas/contracts/validation';
import { errorMessage } from '../api/errors';
import { CreateScheduleMutation, DeleteScheduleMutation, PauseScheduleMutation, ResumeScheduleMutation } from '../api/operations';
import { nextRuns } from '../lib/cron';
import { ErrorBox } from '../ui/Feedback';

interface Schedule {
  id: string;
  cron: string;
  paused: boolean;
  nextRunAt?: string | null;
}

const fmt = (d: Date | string) => new Date(d).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';

export function Schedules({
  appId,
  schedules,
  onChange,
  readOnly = false,
}: {
  appId: string;
  schedules: Schedule[];
  onChange: () => void;
  readOnly?: boolean;
}) {
  const [cron, setCron] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [created, create] = useMutation(CreateScheduleMutation);
  const [, pause] = useMutation(PauseScheduleMutation);
  const [, resume] = useMutation(ResumeScheduleMutation);
  const [removed, remove] = useMutation(DeleteScheduleMutation);
  const preview = useMemo(() => {
    if (!cron.trim()) return null;
    try {
      validateCron(cron);
      return nextRuns(cron, new Date());
    } catch (err) {
      return err instanceof ValidationError ? err.message : null;
    }
  }, [cron]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (typeof preview === 'string') return setProblem(preview);
    setProblem(null);
    const r = await create({ appId, cron: cron.trim() });
    if (!r.error) {
      setCron('');
      onChange();
    }
  };

  return (
    <section className="card" aria-labelledby="schedules-title">
      <h2 id="schedules-title">Redeploy schedules</h2>
      {schedules.length === 0 ? (
        <p className="muted">No schedule: the app is deployed when you press Deploy.</p>
      ) : (
        <ul className="schedules">
          {schedules.map((s) => (
            <li key={s.id} data-schedule={s.cron}>
              <code>{s.cron}</code> <span className="muted">{s.paused ? 'paused' : s.nextRunAt ? `next ${fmt(s.nextRunAt)}` : ''}</span>
              {!readOnly && (
                <>
                  <button
                    type="button"
                    className="ghost small"
                    onClick={async () => {
                      await (s.paused ? resume({ id: s.id }) : pause({ id: s.id }));
                      onChange();
                    }}
                  >
                    {s.paused ? 'Resume' : 'Pause'}
                  </button>
                  <button
                    type="button"
                    className="ghost small danger-text"
                    aria-label={`Delete schedule ${s.cron}`}
                    onClick={async () => {
                      await remove({ id: s.id });
                      onChange();
                    }}
                  >
                    Delete
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {!readOnly && (
        <>
          <form className="inline-form" onSubmit={submit}>
            <label htmlFor="cron">Cron (UTC) or @every</label>
            <input id="cron" value={cron} onChange={(e) => setCron(e.target.value)} placeholder="0 3 * * *  or  @every 6h" aria-describedby="cron-preview" />
            <button type="submit" disabled={!cron.trim() || created.fetching}>
              Add schedule
            </button>
          </form>
          <p id="cron-preview" className={typeof preview === 'string' ? 'error' : 'muted'} aria-live="polite">
            {Array.isArray(preview)
              ? `Next runs: ${preview.map(fmt).join(', ')}`
              : typeof preview === 'string'
                ? preview
                : 'Five fields: minute hour day-of-month month day-of-week.'}
          </p>
        </>
      )}
      <ErrorBox message={problem ?? errorMessage(created.error) ?? errorMessage(removed.error)} />
    </section>
  );
}
