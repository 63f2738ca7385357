// Object storage (MinIO, or any S3-compatible store given by S3_ENDPOINT) through the minio
// client, shared by the worker (STATIC releases: an immutable prefix of files, then a manifest
// written last) and the gateway (pre-signed upload URLs, checks of what was uploaded).
import { Client } from 'minio';
import type { Readable } from 'node:stream';

export interface StoredObject {
  key: string;
  size: number;
}

/** An S3 POST upload: send `fields` in this order as multipart form fields, then the file as `file`. */
export interface PresignedPost {
  url: string;
  fields: { name: string; value: string }[];
}

export class ObjectStore {
  private readonly client: Client;
  private bucketReady?: Promise<void>;

  constructor(
    endpoint: string,
    accessKey: string,
    secretKey: string,
    readonly bucket: string,
  ) {
    this.client = clientFor(endpoint, accessKey, secretKey);
  }

  /**
   * Creates the bucket once (idempotent; a concurrent creator is fine), with the rule that an
   * archive uploaded under `uploads/` but never deployed expires after a day. A store that
   * refuses lifecycle rules still works; `onWarning` hears about it.
   */
  ensureBucket(onWarning: (message: string) => void = () => undefined): Promise<void> {
    this.bucketReady ??= (async () => {
      if (!(await this.client.bucketExists(this.bucket))) {
        await this.client.makeBucket(this.bucket).catch(async (err) => {
          if (!(await this.client.bucketExists(this.bucket))) throw err;
        });
      }
      await this.client
        .setBucketLifecycle(this.bucket, { Rule: [{ ID: 'paas-expire-uploads', Status: 'Enabled', Filter: { Prefix: 'uploads/' }, Expiration: { Days: 1 } }] })
        .catch((err) => onWarning(`could not set the expiry of stale uploads on bucket ${this.bucket}: ${(err as Error).message}`));
    })().catch((err) => {
      this.bucketReady = undefined;
      throw err;
    });
    return this.bucketReady;
  }

  async putFile(key: string, file: string, contentType: string): Promise<void> {
    await this.ensureBucket();
    await this.client.fPutObject(this.bucket, key, file, { 'Content-Type': contentType });
  }

  async putBuffer(key: string, body: Buffer, contentType: string): Promise<void> {
    await this.ensureBucket();
    await this.client.putObject(this.bucket, key, body, body.length, { 'Content-Type': contentType });
  }

  async getBuffer(key: string): Promise<Buffer | null> {
    try {
      const stream = await this.client.getObject(this.bucket, key);
      const chunks: Buffer[] = [];
      for await (const c of stream) chunks.push(c as Buffer);
      return Buffer.concat(chunks);
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }

  async getToFile(key: string, file: string): Promise<void> {
    await this.client.fGetObject(this.bucket, key, file);
  }

  async size(key: string): Promise<number | null> {
    try {
      return (await this.client.statObject(this.bucket, key)).size;
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }

  async list(prefix: string): Promise<StoredObject[]> {
    await this.ensureBucket();
    const out: StoredObject[] = [];
    const stream = this.client.listObjectsV2(this.bucket, prefix, true);
    for await (const o of stream as AsyncIterable<{ name?: string; size?: number }>) {
      if (o.name) out.push({ key: o.name, size: o.size ?? 0 });
    }
    return out;
  }

  /**
   * A form the holder may POST one object with, to exactly `key`, until it expires. The signed
   * policy carries a content-length range, so the store itself refuses a body outside
   * [1, maxBytes] while it streams in (S3 "EntityTooLarge"/"EntityTooSmall"): a huge upload is
   * never stored, and never reaches us. Signed for this store's endpoint.
   */
  async presignedPost(key: string, ttlSeconds: number, maxBytes: number): Promise<PresignedPost> {
    const policy = this.client.newPostPolicy();
    policy.setBucket(this.bucket);
    policy.setKey(key);
    policy.setExpires(new Date(Date.now() + ttlSeconds * 1000));
    policy.setContentLengthRange(1, maxBytes);
    const { postURL, formData } = await this.client.presignedPostPolicy(policy);
    return { url: postURL, fields: Object.entries(formData).map(([name, value]) => ({ name, value: String(value) })) };
  }

  async remove(key: string): Promise<void> {
    await this.client.removeObject(this.bucket, key).catch((err) => {
      if (!isNotFound(err)) throw err;
    });
  }

  /** Removes every object under the prefix (idempotent). */
  async removePrefix(prefix: string): Promise<number> {
    if (!prefix.endsWith('/')) throw new Error(`refusing to remove "${prefix}": a prefix must end with "/"`);
    const keys = (await this.list(prefix)).map((o) => o.key);
    for (let i = 0; i < keys.length; i += 1000) await this.client.removeObjects(this.bucket, keys.slice(i, i + 1000));
    return keys.length;
  }
}

export function clientFor(endpoint: string, accessKey: string, secretKey: string): Client {
  const url = new URL(endpoint);
  const useSSL = url.protocol === 'https:';
  return new Client({
    endPoint: url.hostname,
    port: url.port ? Number(url.port) : useSSL ? 443 : 80,
    useSSL,
    accessKey,
    secretKey,
    pathStyle: true,
    region: 'us-east-1',
  });
}

function isNotFound(err: unknown): boolean {
  const code = (err as { code?: string }).code;
  return code === 'NoSuchKey' || code === 'NotFound' || code === 'NoSuchBucket';
}
