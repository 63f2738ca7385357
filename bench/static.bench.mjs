// `npm run bench:static`: static sites on a private stack.
//  - throughput and p99 of a small (1 KB) and a large (1 MB) asset through the edge (HAProxy →
//    site server), against plain nginx serving the same files from local disk, and against the
//    alternative design (nginx proxying MinIO, no cache), all in the same run, rounds alternating;
//  - publish time of a 1,000-file site (ZIP upload → LIVE) and rollback time (mutation → LIVE,
//    and mutation → the edge serving the old release).
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'node:http';
import { ManagedProcess, tcpOpen, waitFor } from '@paas/supervisor';
import { BENCH_PORTS, gqlClient, median, percentile, startBenchStack, writeResults } from './lib.mjs';
import { makeZip } from './zip.mjs';

const ROUNDS = Number(process.env.BENCH_ROUNDS || 3);
const DURATION = process.env.BENCH_DURATION || '5s';
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 32);
const PUBLISHES = Number(process.env.BENCH_PUBLISHES || 3);
const ROLLBACKS = Number(process.env.BENCH_ROLLBACKS || 5);
const NGINX_DISK_PORT = 28095;
const NGINX_MINIO_PORT = 28096;
const edgePort = Number(BENCH_PORTS.PAAS_EDGE_PORT);
const host = 'bench-site.localhost';

const large = randomBytes(1024 * 1024);
function siteZip(version) {
  const entries = [{ name: 'index.html', data: `<!doctype html><h1>${version}</h1>` }];
  entries.push({ name: 'assets/small.3f9a1c2b.css', data: `/* ${version} */ ${'body{margin:0}'.repeat(70)}`.slice(0, 1024) });
  entries.push({ name: 'assets/large.3f9a1c2b.jpg', data: large });
  entries.push({ name: 'about.html', data: `<!doctype html><p>${version} ${'about '.repeat(160)}</p>`.slice(0, 1024) });
  for (let i = entries.length; i < 1000; i++)
    entries.push({ name: `pages/p${String(i).padStart(4, '0')}.html`, data: `<p>${version} page ${i} ${'x'.repeat(1500)}</p>`, deflate: true });
  return makeZip(entries);
}

