// Hostile uploads, through the public surface only: the size limit is the object storage's own
// (the pre-signed POST policy's content-length range), so an oversized or endless upload is
// refused by MinIO while it streams in, and a signed form cannot be bent to write anything
// else. Each case asserts the refusal and that no object and no deployment were left behind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appHost, edgeGet, listObjects } from '../helpers/edge.js';
import { createApp, gql, gqlRaw, waitForDeployment } from '../helpers/graphql.js';
import { createUpload, postUpload, upload, type SiteUpload } from '../helpers/upload.js';
import { makeZip } from '../helpers/zip.js';

const NAME = 'zip-hostile';
const MAX = 2 * 1024 * 1024; // PAAS_SITE_MAX_UPLOAD_MB=2 in the test stack

async function deploymentCount(appId: string): Promise<number> {
  const d = await gql(`query($id: ID!) { app(id: $id) { deployments(limit: 100) { id } } }`, { id: appId });
  return d.app.deployments.length;
}

async function deployUploadRaw(appId: string, uploadId: string) {
  return gqlRaw(`mutation($appId: ID!, $uploadId: ID!) { deployUpload(appId: $appId, uploadId: $uploadId) { id } }`, { appId, uploadId });
}

/**
 * Streams a multipart POST of the form whose file part would be `claimedBytes` long, without
 * ever holding it: the generator stops when the storage stops reading (or at the end).
 */
