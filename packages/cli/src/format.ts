// Pure formatting of what the API returns, for human output.

export const SECRET_MASK = '********';

/** Columns padded to their widest cell; the last column is not padded. */
export function table(header: string[], rows: string[][]): string {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  return all
    .map((r) =>
      r
        .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i])))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export interface EnvVarView {
  key: string;
  value: string | null;
  secret: boolean;
}

/** KEY=value lines; secret values are never shown (the API returns none, and we print a mask). */
export function envLines(vars: EnvVarView[]): string[] {
  return vars.map((v) => `${v.key}=${v.secret ? SECRET_MASK : (v.value ?? '')}`);
}

/** KEY=VALUE arguments of `env set`: the key is everything before the first '='. */
export function parseAssignments(args: string[]): { key: string; value: string }[] {
  const seen = new Set<string>();
  return args.map((a) => {
    const eq = a.indexOf('=');
    if (eq <= 0) throw new Error(`${JSON.stringify(a)} is not KEY=VALUE`);
    const key = a.slice(0, eq);
    if (seen.has(key)) throw new Error(`${key} is given twice`);
    seen.add(key);
    return { key, value: a.slice(eq + 1) };
  });
}

export interface StepView {
  name: string;
  status: string;
  attempt: number;
  message: string | null;
  startedAt: string | null;
  finishedAt: string | null;
}

const STEP_MARK: Record<string, string> = {
  PENDING: '·',
  RUNNING: '…',
  SUCCEEDED: '✔',
  FAILED: '✖',
  SKIPPED: '-',
  COMPENSATED: '↺',
};

/** One line per step state, e.g. `✔ BUILD succeeded in 12.3 s`. */
export function stepLine(step: StepView): string {
  const mark = STEP_MARK[step.status] ?? '?';
  const took = step.startedAt && step.finishedAt ? ` in ${seconds(Date.parse(step.finishedAt) - Date.parse(step.startedAt))}` : '';
  const attempt = step.attempt > 1 ? ` (attempt ${step.attempt})` : '';
  const message = step.message ? `: ${step.message}` : '';
  return `${mark} ${step.name} ${step.status.toLowerCase()}${attempt}${took}${message}`;
}

/** A key for "has this step changed since it was last printed". */
export function stepKey(step: StepView): string {
  return `${step.name}|${step.status}|${step.attempt}`;
}

export function seconds(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '?';
  return ms < 60_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** 2026-01-02T03:04:05.678Z → 2026-01-02 03:04:05 (UTC, like the platform's times). */
export function shortTime(iso: string | null | undefined): string {
  if (!iso) return '-';
  return iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, '');
}

export const FINAL_STATUSES = new Set(['LIVE', 'FAILED', 'CANCELLED', 'SUPERSEDED']);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An app argument is an id when it has the form of one, otherwise a name. */
export function appRef(arg: string): { id: string } | { name: string } {
  return UUID.test(arg) ? { id: arg } : { name: arg };
}

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `--since`: an ISO date, or a duration ago (30s, 10m, 2h, 1d); returns an ISO timestamp. */
export function parseSince(v: string, now = Date.now()): string {
  const m = /^(\d{1,6})([smhd])$/.exec(v.trim());
  if (m) return new Date(now - Number(m[1]) * UNIT_MS[m[2]]).toISOString();
  if (/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(v.trim())) {
    const t = Date.parse(v.trim().replace(' ', 'T'));
    if (Number.isFinite(t)) return new Date(t).toISOString();
  }
  throw new Error(`--since takes an ISO date (2026-01-31T12:00:00Z) or a duration such as 30s, 10m, 2h, 1d; not ${JSON.stringify(v)}`);
}
