// The deployment log: stored lines replayed, then live lines as they come (one subscription with
// afterSeq), rendered in a window so thousands of lines stay fast; follows the tail unless the
// reader scrolls up.
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useSubscription } from 'urql';
import { DeploymentLogsSubscription } from '../api/operations';
import { appendLines, visibleWindow, type LogLine } from './log-buffer';

const LINE_HEIGHT = 20;
const VIEWPORT = 360;

export function LogViewer({ deploymentId }: { deploymentId: string }) {
  const [lines, setLines] = useState<LogLine[]>([]);
  const [follow, setFollow] = useState(true);
  const [scrollTop, setScrollTop] = useState(0);
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    setLines([]);
  }, [deploymentId]);

  useSubscription({ query: DeploymentLogsSubscription, variables: { id: deploymentId, afterSeq: 0 } }, (_prev, event) => {
    const line = event.deploymentLogs;
    setLines((ls) => appendLines(ls, [line]));
    return event;
  });

  useLayoutEffect(() => {
    if (follow && box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [lines, follow]);

  const { start, end } = visibleWindow(lines.length, scrollTop, VIEWPORT, LINE_HEIGHT);
  return (
    <div className="logs">
      <div className="logs-head">
        <h3 id={`logs-${deploymentId}`}>Log</h3>
        <span className="muted">{lines.length} lines</span>
        <label className="check">
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} /> Follow
        </label>
      </div>
      <div
        ref={box}
        className="log-box"
        role="log"
        aria-labelledby={`logs-${deploymentId}`}
        aria-live="off"
        tabIndex={0}
        style={{ height: VIEWPORT }}
        onScroll={(e) => {
          const el = e.currentTarget;
          setScrollTop(el.scrollTop);
          const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < LINE_HEIGHT * 2;
          if (atBottom !== follow) setFollow(atBottom);
        }}
      >
        <div style={{ height: lines.length * LINE_HEIGHT, position: 'relative' }}>
          {lines.slice(start, end).map((l, i) => (
            <div key={l.seq} className={`log-line ${l.stream}`} style={{ position: 'absolute', top: (start + i) * LINE_HEIGHT, height: LINE_HEIGHT }}>
              <span className="log-time">{l.timestamp.slice(11, 19)}</span> {l.line}
            </div>
          ))}
        </div>
        {lines.length === 0 && <p className="muted log-empty">No log lines yet.</p>}
      </div>
    </div>
  );
}