function get(path) {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: edgePort, path, headers: { host } }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const { stack, stop } = await startBenchStack('static', { PAAS_KEEP_RELEASES: '20' });
const gql = gqlClient(stack.gatewayUrl, stack.adminToken);
const extra = [];
try {
  const { createApp } = await gql(`mutation { createApp(input: { name: "bench-site", kind: STATIC }) { id } }`);
  const appId = createApp.id;

  async function waitLive(id) {
    for (;;) {
      const { deployment: d } = await gql(`query($id: ID!) { deployment(id: $id) { status error steps { name status startedAt finishedAt } } }`, { id });
      if (['FAILED', 'CANCELLED'].includes(d.status)) throw new Error(`deployment ${id} ${d.status}: ${d.error}`);
      if (d.status === 'LIVE') return d;
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  // publish: ZIP upload → LIVE, a new 1,000-file release each time
  const publish = [];
  const releases = [];
  for (let i = 1; i <= PUBLISHES + 1; i++) {
    const zip = siteZip(`v${i}`);
    const { createUpload } = await gql(`mutation($a: ID!) { createUpload(appId: $a) { id url fields { name value } } }`, { a: appId });
    const form = new FormData();
    for (const f of createUpload.fields) form.append(f.name, f.value);
    form.append('file', new Blob([zip]), 'site.zip');
    const sent = await fetch(createUpload.url, { method: 'POST', body: form });
    if (!sent.ok) throw new Error(`upload failed: HTTP ${sent.status}`);
    const t0 = performance.now();
    const { deployUpload } = await gql(`mutation($a: ID!, $u: ID!) { deployUpload(appId: $a, uploadId: $u) { id } }`, { a: appId, u: createUpload.id });
    const d = await waitLive(deployUpload.id);
    const ms = performance.now() - t0;
    releases.push(deployUpload.id);
    const steps = Object.fromEntries(
      d.steps.filter((s) => s.startedAt && s.finishedAt).map((s) => [s.name, Date.parse(s.finishedAt) - Date.parse(s.startedAt)]),
    );
    if (i > 1) publish.push({ ms, steps }); // the first one also creates the bucket
    console.log(`publish v${i} (1,000 files, ${(zip.length / 1048576).toFixed(1)} MB zip): ${ms.toFixed(0)} ms ${JSON.stringify(steps)}`);
  }

  // rollback: between the last two releases, alternating
  const rollback = [];
  for (let i = 0; i < ROLLBACKS; i++) {
    const target = releases[releases.length - 2 + (i % 2)];
    const expect = `v${releases.indexOf(target) + 1}`;
    const t0 = performance.now();
    const { rollback: r } = await gql(`mutation($a: ID!, $t: ID) { rollback(appId: $a, toDeploymentId: $t) { id } }`, { a: appId, t: target });
    let served;
    for (;;) {
      const res = await get('/');
      if (res.body.includes(`<h1>${expect}</h1>`)) {
        served = performance.now() - t0;
        break;
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    await waitLive(r.id);
    const live = performance.now() - t0;
    rollback.push({ servedMs: served, liveMs: live });
    console.log(`rollback to ${expect}: edge serves it after ${served.toFixed(0)} ms, LIVE after ${live.toFixed(0)} ms`);
    // the rollback target must stay a SUPERSEDED release for the next round: wait for RETIRE
    await new Promise((r) => setTimeout(r, 200));
  }

  // throughput: the same files through the edge, from disk by plain nginx, and proxied from MinIO
  const liveRelease = releases[releases.length - 2 + ((ROLLBACKS - 1) % 2)];
  const filesDir = join(stack.config.dataDir, 'sites/releases', appId, liveRelease, 'files');
  const confDir = join(stack.config.dataDir, 'bench-nginx');
  mkdirSync(confDir, { recursive: true });
  const s3 = new URL(stack.env.S3_ENDPOINT);
  const { Client } = await import('minio');
  const minio = new Client({
    endPoint: s3.hostname,
    port: Number(s3.port),
    useSSL: false,
    accessKey: stack.env.S3_ACCESS_KEY,
    secretKey: stack.env.S3_SECRET_KEY,
    pathStyle: true,
    region: 'us-east-1',
  });
  // the alternative design reads objects anonymously: only in this throwaway data dir
  await minio.setBucketPolicy(
    'paas',
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: ['*'] }, Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::paas/sites/*'] }],
    }),
  );
  writeFileSync(
    join(confDir, 'nginx.conf'),
    `daemon off;
worker_processes auto;
user nobody nogroup;
pid ${confDir}/nginx.pid;
error_log stderr warn;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 10000;
  client_body_temp_path ${confDir}/body; proxy_temp_path ${confDir}/proxy; fastcgi_temp_path ${confDir}/fcgi; uwsgi_temp_path ${confDir}/uwsgi; scgi_temp_path ${confDir}/scgi;
  server { listen 127.0.0.1:${NGINX_DISK_PORT}; root ${filesDir}; }
  upstream minio { server ${s3.host}; keepalive 32; }
  server {
    listen 127.0.0.1:${NGINX_MINIO_PORT};
    location / { proxy_pass http://minio/paas/sites/${appId}/${liveRelease}/files/; proxy_http_version 1.1; proxy_set_header Connection ""; proxy_set_header Host ${s3.host}; }
  }
}
`,
  );
  const plain = new ManagedProcess({
    name: 'bench-nginx',
    command: 'nginx',
    args: ['-c', join(confDir, 'nginx.conf'), '-p', confDir],
    logDir: confDir,
    runDir: confDir,
  });
  plain.start();
  extra.push(plain);
  await waitFor('plain nginx', () => tcpOpen('127.0.0.1', NGINX_DISK_PORT));

  const wrk = (url, hostHeader) => {
    const args = ['-t2', `-c${CONNECTIONS}`, `-d${DURATION}`, '--latency', ...(hostHeader ? ['-H', `Host: ${hostHeader}`] : []), url];
    const r = spawnSync('wrk', args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(r.stdout)[1]);
    const p99raw = /99%\s+([\d.]+)(us|ms|s)/.exec(r.stdout);
    const p99Ms = p99raw ? Number(p99raw[1]) * { us: 0.001, ms: 1, s: 1000 }[p99raw[2]] : null;
    const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(r.stdout)?.[1] ?? 0);
    if (non2xx > 0) throw new Error(`${url} (${hostHeader ?? 'no host'}): ${non2xx} non-2xx responses`);
    return { rps, p99Ms };
  };
  const throughput = {};
  const assets = [
    ['small (1 KB, hashed)', '/assets/small.3f9a1c2b.css'],
    ['page (1 KB, HTML)', '/about.html'],
    ['large (1 MB, hashed)', '/assets/large.3f9a1c2b.jpg'],
  ];
  for (const [asset, path] of assets) {
    const runs = { edge: [], nginxDisk: [], nginxMinio: [] };
    for (let i = 0; i < ROUNDS; i++) {
      runs.nginxDisk.push(wrk(`http://127.0.0.1:${NGINX_DISK_PORT}${path}`));
      runs.edge.push(wrk(`http://127.0.0.1:${edgePort}${path}`, host));
      runs.nginxMinio.push(wrk(`http://127.0.0.1:${NGINX_MINIO_PORT}${path}`));
      console.log(
        `${asset} round ${i + 1}: nginx from disk ${runs.nginxDisk.at(-1).rps.toFixed(0)}, edge ${runs.edge.at(-1).rps.toFixed(0)}, nginx proxying MinIO ${runs.nginxMinio.at(-1).rps.toFixed(0)} req/s`,
      );
    }
    const summary = (rs) => ({ rps: median(rs.map((r) => r.rps)), p99Ms: median(rs.map((r) => r.p99Ms)) });
    throughput[asset] = { edge: summary(runs.edge), nginxDisk: summary(runs.nginxDisk), nginxMinio: summary(runs.nginxMinio), runs };
    throughput[asset].ratioEdgeToNginx = throughput[asset].edge.rps / throughput[asset].nginxDisk.rps;
    throughput[asset].ratioMinioToNginx = throughput[asset].nginxMinio.rps / throughput[asset].nginxDisk.rps;
  }

  const pub = publish.map((p) => p.ms);
  const rbServed = rollback.map((r) => r.servedMs);
  const rbLive = rollback.map((r) => r.liveMs);
  console.log(`\nstatic sites (wrk -t2 -c${CONNECTIONS} -d${DURATION}, median of ${ROUNDS} rounds):`);
  for (const [asset, t] of Object.entries(throughput)) {
    console.log(
      `  ${asset.padEnd(21)} edge ${t.edge.rps.toFixed(0)} req/s (p99 ${t.edge.p99Ms} ms) | nginx from disk ${t.nginxDisk.rps.toFixed(0)} req/s (p99 ${t.nginxDisk.p99Ms} ms) | ratio ${t.ratioEdgeToNginx.toFixed(2)} | nginx proxying MinIO ${t.nginxMinio.rps.toFixed(0)} req/s (${t.ratioMinioToNginx.toFixed(2)})`,
    );
  }
  console.log(`  publish, 1,000 files (upload → LIVE): median ${median(pub).toFixed(0)} ms over ${pub.length}`);
  console.log(
    `  rollback: edge serves the old release after median ${median(rbServed).toFixed(0)} ms (p95 ${percentile(rbServed, 95).toFixed(0)}), LIVE after median ${median(rbLive).toFixed(0)} ms, over ${rollback.length}`,
  );
  writeResults('static', {
    tool: `wrk -t2 -c${CONNECTIONS} -d${DURATION}`,
    rounds: ROUNDS,
    throughput,
    publish: { files: 1000, medianMs: median(pub), runs: publish },
    rollback: { medianServedMs: median(rbServed), p95ServedMs: percentile(rbServed, 95), medianLiveMs: median(rbLive), runs: rollback },
  });
} finally {
  for (const p of extra) await p.stop();
  await stop();
}
