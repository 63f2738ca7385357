// ZIP upload through the contract: a pre-signed POST form straight to object storage, then a
// deployment (trigger UPLOAD). Every hostile archive fails its deployment with a clear
// error, leaves the live release serving and leaves no object behind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appHost, edgeGet, listObjects } from '../helpers/edge.js';
import { createApp, gql, gqlRaw, waitForDeployment } from '../helpers/graphql.js';
import { recordHistory } from '../helpers/histories.js';
import { createUpload, postUpload, upload } from '../helpers/upload.js';
import { makeZip, S_IFCHR, S_IFLNK, type ZipEntry } from '../helpers/zip.js';

const NAME = 'zip-site';
const host = appHost(NAME);

async function deployZip(appId: string, entries: ZipEntry[]) {
  const uploadId = await upload(appId, makeZip(entries));
  const d = await gql(`mutation($appId: ID!, $uploadId: ID!) { deployUpload(appId: $appId, uploadId: $uploadId) { id trigger } }`, { appId, uploadId });
  expect(d.deployUpload.trigger).toBe('UPLOAD');
  return { uploadId, deployment: await waitForDeployment(d.deployUpload.id) };
}

const site = (marker: string): ZipEntry[] => [
  { name: 'index.html', data: `<!doctype html><h1>${marker}</h1>` },
  { name: 'assets/', data: '' },
  { name: 'assets/main.js', data: `console.log("${marker}")`, deflate: true },
];

