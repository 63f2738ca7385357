// logs <app> [-f]: what the running release printed (App.runtimeLogs), then, with -f, new lines as
// they come (Subscription.runtimeLogs).
import { InvalidArgumentError, type Command } from 'commander';
import { contextOf, findApp } from '../context.js';
import { parseSince, shortTime } from '../format.js';

interface RuntimeLine {
  timestamp: string;
  stream: string;
  line: string;
  instance: string;
}

const FIELDS = 'timestamp stream line instance';

export function register(program: Command): void {
  program
    .command('logs')
    .description("an app's runtime logs (what its running release prints); -f follows them")
    .argument('<app>', 'name or id')
    .option('-f, --follow', 'keep printing new lines until Ctrl+C')
    .option('--since <when>', 'from this time on: an ISO date, or a duration ago such as 30s, 10m, 2h, 1d', (v) => wrap(() => parseSince(v)))
    .option('--search <text>', 'only lines containing this text (plain text, not a pattern)')
    .option('-n, --limit <lines>', 'at most this many of the newest lines (1-10000)', (v) => wrap(() => parseLimit(v)), 500)
    .action(async (arg: string, o: { follow?: boolean; since?: string; search?: string; limit: number }, cmd: Command) => {
      const ctx = contextOf(cmd);
      const app = await findApp<{ id: string; name: string; url: string; runtimeLogs: RuntimeLine[] }>(
        ctx,
        arg,
        `id name url runtimeLogs(since: $since, search: $search, limit: $limit) { ${FIELDS} }`,
        { since: ['DateTime', o.since ?? null], search: ['String', o.search ?? null], limit: ['Int', o.limit] },
      );
      const print = (l: RuntimeLine) => {
        if (ctx.out.json) return void process.stdout.write(JSON.stringify(l) + '\n'); // one JSON object per line, so that -f can stream
        const text = `${ctx.out.style('dim', shortTime(l.timestamp))} ${ctx.out.style('cyan', l.instance)} ${l.line}`;
        (l.stream === 'stderr' ? process.stderr : process.stdout).write(text + '\n');
      };
      app.runtimeLogs.forEach(print);
      if (!o.follow) return;
      await new Promise<void>((resolve, reject) => {
        void ctx
          .api()
          .subscribe<{ runtimeLogs: RuntimeLine }>(
            `subscription($id: ID!) { runtimeLogs(appId: $id) { ${FIELDS} } }`,
            { id: app.id },
            (m) => {
              if (!o.search || m.runtimeLogs.line.includes(o.search)) print(m.runtimeLogs);
            },
            reject,
          )
          .then((stop) => process.once('SIGINT', () => (stop(), resolve())), reject);
      });
    });
}

function parseLimit(v: string): number {
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < 1 || n > 10_000) throw new Error(`--limit must be 1-10000, not ${JSON.stringify(v)}`);
  return n;
}

function wrap<T>(f: () => T): T {
  try {
    return f();
  } catch (err) {
    throw new InvalidArgumentError((err as Error).message);
  }
}
