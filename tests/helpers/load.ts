// Constant HTTP load through the edge while something happens, and what every request got.
import autocannon from 'autocannon';
import { inject } from 'vitest';

export interface LoadResult {
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** Each distinct response body, as `summarize` reduced it. */
  bodies: Set<string>;
}

/** Runs load until `during` settles and `settleMs` more have passed, then reports. */
export async function underLoad(
  host: string,
  during: () => Promise<unknown>,
  opts: { settleMs?: number; summarize?: (body: string) => string } = {},
): Promise<LoadResult> {
  const summarize = opts.summarize ?? ((b: string) => b.trim());
  const bodies = new Set<string>();
  let settle!: (err: unknown, result: autocannon.Result) => void;
  const finished = new Promise<autocannon.Result>((resolve, reject) => (settle = (err, result) => (err ? reject(err) : resolve(result))));
  const instance = autocannon(
    {
      url: `http://127.0.0.1:${inject('edgePort')}/`,
      headers: { host },
      connections: 8,
      duration: 120,
      timeout: 5,
      setupClient: (client) => client.on('body', (b: Buffer) => bodies.add(summarize(b.toString()))),
    },
    (err: unknown, result: autocannon.Result) => settle(err, result),
  );
  await new Promise((r) => setTimeout(r, 500));
  await during();
  await new Promise((r) => setTimeout(r, opts.settleMs ?? 500));
  instance.stop();
  const r = await finished;
  return { requests: r.requests.total, non2xx: r.non2xx, errors: r.errors, timeouts: r.timeouts, bodies };
}