describe('static site from a ZIP upload', () => {
  let appId: string;
  let first: string;

  beforeAll(async () => {
    // no git repository at all: this app is deployed from uploads only
    const app = await createApp({ name: NAME, kind: 'STATIC', spaFallback: true });
    appId = app.id;
    const { deployment } = await deployZip(appId, site('zip v1'));
    expect(deployment.error).toBeNull();
    first = deployment.id;
    await recordHistory(deployment.workflowId, 'deploy-static-upload-live');
  });

  afterAll(async () => {
    await gqlRaw(`mutation($id: ID!) { deleteApp(id: $id) }`, { id: appId });
  });

  it('publishes the archive without a clone, and removes the uploaded ZIP', async () => {
    const d = await gql(`query($id: ID!) { deployment(id: $id) { status trigger steps { name status message } } }`, { id: first });
    expect(d.deployment.status).toBe('LIVE');
    expect(d.deployment.steps.map((s: { name: string; status: string }) => `${s.name}:${s.status}`)).toEqual([
      'CLONE:SKIPPED',
      'BUILD:SUCCEEDED',
      'UPLOAD:SUCCEEDED',
      'VERIFY:SUCCEEDED',
      'ROUTE:SUCCEEDED',
      'RETIRE:SUCCEEDED',
    ]);
    const home = await edgeGet(host, '/');
    expect(home.status).toBe(200);
    expect(home.text).toContain('zip v1');
    expect((await edgeGet(host, '/assets/main.js')).headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(await listObjects(`uploads/${appId}/`)).toEqual([]);
  });

  it('falls back to index.html for client-side routes when spaFallback is on', async () => {
    const r = await edgeGet(host, '/settings/profile');
    expect(r.status).toBe(200);
    expect(r.text).toContain('zip v1');
    expect(r.headers['cache-control']).toBe('no-cache');
  });

  const hostile: [string, ZipEntry[], string][] = [
    [
      'path traversal',
      [...site('evil'), { name: '../../etc/cron.d/evil', data: 'x' }],
      'The archive was rejected: entry "../../etc/cron.d/evil" leaves the site root ("..").',
    ],
    ['an absolute path', [{ name: '/etc/passwd', data: 'x' }], 'The archive was rejected: entry "/etc/passwd" has an absolute path.'],
    [
      'a symlink',
      [...site('evil'), { name: 'secrets', data: '/etc/shadow', mode: S_IFLNK | 0o777 }],
      'The archive was rejected: "secrets" is a symbolic link; only regular files and directories are published.',
    ],
    [
      'a device file',
      [...site('evil'), { name: 'disk', mode: S_IFCHR | 0o600 }],
      'The archive was rejected: "disk" is a device file; only regular files and directories are published.',
    ],
    ['an empty archive', [], 'The archive was rejected: it has no files.'],
    ['a zip bomb', [{ name: 'index.html', data: Buffer.alloc(64 * 1024 * 1024), deflate: true }], 'The archive was rejected: "index.html" expands'],
    ['a site without index.html', [{ name: 'about.html', data: 'x' }], 'VERIFY failed: The site has no index.html at the root of its output directory (".")'],
  ];
  for (const [what, entries, message] of hostile) {
    it(`rejects ${what}, keeps the live release and leaves nothing behind`, async () => {
      const before = await listObjects(`sites/${appId}/`);
      const { deployment: d } = await deployZip(appId, entries);
      expect(d.status).toBe('FAILED');
      expect(d.error).toContain(message.startsWith('VERIFY') ? message : `BUILD failed: ${message}`);
      expect((await edgeGet(host, '/')).text).toContain('zip v1');
      expect(await listObjects(`sites/${appId}/`)).toEqual(before);
      expect(await listObjects(`uploads/${appId}/`)).toEqual([]);
    });
  }

  it('has the storage refuse an archive over the size limit, and refuses to deploy a missing one', async () => {
    const u = await createUpload(appId);
    expect(u.maxBytes).toBe(2 * 1024 * 1024);
    expect(await postUpload(u, Buffer.alloc(3 * 1024 * 1024, 1))).toEqual({ status: 400, code: 'EntityTooLarge' });
    expect(await listObjects(`uploads/${appId}/`)).toEqual([]);
    const none = await gqlRaw(`mutation($appId: ID!, $uploadId: ID!) { deployUpload(appId: $appId, uploadId: $uploadId) { id } }`, { appId, uploadId: u.id });
    expect(none.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(none.errors?.[0]?.message).toMatch(/^Nothing was uploaded for upload .*: POST the ZIP with its form first/);
  });

  it('refuses git deploys of an app without a repository, and uploads to a SERVICE app', async () => {
    const noGit = await gqlRaw(`mutation($appId: ID!) { deploy(appId: $appId) { id } }`, { appId });
    expect(noGit.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(noGit.errors?.[0]?.message).toMatch(/has no git repository: upload a ZIP/);
    const service = await createApp({ name: 'zip-on-service', gitUrl: 'file:///tmp/nonexistent' });
    const r = await gqlRaw(`mutation($appId: ID!) { createUpload(appId: $appId) { id } }`, { appId: service.id });
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    await gql(`mutation($id: ID!) { deleteApp(id: $id) }`, { id: service.id });
    const noImage = await gqlRaw(
      `mutation { createApp(input: { name: "no-image", kind: STATIC, gitUrl: "file:///x", buildCommand: "npm run build" }) { id } }`,
    );
    expect(noImage.errors?.[0]?.message).toMatch(/^buildImage is required with a buildCommand/);
    const noGitService = await gqlRaw(`mutation { createApp(input: { name: "no-git" }) { id } }`);
    expect(noGitService.errors?.[0]?.message).toBe('gitUrl is required for a SERVICE app.');
  });

  it('rolls back to the first upload instantly, and a newer upload replaces it', async () => {
    const { deployment: second } = await deployZip(appId, site('zip v2'));
    expect(second.status).toBe('LIVE');
    expect((await edgeGet(host, '/')).text).toContain('zip v2');
    const r = await gql(`mutation($appId: ID!) { rollback(appId: $appId) { id } }`, { appId });
    const back = await waitForDeployment(r.rollback.id);
    expect(back.status).toBe('LIVE');
    expect((await edgeGet(host, '/')).text).toContain('zip v1');
    expect((await edgeGet(host, '/deep/link')).text).toContain('zip v1');
  });

  it('keeps PAAS_KEEP_RELEASES (2 here) old releases and deletes older prefixes, which then cannot be restored', async () => {
    const history = await gql(`query($id: ID!) { app(id: $id) { deployments(limit: 50) { id status sitePrefix } } }`, { id: appId });
    const secondId = history.app.deployments.find(
      (d: { sitePrefix: string | null; status: string }) => d.status === 'SUPERSEDED' && d.sitePrefix && !d.sitePrefix.includes(first),
    ).id;
    expect(await listObjects(`sites/${appId}/${secondId}/`)).not.toEqual([]);
    // live: the rollback to v1; then v3 and v4 push v2 beyond the two kept (v3, and v1 through its rollback)
    for (const v of ['zip v3', 'zip v4']) expect((await deployZip(appId, site(v))).deployment.status).toBe('LIVE');
    expect(await listObjects(`sites/${appId}/${secondId}/`)).toEqual([]);
    expect(await listObjects(`sites/${appId}/${first}/`)).not.toEqual([]);
    const refused = await gqlRaw(`mutation($appId: ID!, $to: ID) { rollback(appId: $appId, toDeploymentId: $to) { id } }`, { appId, to: secondId });
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0]?.message).toMatch(/files of deployment .* were garbage-collected/);
    expect((await edgeGet(host, '/')).text).toContain('zip v4');
  });
});
