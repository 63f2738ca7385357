// A STATIC app from git, through the contract: built in a throwaway container of a locally
// made image, uploaded to object storage, published atomically and served through the edge
// with the headers a CDN would give; a failed build leaves the old release; rollback is a
// pointer switch; a deploy under load drops nothing; deleting the app removes its objects.
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TEST_BASE_IMAGE } from '../helpers/base-image.js';
import { docker } from '../helpers/docker.js';
import { appHost, edgeGet, listObjects } from '../helpers/edge.js';
import { FixtureRepo } from '../helpers/fixture-repo.js';
import { recordHistory } from '../helpers/histories.js';
import { underLoad } from '../helpers/load.js';
import { createApp, deploy, gql, gqlRaw, waitForDeployment } from '../helpers/graphql.js';
import { staticSiteFiles } from '../helpers/static-site.js';

const NAME = 'docs-site';
const host = appHost(NAME);

async function buildContainers(appId: string): Promise<number> {
  const all = await docker.listContainers({ all: true, filters: { label: [`dev.paas.app=${appId}`] } });
  return all.length;
}

describe('static site from git', () => {
  const repo = new FixtureRepo();
  let appId: string;
  let v1: string;
  let v1Objects: string[];

  beforeAll(async () => {
    repo.commit(staticSiteFiles({ marker: 'site v1' }), 'v1');
    const app = await createApp({
      name: NAME,
      kind: 'STATIC',
      gitUrl: repo.url,
      buildImage: TEST_BASE_IMAGE,
      buildCommand: 'sh build.sh',
      outputDirectory: 'dist',
      healthCheckPath: '/version.txt',
      env: [{ key: 'SITE_VERSION', value: 'one' }],
    });
    appId = app.id;
    const d = await waitForDeployment((await deploy(appId)).id);
    expect(d.error).toBeNull();
    expect(d.status).toBe('LIVE');
    v1 = d.id;
    await recordHistory(d.workflowId, 'deploy-static-site-live');
    v1Objects = await listObjects(`sites/${appId}/`);
  });

  afterAll(async () => {
    await gqlRaw(`mutation($id: ID!) { deleteApp(id: $id) }`, { id: appId });
    repo.remove();
  });

  it('builds, uploads, verifies and publishes in the static step order', async () => {
    const d = await gql(`query($id: ID!) { deployment(id: $id) { status sitePrefix imageRef steps { name status } } }`, { id: v1 });
    expect(d.deployment.steps).toEqual([
      { name: 'CLONE', status: 'SUCCEEDED' },
      { name: 'BUILD', status: 'SUCCEEDED' },
      { name: 'UPLOAD', status: 'SUCCEEDED' },
      { name: 'VERIFY', status: 'SUCCEEDED' },
      { name: 'ROUTE', status: 'SUCCEEDED' },
      { name: 'RETIRE', status: 'SUCCEEDED' },
    ]);
    expect(d.deployment.sitePrefix).toBe(`sites/${appId}/${v1}/`);
    expect(d.deployment.imageRef).toBeNull();
    // every file and the manifest, in the release's own prefix
    expect(v1Objects).toContain(`sites/${appId}/${v1}/files/index.html`);
    expect(v1Objects).toContain(`sites/${appId}/${v1}/files/assets/app.3f9a1c2b.js`);
    expect(v1Objects).toContain(`sites/${appId}/${v1}/manifest.json`);
    expect(v1Objects).toHaveLength(7 + 1);
    // the build ran in a throwaway container, now gone; its output is in the log
    expect(await buildContainers(appId)).toBe(0);
    const logs = await gql(`query($id: ID!) { deploymentLogs(deploymentId: $id) { line } }`, { id: v1 });
    const lines = logs.deploymentLogs.map((l: { line: string }) => l.line);
    expect(lines).toContain('building site v1');
    expect(lines).toContain('build done');
  });

  it('serves pages with their content types, directory indexes and the build-time env', async () => {
    const home = await edgeGet(host, '/');
    expect(home.status).toBe(200);
    expect(home.text).toContain('<h1>site v1</h1>');
    expect(home.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(home.headers['cache-control']).toBe('no-cache');
    const js = await edgeGet(host, '/assets/app.3f9a1c2b.js');
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const css = await edgeGet(host, '/assets/style.css');
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(css.headers['cache-control']).toBe('public, max-age=0, must-revalidate');
    expect((await edgeGet(host, '/version.txt')).text).toBe('version one\n');
    const dir = await edgeGet(host, '/docs');
    expect(dir.status).toBe(301);
    expect(dir.headers.location).toBe('/docs/');
    expect((await edgeGet(host, '/docs/')).text).toContain('docs of site v1');
  });

  it('answers unknown paths with the site 404 page and status 404 (no SPA fallback)', async () => {
    const r = await edgeGet(host, '/no/such/page');
    expect(r.status).toBe(404);
    expect(r.text).toContain('custom 404 page of site v1');
  });

  it('answers conditional GETs with 304', async () => {
    const first = await edgeGet(host, '/assets/style.css');
    const etag = first.headers.etag as string;
    const lastModified = first.headers['last-modified'] as string;
    expect(etag).toBeTruthy();
    expect(lastModified).toBeTruthy();
    expect((await edgeGet(host, '/assets/style.css', { 'if-none-match': etag })).status).toBe(304);
    expect((await edgeGet(host, '/assets/style.css', { 'if-modified-since': lastModified })).status).toBe(304);
    expect((await edgeGet(host, '/assets/style.css', { 'if-none-match': '"something-else"' })).status).toBe(200);
    // a hashed asset, kept in the edge's cache after the first request, answers the same way
    const hashed = await edgeGet(host, '/assets/app.3f9a1c2b.js');
    const again = await edgeGet(host, '/assets/app.3f9a1c2b.js');
    expect(again.text).toBe(hashed.text);
    expect((await edgeGet(host, '/assets/app.3f9a1c2b.js', { 'if-none-match': hashed.headers.etag as string })).status).toBe(304);
    const ranged = await edgeGet(host, '/assets/app.3f9a1c2b.js', { range: 'bytes=0-3' });
    expect(ranged.status).toBe(206);
    expect(ranged.text).toBe(hashed.text.slice(0, 4));
  });

  it('compresses with gzip or brotli when the client accepts it, and serves ranges', async () => {
    const plain = await edgeGet(host, '/big.txt');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.length).toBeGreaterThan(100_000);
    const gz = await edgeGet(host, '/big.txt', { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers.vary).toMatch(/Accept-Encoding/i);
    expect(gz.body.length).toBeLessThan(plain.body.length / 5);
    expect(gunzipSync(gz.body).equals(plain.body)).toBe(true);
    const br = await edgeGet(host, '/big.txt', { 'accept-encoding': 'br, gzip' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
    const range = await edgeGet(host, '/big.txt', { range: 'bytes=5-14' });
    expect(range.status).toBe(206);
    expect(range.headers['content-range']).toBe(`bytes 5-14/${plain.body.length}`);
    expect(range.text).toBe(plain.body.subarray(5, 15).toString());
  });

  it('a failing build leaves the previous release serving and nothing behind', async () => {
    repo.commit(staticSiteFiles({ marker: 'site broken', failBuild: true }), 'broken');
    const d = await waitForDeployment((await deploy(appId)).id);
    expect(d.status).toBe('FAILED');
    expect(d.error).toBe('BUILD failed: The build command exited with code 3; its output is in the deployment log.');
    await recordHistory(d.workflowId, 'deploy-static-site-build-failed');
    expect(d.steps.map((s) => `${s.name}:${s.status}`)).toEqual([
      'CLONE:SUCCEEDED',
      'BUILD:FAILED',
      'UPLOAD:SKIPPED',
      'VERIFY:SKIPPED',
      'ROUTE:SKIPPED',
      'RETIRE:SKIPPED',
    ]);
    expect((await edgeGet(host, '/')).text).toContain('site v1');
    expect(await listObjects(`sites/${appId}/${d.id}/`)).toEqual([]);
    expect(await buildContainers(appId)).toBe(0);
    const logs = await gql(`query($id: ID!) { deploymentLogs(deploymentId: $id) { stream line } }`, { id: d.id });
    expect(logs.deploymentLogs).toContainEqual({ stream: 'stderr', line: 'error: the bundler crashed' });
  });

  it('does not publish a build output holding a symlink to /etc/passwd', async () => {
    repo.commit(staticSiteFiles({ marker: 'site sneaky', buildExtra: 'ln -s /etc/passwd dist/passwd' }), 'symlink');
    const d = await waitForDeployment((await deploy(appId)).id);
    expect(d.status).toBe('FAILED');
    expect(d.error).toBe('BUILD failed: The build output was rejected: "passwd" is a symbolic link; only regular files and directories are published.');
    expect((await edgeGet(host, '/passwd')).status).toBe(404);
    expect((await edgeGet(host, '/')).text).toContain('site v1');
    expect(await listObjects(`sites/${appId}/${d.id}/`)).toEqual([]);
  });

  it('publishes a new release under load with zero failed requests, then rolls back by pointer', async () => {
    repo.commit(staticSiteFiles({ marker: 'site v2' }), 'v2');
    let v2!: Awaited<ReturnType<typeof waitForDeployment>>;
    const result = await underLoad(host, async () => (v2 = await waitForDeployment((await deploy(appId)).id)), {
      summarize: (b) => /<h1>(.*)<\/h1>/.exec(b)?.[1] ?? b,
    });
    expect(v2.status).toBe('LIVE');
    expect(result.requests).toBeGreaterThan(100);
    expect(result.non2xx).toBe(0);
    expect(result.errors).toBe(0);
    expect(result.timeouts).toBe(0);
    expect([...result.bodies].sort()).toEqual(['site v1', 'site v2']);
    expect((await edgeGet(host, '/')).text).toContain('site v2');

    const before = await listObjects(`sites/${appId}/`);
    // as on a machine that lost its disk: v1's files must come back from object storage
    rmSync(join(inject('dataDir'), 'sites', 'releases', appId, v1), { recursive: true, force: true });
    const r = await gql(`mutation($appId: ID!, $to: ID) { rollback(appId: $appId, toDeploymentId: $to) { id trigger } }`, { appId, to: v1 });
    const back = await waitForDeployment(r.rollback.id);
    expect(back.status).toBe('LIVE');
    const rollbackLog = await gql(`query($id: ID!) { deploymentLogs(deploymentId: $id) { line } }`, { id: back.id });
    expect(rollbackLog.deploymentLogs.map((l: { line: string }) => l.line)).toContain(`Put release ${v1} on the site server (7 files, downloaded)`);
    await recordHistory(back.workflowId, 'deploy-static-site-rollback');
    expect(back.steps.map((s) => `${s.name}:${s.status}`)).toEqual([
      'CLONE:SKIPPED',
      'BUILD:SKIPPED',
      'UPLOAD:SKIPPED',
      'VERIFY:SUCCEEDED',
      'ROUTE:SUCCEEDED',
      'RETIRE:SUCCEEDED',
    ]);
    expect((await edgeGet(host, '/')).text).toContain('site v1');
    const restored = await gql(`query($id: ID!) { deployment(id: $id) { sitePrefix sourceDeployment { id } } }`, { id: back.id });
    expect(restored.deployment).toEqual({ sitePrefix: `sites/${appId}/${v1}/`, sourceDeployment: { id: v1 } });
    // no re-upload: object storage holds exactly what it held
    expect(await listObjects(`sites/${appId}/`)).toEqual(before);
  });

  it('deleting the app removes its objects, its files on the site server and its route', async () => {
    const other = await createApp({ name: 'doomed-site', kind: 'STATIC', gitUrl: repo.url, buildImage: TEST_BASE_IMAGE, buildCommand: 'sh build.sh' });
    expect((await waitForDeployment((await deploy(other.id)).id)).status).toBe('LIVE');
    expect((await listObjects(`sites/${other.id}/`)).length).toBeGreaterThan(0);
    const sites = join(inject('dataDir'), 'sites');
    expect(existsSync(join(sites, 'releases', other.id))).toBe(true);
    expect(await gql(`mutation($id: ID!) { deleteApp(id: $id) }`, { id: other.id })).toEqual({ deleteApp: true });
    expect(await listObjects(`sites/${other.id}/`)).toEqual([]);
    expect(existsSync(join(sites, 'releases', other.id))).toBe(false);
    expect(existsSync(join(sites, 'live', appHost('doomed-site')))).toBe(false);
    expect((await edgeGet(appHost('doomed-site'), '/')).status).toBe(404);
    // the other app is untouched
    expect((await edgeGet(host, '/')).status).toBe(200);
  });
});