async function streamUpload(u: SiteUpload, claimedBytes: number): Promise<{ status: number | null; sent: number; ms: number }> {
  const boundary = `----paas-hostile-${Date.now()}`;
  const head =
    u.fields.map((f) => `--${boundary}\r\nContent-Disposition: form-data; name="${f.name}"\r\n\r\n${f.value}\r\n`).join('') +
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="site.zip"\r\nContent-Type: application/zip\r\n\r\n`;
  const chunk = new Uint8Array(1024 * 1024);
  let sent = 0;
  let headSent = false;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (!headSent) {
        headSent = true;
        controller.enqueue(new TextEncoder().encode(head));
      } else if (sent < claimedBytes) {
        sent += chunk.length;
        controller.enqueue(chunk);
      } else {
        controller.enqueue(new TextEncoder().encode(`\r\n--${boundary}--\r\n`));
        controller.close();
      }
    },
  });
  const t0 = Date.now();
  const res = await fetch(u.url, {
    method: 'POST',
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    body,
    duplex: 'half',
  } as RequestInit).catch(() => null);
  if (res) await res.text().catch(() => '');
  return { status: res?.status ?? null, sent, ms: Date.now() - t0 };
}

describe('hostile uploads: the object storage enforces the size, the signed form its key', () => {
  let appId: string;
  let otherAppId: string;

  beforeAll(async () => {
    appId = (await createApp({ name: NAME, kind: 'STATIC' })).id;
    otherAppId = (await createApp({ name: `${NAME}-other`, kind: 'STATIC' })).id;
  });

  afterAll(async () => {
    for (const id of [appId, otherAppId]) if (id) await gqlRaw(`mutation($id: ID!) { deleteApp(id: $id) }`, { id });
  });

  it('hands out a POST form bound to one key under uploads/, with the size limit in its signed policy', async () => {
    const u = await createUpload(appId);
    expect(u.method).toBe('POST');
    expect(u.maxBytes).toBe(MAX);
    const fields = Object.fromEntries(u.fields.map((f) => [f.name, f.value]));
    expect(fields.key).toBe(`uploads/${appId}/${u.id}.zip`);
    const policy = JSON.parse(Buffer.from(fields.policy, 'base64').toString('utf8'));
    expect(policy.conditions).toContainEqual(['content-length-range', 1, MAX]);
    expect(policy.conditions).toContainEqual(['eq', '$key', fields.key]);
    expect(Date.parse(policy.expiration)).toBeLessThanOrEqual(Date.parse(u.expiresAt) + 1000);
  });

  it('a POST of maxBytes + 1 bytes is refused by the storage; nothing is stored or deployable', async () => {
    const before = await deploymentCount(appId);
    const u = await createUpload(appId);
    expect(await postUpload(u, Buffer.alloc(MAX + 1, 7))).toEqual({ status: 400, code: 'EntityTooLarge' });
    expect(await listObjects(`uploads/${appId}/`)).toEqual([]);
    const r = await deployUploadRaw(appId, u.id);
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0]?.message).toMatch(/^Nothing was uploaded for upload /);
    expect(await deploymentCount(appId)).toBe(before);
  });

  it('an upload of exactly maxBytes is accepted (the limit is inclusive), an empty one refused', async () => {
    const u = await createUpload(appId);
    expect(await postUpload(u, Buffer.alloc(MAX, 7))).toEqual({ status: 204, code: null });
    expect(await listObjects(`uploads/${appId}/`)).toEqual([`uploads/${appId}/${u.id}.zip`]);
    // not a ZIP: the deployment fails on it and removes it
    const bad = await gql(`mutation($appId: ID!, $uploadId: ID!) { deployUpload(appId: $appId, uploadId: $uploadId) { id } }`, { appId, uploadId: u.id });
    expect((await waitForDeployment(bad.deployUpload.id)).status).toBe('FAILED');
    expect(await listObjects(`uploads/${appId}/`)).toEqual([]);
    const empty = await createUpload(appId);
    expect(await postUpload(empty, Buffer.alloc(0))).toEqual({ status: 400, code: 'EntityTooSmall' });
    expect(await listObjects(`uploads/${appId}/`)).toEqual([]);
  });

  it('an endless upload (20 GB claimed) is cut off by the storage after about maxBytes, and nothing is stored', async () => {
    const u = await createUpload(appId);
    const r = await streamUpload(u, 20 * 1024 ** 3);
    // refused with 400, or the connection closed under the sender: either way it stopped early
    if (r.status !== null) expect(r.status).toBe(400);
    expect(r.sent).toBeLessThan(64 * 1024 * 1024);
    expect(r.ms).toBeLessThan(60_000);
    expect(await listObjects(`uploads/${appId}/`)).toEqual([]);
    expect((await deployUploadRaw(appId, u.id)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('a form whose key was changed (to another app’s release) is refused; nothing is written there', async () => {
    const u = await createUpload(appId);
    const target = `sites/${otherAppId}/evil/files/index.html`;
    const fields = u.fields.map((f) => (f.name === 'key' ? { ...f, value: target } : f));
    const r = await postUpload({ url: u.url, fields }, Buffer.from('<h1>defaced</h1>'));
    expect(r.status).toBe(403);
    expect(await listObjects(`sites/${otherAppId}/`)).toEqual([]);
    expect(await listObjects(`uploads/${appId}/`)).toEqual([]);
  });

  it('a form whose policy was rewritten to allow 20 GB fails its signature; nothing is stored', async () => {
    const u = await createUpload(appId);
    const fields = u.fields.map((f) => {
      if (f.name !== 'policy') return f;
      const policy = JSON.parse(Buffer.from(f.value, 'base64').toString('utf8'));
      policy.conditions = policy.conditions.map((c: unknown[]) => (c[0] === 'content-length-range' ? ['content-length-range', 1, 20 * 1024 ** 3] : c));
      return { ...f, value: Buffer.from(JSON.stringify(policy)).toString('base64') };
    });
    const r = await postUpload({ url: u.url, fields }, Buffer.alloc(MAX + 1, 7));
    expect(r.status).toBe(403);
    expect(r.code).toBe('SignatureDoesNotMatch');
    expect(await listObjects(`uploads/${appId}/`)).toEqual([]);
  });

  it('a plain PUT of the upload key, without a signature, is refused (the old pre-signed PUT is gone)', async () => {
    const u = await createUpload(appId);
    const res = await fetch(`${u.url}/uploads/${appId}/${u.id}.zip`, { method: 'PUT', body: Buffer.alloc(1024) });
    expect(res.status).toBe(403);
    expect(await listObjects(`uploads/${appId}/`)).toEqual([]);
  });

  it('after all that, a normal ZIP still uploads and deploys, and its archive is removed', async () => {
    const uploadId = await upload(appId, makeZip([{ name: 'index.html', data: '<!doctype html><h1>still fine</h1>' }]));
    const d = await gql(`mutation($appId: ID!, $uploadId: ID!) { deployUpload(appId: $appId, uploadId: $uploadId) { id } }`, { appId, uploadId });
    const done = await waitForDeployment(d.deployUpload.id);
    expect(done.error).toBeNull();
    expect(done.status).toBe('LIVE');
    expect((await edgeGet(appHost(NAME), '/')).text).toContain('still fine');
    expect(await listObjects(`uploads/${appId}/`)).toEqual([]);
  });
});
