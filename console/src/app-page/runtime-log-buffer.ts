// The runtime log panel's lines: the stored ones (a search result or the latest), then live ones
// appended while following; bounded, and filtered by the search text the same way the server
// searches (plain text, case-insensitive; never a pattern).
export interface RuntimeLine {
  timestamp: string;
  stream: string;
  line: string;
  instance: string;
}

export const MAX_PANEL_LINES = 5000;

/** Whether a live line belongs in a view searched for `search` (as the server's ILIKE would). */
export function matchesSearch(line: RuntimeLine, search: string): boolean {
  return search === '' || line.line.toLowerCase().includes(search.toLowerCase());
}

/** Appends live lines that match the search, keeping only the newest `max`. */
export function appendRuntime(existing: RuntimeLine[], incoming: RuntimeLine[], search: string, max = MAX_PANEL_LINES): RuntimeLine[] {
  const fresh = incoming.filter((l) => matchesSearch(l, search));
  if (fresh.length === 0) return existing;
  const all = existing.concat(fresh);
  return all.length > max ? all.slice(all.length - max) : all;
}

/** A short, stable label of an instance (container names end in the deployment's id prefix). */
export function instanceLabel(instance: string): string {
  return instance.length > 24 ? `…${instance.slice(-20)}` : instance;
}

/** The class a line gets for its stream (stdout plain, stderr highlighted). */
export function streamClass(stream: string): string {
  return stream === 'stderr' ? 'stderr' : stream === 'stdout' ? 'stdout' : 'system';
}

/** An event kind's tone in the timeline. */
export function eventTone(kind: string): 'bad' | 'good' | 'neutral' {
  if (kind === 'crashed' || kind === 'oom_killed' || kind === 'health_failed') return 'bad';
  if (kind === 'started') return 'good';
  return 'neutral';
}
