// The team's notification channels (OWNER and ADMIN only, like the server's manageNotifications):
// each channel's kind, where it goes (of a URL only its host: the URL is a credential), its
// events and its recent deliveries; adding one (a WEBHOOK's signing secret shown this once) and
// deleting one, which asks first.
import { useEffect, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { errorMessage } from '../api/errors';
import { DeleteNotificationChannelMutation, NotificationChannelsQuery } from '../api/notification-operations';
import { relativeTime } from '../lib/format';
import { ConfirmButton } from '../ui/ConfirmButton';
import { CopyField } from '../ui/CopyField';
import { ErrorBox, Loading } from '../ui/Feedback';
import { StatusBadge } from '../ui/StatusBadge';
import { AddNotificationChannel, type CreatedChannel } from './AddNotificationChannel';
import { eventLabel, KIND_LABELS, shownTarget } from './notification-form';

const DELIVERIES_SHOWN = 10;
const REFRESH_MS = 15_000;
const DELIVERY_TONE = { DELIVERED: 'SUCCEEDED', PENDING: 'PENDING', FAILED: 'FAILED' } as const;

export function NotificationChannels({ teamId }: { teamId: string }) {
  const [{ data, fetching, error }, refetch] = useQuery({
    query: NotificationChannelsQuery,
    variables: { teamId, deliveries: DELIVERIES_SHOWN },
    requestPolicy: 'cache-and-network',
  });
  const [deleted, remove] = useMutation(DeleteNotificationChannelMutation);
  // the secret lives only in this state: a reload or another visit never shows it again
  const [created, setCreated] = useState<CreatedChannel | null>(null);
  const reload = () => refetch({ requestPolicy: 'network-only' });
  useEffect(() => {
    const timer = setInterval(() => refetch({ requestPolicy: 'network-only' }), REFRESH_MS);
    return () => clearInterval(timer);
  }, [refetch]);
  const channels = data?.notificationChannels ?? [];

  return (
    <section className="card notifications" aria-labelledby="notifications-title">
      <div className="detail-head">
        <h2 id="notifications-title">Notifications</h2>
        <button type="button" className="small ghost" onClick={reload} disabled={fetching}>
          Refresh
        </button>
      </div>
      <p className="muted">Every app of the team reports deployments that went live or failed, rollbacks and crash loops to these channels.</p>
      {created?.secret && (
        <div className="token-once" role="status">
          <p>
            <strong>Copy the signing secret now: it is shown only this once.</strong> The receiver checks <code>X-Paas-Signature</code> (HMAC-SHA256 of the raw
            body) with it. If it is lost, delete the channel and add it again.
          </p>
          <CopyField label="Signing secret" value={created.secret} secret />
          <button type="button" className="ghost small" onClick={() => setCreated(null)}>
            Done
          </button>
        </div>
      )}
      {fetching && !data && <Loading what="notification channels" />}
      <ErrorBox message={errorMessage(error)} />
      {data && channels.length === 0 && <p className="muted">No channel yet: nothing is announced.</p>}
      {channels.length > 0 && (
        <ul className="channel-list">
          {channels.map((c) => (
            <li key={c.id} data-notification-channel={c.id}>
              <div className="channel-head">
                <div>
                  <strong>{KIND_LABELS[c.kind]}</strong> <code className="channel-target">{shownTarget(c.kind, c.target)}</code>
                  <span className="muted"> · added {relativeTime(c.createdAt)}</span>
                  <div className="channel-events">
                    {c.events.map((e) => (
                      <span key={e} className="tag" title={e}>
                        {eventLabel(e)}
                      </span>
                    ))}
                  </div>
                </div>
                <ConfirmButton
                  label="Delete"
                  title={`Delete the ${KIND_LABELS[c.kind]} channel to ${shownTarget(c.kind, c.target)}?`}
                  confirmLabel="Delete"
                  danger
                  onConfirm={async () => {
                    const r = await remove({ id: c.id });
                    if (!r.error && created?.id === c.id) setCreated(null);
                    reload();
                  }}
                >
                  <p>Nothing more is sent to it, and its delivery log is deleted with it.</p>
                </ConfirmButton>
              </div>
              {c.deliveries.length === 0 ? (
                <p className="muted">No deliveries yet.</p>
              ) : (
                <div className="table-wrap">
                  <table className="deliveries" aria-label={`Recent deliveries to ${shownTarget(c.kind, c.target)}`}>
                    <thead>
                      <tr>
                        <th scope="col">When</th>
                        <th scope="col">Event</th>
                        <th scope="col">Status</th>
                        <th scope="col">Attempts</th>
                        <th scope="col">Error</th>
                      </tr>
                    </thead>
                    <tbody>
                      {c.deliveries.map((d) => (
                        <tr key={d.id} data-notification-delivery={d.id}>
                          <td title={`${d.at} (last attempt ${d.updatedAt})`}>{relativeTime(d.at)}</td>
                          <td>
                            <code>{d.event}</code>
                          </td>
                          <td>
                            <StatusBadge status={DELIVERY_TONE[d.status]} label={d.status.toLowerCase()} />
                          </td>
                          <td>{d.attempts}</td>
                          <td className="delivery-result">{d.error ?? <span className="muted">—</span>}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      <ErrorBox message={errorMessage(deleted.error)} />
      <AddNotificationChannel
        teamId={teamId}
        onCreated={(c) => {
          setCreated(c);
          reload();
        }}
      />
    </section>
  );
}
