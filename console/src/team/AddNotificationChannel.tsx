// The Add channel form (OWNER and ADMIN): a kind, its target and the events (all four to begin
// with). Mistakes the page can tell are named before anything is sent; the server's refusal (an
// address the outbound rules refuse, too many channels…) is shown under the form.
import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { errorMessage } from '../api/errors';
import { CreateNotificationChannelMutation } from '../api/notification-operations';
import type { NotificationKind } from '../gql/graphql';
import { ErrorBox } from '../ui/Feedback';
import { Field } from '../ui/Field';
import {
  emptyNotificationForm,
  KIND_LABELS,
  NOTIFICATION_EVENTS,
  NOTIFICATION_KINDS,
  TARGET_HINTS,
  toCreateVariables,
  validateNotificationForm,
  type NotificationForm,
  type NotificationFormErrors,
} from './notification-form';

export interface CreatedChannel {
  id: string;
  kind: NotificationKind;
  target: string;
  secret: string | null;
}

export function AddNotificationChannel({ teamId, onCreated }: { teamId: string; onCreated: (c: CreatedChannel) => void }) {
  const [form, setForm] = useState<NotificationForm>(emptyNotificationForm);
  const [errors, setErrors] = useState<NotificationFormErrors>({});
  const [result, create] = useMutation(CreateNotificationChannelMutation);

  const toggle = (name: string, on: boolean) => setForm((f) => ({ ...f, events: on ? [...f.events, name] : f.events.filter((e) => e !== name) }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found = validateNotificationForm(form);
    setErrors(found);
    if (found.target) return document.getElementById('notify-target')?.focus();
    if (found.events) return document.getElementById(`notify-event-${NOTIFICATION_EVENTS[0].name}`)?.focus();
    const r = await create(toCreateVariables(teamId, form));
    const created = r.data?.createNotificationChannel;
    if (created) {
      setForm(emptyNotificationForm());
      onCreated({ id: created.id, kind: created.kind, target: created.target, secret: created.secret ?? null });
    }
  };

  return (
    <form className="form add-notification" onSubmit={submit} noValidate aria-labelledby="add-notification-title">
      <h3 id="add-notification-title">Add a channel</h3>
      <div className="row">
        <div className="field">
          <label htmlFor="notify-kind">Kind</label>
          <select id="notify-kind" value={form.kind} onChange={(e) => setForm((f) => ({ ...f, kind: e.target.value as NotificationKind }))}>
            {NOTIFICATION_KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </div>
        <Field id="notify-target" label={form.kind === 'EMAIL' ? 'Email address' : 'URL'} error={errors.target} hint={TARGET_HINTS[form.kind]}>
          {(a) => (
            <input
              {...a}
              value={form.target}
              onChange={(e) => setForm((f) => ({ ...f, target: e.target.value }))}
              inputMode={form.kind === 'EMAIL' ? 'email' : 'url'}
              placeholder={form.kind === 'EMAIL' ? 'ops@example.com' : 'https://'}
              autoComplete="off"
              spellCheck={false}
            />
          )}
        </Field>
      </div>
      <fieldset className={`events-choice${errors.events ? ' invalid' : ''}`} aria-describedby={errors.events ? 'notify-events-error' : undefined}>
        <legend>Events</legend>
        {NOTIFICATION_EVENTS.map((ev) => (
          <label key={ev.name} className="check">
            <input type="checkbox" id={`notify-event-${ev.name}`} checked={form.events.includes(ev.name)} onChange={(e) => toggle(ev.name, e.target.checked)} />{' '}
            {ev.label} <code>{ev.name}</code>
          </label>
        ))}
        {errors.events && (
          <p id="notify-events-error" className="error">
            {errors.events}
          </p>
        )}
      </fieldset>
      <ErrorBox message={errorMessage(result.error)} />
      <div className="actions">
        <button type="submit" className="primary" disabled={result.fetching}>
          {result.fetching ? 'Checking the address…' : 'Add channel'}
        </button>
      </div>
    </form>
  );
}
