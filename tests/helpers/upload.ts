// Uploads through the contract: createUpload's pre-signed POST form, sent straight to object
// storage the way the console sends it (the signed fields in order, then the archive as "file").
import { expect } from 'vitest';
import { gql } from './graphql.js';

export interface SiteUpload {
  id: string;
  url: string;
  method: string;
  fields: { name: string; value: string }[];
  expiresAt: string;
  maxBytes: number;
}

export async function createUpload(appId: string): Promise<SiteUpload> {
  const d = await gql(`mutation($appId: ID!) { createUpload(appId: $appId) { id url method fields { name value } expiresAt maxBytes } }`, { appId });
  return d.createUpload as SiteUpload;
}

export function uploadForm(fields: SiteUpload['fields'], body: Buffer | Blob): FormData {
  const form = new FormData();
  for (const f of fields) form.append(f.name, f.value);
  form.append('file', body instanceof Blob ? body : new Blob([new Uint8Array(body)]), 'site.zip');
  return form;
}

/** POSTs the form; the status and the storage's error code (S3 XML), if any. */
export async function postUpload(u: Pick<SiteUpload, 'url' | 'fields'>, body: Buffer | Blob): Promise<{ status: number; code: string | null }> {
  const res = await fetch(u.url, { method: 'POST', body: uploadForm(u.fields, body) });
  const text = await res.text();
  return { status: res.status, code: /<Code>([^<]+)<\/Code>/.exec(text)?.[1] ?? null };
}

/** A new upload of `body` that the storage accepted; returns its id. */
export async function upload(appId: string, body: Buffer): Promise<string> {
  const u = await createUpload(appId);
  expect(u.method).toBe('POST');
  const r = await postUpload(u, body);
  expect(r).toEqual({ status: 204, code: null });
  return u.id;
}
