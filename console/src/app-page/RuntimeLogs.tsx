// The running app's log: the newest stored lines (or those matching a search), then, while
// Follow is on, live lines as the release prints them. Each line shows its time, the instance
// that printed it and its stream (stderr highlighted).
import { useEffect, useLayoutEffect, useRef, useState, type FormEvent } from 'react';
import { useQuery, useSubscription } from 'urql';
import { errorMessage } from '../api/errors';
import { RuntimeLogsQuery, RuntimeLogsSubscription } from '../api/runtime-operations';
import { appendRuntime, instanceLabel, streamClass, type RuntimeLine } from './runtime-log-buffer';

const PAGE = 500;

export function RuntimeLogs({ appId }: { appId: string }) {
  const [draft, setDraft] = useState('');
  const [search, setSearch] = useState('');
  const [follow, setFollow] = useState(true);
  const [lines, setLines] = useState<RuntimeLine[]>([]);
  const box = useRef<HTMLDivElement>(null);
  const [result] = useQuery({ query: RuntimeLogsQuery, variables: { id: appId, search: search || null, limit: PAGE }, requestPolicy: 'network-only' });

  useEffect(() => {
    if (result.data?.app) setLines(result.data.app.runtimeLogs);
  }, [result.data]);

  useSubscription({ query: RuntimeLogsSubscription, variables: { id: appId }, pause: !follow }, (_prev, event) => {
    setLines((ls) => appendRuntime(ls, [event.runtimeLogs], search));
    return event;
  });

  useLayoutEffect(() => {
    if (follow && box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [lines, follow]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSearch(draft.trim());
  };

  return (
    <section className="card logs" aria-labelledby="runtime-logs">
      <div className="runtime-logs-head">
        <h3 id="runtime-logs">Runtime logs</h3>
        <form onSubmit={submit} role="search">
          <input
            type="search"
            placeholder="Search (plain text)"
            maxLength={200}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            aria-label="Search runtime logs"
          />
        </form>
        <span className="muted">{lines.length} lines</span>
        <label className="check">
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} /> Follow
        </label>
      </div>
      {result.error && <p className="error">{errorMessage(result.error)}</p>}
      <div ref={box} className="log-box" role="log" aria-labelledby="runtime-logs" aria-live="off" tabIndex={0} style={{ height: 360, overflowY: 'auto' }}>
        {lines.map((l, i) => (
          <div key={i} className={`rt-line ${streamClass(l.stream)}`}>
            <span className="log-time">{l.timestamp.slice(11, 19)}</span>{' '}
            <span className="log-instance" title={l.instance}>
              {instanceLabel(l.instance)}
            </span>{' '}
            {l.line}
          </div>
        ))}
        {lines.length === 0 && !result.fetching && <p className="muted log-empty">{search ? 'No line matches.' : 'Nothing printed yet.'}</p>}
      </div>
    </section>
  );
}
