// What happened to the app's instances, newest first: started, stopped, crashed (with the exit
// code and the last lines), OOM-killed, health failed.
import { useQuery } from 'urql';
import { errorMessage } from '../api/errors';
import { AppEventsQuery } from '../api/runtime-operations';
import { relativeTime } from '../lib/format';
import { eventTone } from './runtime-log-buffer';

export function EventsTimeline({ appId }: { appId: string }) {
  const [result, refresh] = useQuery({ query: AppEventsQuery, variables: { id: appId, limit: 50 }, requestPolicy: 'cache-and-network' });
  const events = result.data?.app?.events ?? [];
  return (
    <section className="card" aria-labelledby="app-events">
      <div className="runtime-logs-head">
        <h3 id="app-events">Events</h3>
        <button type="button" className="secondary" onClick={() => refresh({ requestPolicy: 'network-only' })}>
          Refresh
        </button>
      </div>
      {result.error && <p className="error">{errorMessage(result.error)}</p>}
      {events.length === 0 && !result.fetching && <p className="muted">No events yet.</p>}
      <ol className="events">
        {events.map((e, i) => (
          <li key={i} className={`event ${eventTone(e.kind)}`}>
            <strong>{e.kind.replace('_', ' ')}</strong> <span className="muted">{relativeTime(e.at)}</span>
            {e.deploymentId && <span className="muted"> · {e.deploymentId.slice(0, 8)}</span>}
            <pre className="event-message">{e.message}</pre>
          </li>
        ))}
      </ol>
    </section>
  );
}
