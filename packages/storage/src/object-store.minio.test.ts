// The object-storage adapter against a real MinIO (medium tier): what the worker and the gateway
// rely on it for, and that the size range of an upload form is enforced by the store itself.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { ObjectStore } from './object-store.js';

describe('ObjectStore on MinIO', () => {
  const { endpoint, accessKey, secretKey } = inject('s3');
  const store = new ObjectStore(endpoint, accessKey, secretKey, `medium-${randomUUID().slice(0, 8)}`);
  const dir = mkdtempSync(join(tmpdir(), 'paas-store-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('stores, lists, reads and removes objects; a missing one is null, not an error', async () => {
    await store.ensureBucket();
    await store.putBuffer('sites/a/1/files/index.html', Buffer.from('<h1>hi</h1>'), 'text/html');
    await store.putBuffer('sites/a/1/files/app.js', Buffer.from('x'.repeat(2048)), 'text/javascript');
    await store.putBuffer('sites/b/1/files/index.html', Buffer.from('other'), 'text/html');
    expect((await store.list('sites/a/')).map((o) => [o.key, o.size]).sort()).toEqual([
      ['sites/a/1/files/app.js', 2048],
      ['sites/a/1/files/index.html', 11],
    ]);
    expect((await store.getBuffer('sites/a/1/files/index.html'))?.toString()).toBe('<h1>hi</h1>');
    await store.getToFile('sites/a/1/files/app.js', join(dir, 'app.js'));
    expect(readFileSync(join(dir, 'app.js'), 'utf8')).toHaveLength(2048);
    expect(await store.getBuffer('sites/a/nope')).toBeNull();
    expect(await store.size('sites/a/nope')).toBeNull();
    expect(await store.removePrefix('sites/a/')).toBe(2);
    expect(await store.list('sites/a/')).toEqual([]);
    expect(await store.list('sites/b/')).toHaveLength(1);
    await store.remove('sites/b/1/files/index.html');
    await store.remove('sites/b/1/files/index.html'); // idempotent
  });

  it('refuses to remove a "prefix" that is not one (no accidental whole-bucket delete)', async () => {
    await expect(store.removePrefix('sites')).rejects.toThrow(/must end with "\/"/);
  });

  it('an upload form admits sizes from 1 byte to its limit, for its key only, checked by MinIO', async () => {
    await store.ensureBucket();
    const post = async (key: string, body: Buffer) => {
      const form = await store.presignedPost(key, 60, 1024);
      const data = new FormData();
      for (const f of form.fields) data.append(f.name, f.value);
      data.append('file', new Blob([new Uint8Array(body)]));
      const res = await fetch(form.url, { method: 'POST', body: data });
      return { status: res.status, text: await res.text() };
    };
    expect((await post('uploads/x/ok.zip', Buffer.alloc(1024))).status).toBe(204);
    const tooLarge = await post('uploads/x/big.zip', Buffer.alloc(1025));
    expect(tooLarge.status).toBe(400);
    expect(tooLarge.text).toContain('EntityTooLarge');
    expect((await post('uploads/x/empty.zip', Buffer.alloc(0))).text).toContain('EntityTooSmall');
    expect(await store.size('uploads/x/ok.zip')).toBe(1024);
    expect(await store.size('uploads/x/big.zip')).toBeNull();
  });
});
