// The next runs of a redeploy schedule, for the preview in the form: 5-field UTC cron
// (numbers, *, a-b, /n, lists; day-of-month and day-of-week match either when both are set,
// as in cron) or `@every <n>s|m|h` (multiples of the interval since the epoch, as Temporal does).
const RANGES: [number, number][] = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 7],
];

function parseField(field: string, [min, max]: [number, number]): Set<number> | null {
  const out = new Set<number>();
  for (const part of field.split(',')) {
    const m = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
    if (!m) return null;
    const from = m[1] === '*' ? min : Number(m[2]);
    const to = m[1] === '*' ? max : m[3] !== undefined ? Number(m[3]) : m[4] !== undefined ? max : from;
    const step = m[4] !== undefined ? Number(m[4]) : 1;
    if (from < min || to > max || from > to || step < 1) return null;
    for (let v = from; v <= to; v += step) out.add(v);
  }
  return out;
}

export function nextRuns(expression: string, from: Date, count = 3): Date[] | null {
  const cron = expression.trim().replace(/\s+/g, ' ');
  const every = /^@every (\d+)(s|m|h)$/.exec(cron);
  if (every) {
    const ms = Number(every[1]) * { s: 1000, m: 60_000, h: 3_600_000 }[every[2] as 's' | 'm' | 'h'];
    if (ms <= 0) return null;
    const first = Math.floor(from.getTime() / ms) * ms + ms;
    return Array.from({ length: count }, (_, i) => new Date(first + i * ms));
  }
  const fields = cron.split(' ');
  if (fields.length !== 5) return null;
  const sets = fields.map((f, i) => parseField(f, RANGES[i]!));
  if (sets.some((s) => s === null)) return null;
  const [minutes, hours, days, months, weekdays] = sets as Set<number>[];
  if (weekdays!.has(7)) weekdays!.add(0);
  const dayRestricted = fields[2] !== '*';
  const weekdayRestricted = fields[4] !== '*';
  const out: Date[] = [];
  const t = new Date(Math.floor(from.getTime() / 60_000) * 60_000 + 60_000);
  for (let i = 0; i < 366 * 24 * 60 && out.length < count; i++, t.setUTCMinutes(t.getUTCMinutes() + 1)) {
    if (!minutes!.has(t.getUTCMinutes()) || !hours!.has(t.getUTCHours()) || !months!.has(t.getUTCMonth() + 1)) continue;
    const dom = days!.has(t.getUTCDate());
    const dow = weekdays!.has(t.getUTCDay());
    const dayOk = dayRestricted && weekdayRestricted ? dom || dow : dom && dow;
    if (dayOk) out.push(new Date(t));
  }
  return out;
}
