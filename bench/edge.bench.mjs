// `npm run bench:edge`: requests/s through the edge (HAProxy, host map, runtime route) vs.
// straight to the same upstream, in the same run, with wrk. The upstream is a Node http server
// with keep-alive, like a typical app. Rounds alternate to spread noise over both paths.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { edgeProcess, tcpOpen, waitFor } from '@paas/supervisor';
import { HaproxyEdge } from '@paas/activities';
import { median, writeResults } from './lib.mjs';

const ROUNDS = Number(process.env.BENCH_ROUNDS || 3);
const DURATION = process.env.BENCH_DURATION || '8s';
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 32);
const EDGE_PORT = 28090;
const UPSTREAM_PORT = 28091;

const dataDir = mkdtempSync(join(tmpdir(), 'paas-bench-edge-'));
const upstream = spawn(
  process.execPath,
  [
    '-e',
    `
  const body = 'hello from the upstream\\n';
  require('http').createServer((req, res) => { res.writeHead(200, { 'content-type': 'text/plain', 'content-length': body.length }); res.end(body); })
    .listen(${UPSTREAM_PORT}, '127.0.0.1');`,
  ],
  { stdio: 'inherit' },
);
const edge = edgeProcess(dataDir, '127.0.0.1', EDGE_PORT);
edge.start();
try {
  await waitFor('upstream', () => tcpOpen('127.0.0.1', UPSTREAM_PORT));
  await waitFor('edge', () => tcpOpen('127.0.0.1', EDGE_PORT));
  await new HaproxyEdge(join(dataDir, 'edge/admin.sock'), join(dataDir, 'edge/routes.map')).setRoute('bench.localhost', `127.0.0.1:${UPSTREAM_PORT}`);

  const wrk = (url, host) => {
    const args = ['-t2', `-c${CONNECTIONS}`, `-d${DURATION}`, '--latency', ...(host ? ['-H', `Host: ${host}`] : []), url];
    const r = spawnSync('wrk', args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(r.stdout)[1]);
    const p99 = /99%\s+([\d.]+\w+)/.exec(r.stdout)?.[1];
    const errors = /Non-2xx or 3xx responses: (\d+)/.exec(r.stdout)?.[1] ?? '0';
    return { rps, p99, non2xx: Number(errors) };
  };
  const direct = [];
  const viaEdge = [];
  for (let i = 0; i < ROUNDS; i++) {
    direct.push(wrk(`http://127.0.0.1:${UPSTREAM_PORT}/`));
    viaEdge.push(wrk(`http://127.0.0.1:${EDGE_PORT}/`, 'bench.localhost'));
    console.log(`round ${i + 1}: direct ${direct.at(-1).rps.toFixed(0)} req/s, through the edge ${viaEdge.at(-1).rps.toFixed(0)} req/s`);
  }
  const d = median(direct.map((r) => r.rps));
  const e = median(viaEdge.map((r) => r.rps));
  console.log(`\nmedian over ${ROUNDS} rounds (wrk -t2 -c${CONNECTIONS} -d${DURATION}):`);
  console.log(`  direct to upstream   ${d.toFixed(0)} req/s`);
  console.log(`  through the edge     ${e.toFixed(0)} req/s`);
  console.log(`  ratio edge/direct    ${(e / d).toFixed(2)}`);
  if (viaEdge.some((r) => r.non2xx > 0)) throw new Error('the edge answered non-2xx responses');
  writeResults('edge', { tool: `wrk -t2 -c${CONNECTIONS} -d${DURATION}`, rounds: ROUNDS, directRps: d, edgeRps: e, ratio: e / d, direct, viaEdge });
} finally {
  await edge.stop();
  upstream.kill();
  rmSync(dataDir, { recursive: true, force: true });
}
