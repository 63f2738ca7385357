// Log lines of one deployment, in seq order, each line once: a subscription that reconnects
// replays from the last seq it saw, and a replay may overlap what is already here.
export interface LogLine {
  seq: number;
  timestamp: string;
  stream: string;
  line: string;
}

export function appendLines(existing: LogLine[], incoming: LogLine[]): LogLine[] {
  const last = existing.at(-1)?.seq ?? 0;
  const fresh = incoming.filter((l) => l.seq > last).sort((a, b) => a.seq - b.seq);
  return fresh.length ? existing.concat(fresh) : existing;
}

/** Which lines to render for a scroll position: only those in view (plus a margin). */
export function visibleWindow(total: number, scrollTop: number, viewportHeight: number, lineHeight: number, overscan = 20): { start: number; end: number } {
  const start = Math.max(0, Math.floor(scrollTop / lineHeight) - overscan);
  const end = Math.min(total, Math.ceil((scrollTop + viewportHeight) / lineHeight) + overscan);
  return { start, end };
}
