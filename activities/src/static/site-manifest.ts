// A release's manifest: every file with its size, content type and sha256. Written last, so a
// release whose manifest exists in storage is complete; read back before anything is served.
import { contentTypeOf } from '@paas/contracts';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { forEachLimit } from './parallel.js';

export interface ManifestFile {
  path: string;
  size: number;
  sha256: string;
  contentType: string;
}

export interface SiteManifest {
  version: 1;
  releaseId: string;
  files: ManifestFile[];
}

/** Object keys of a release: `<prefix>files/<path>` and `<prefix>manifest.json`. */
export const releaseKeys = {
  file: (prefix: string, path: string) => `${prefix}files/${path}`,
  manifest: (prefix: string) => `${prefix}manifest.json`,
};

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Lists the regular files under dir (the unpackers have already refused anything else). */
export async function listFiles(dir: string): Promise<{ path: string; file: string; size: number }[]> {
  const out: { path: string; file: string; size: number }[] = [];
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  for (const e of entries) {
    if (!e.isFile()) continue;
    const file = join(e.parentPath, e.name);
    out.push({ path: relative(dir, file).split('\\').join('/'), file, size: (await stat(file)).size });
  }
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

export async function buildManifest(releaseId: string, dir: string): Promise<{ manifest: SiteManifest; local: Map<string, string> }> {
  const files = await listFiles(dir);
  const local = new Map(files.map((f) => [f.path, f.file]));
  const entries: ManifestFile[] = files.map((f) => ({ path: f.path, size: f.size, sha256: '', contentType: contentTypeOf(f.path) }));
  await forEachLimit(entries, 16, async (e) => {
    e.sha256 = await sha256File(local.get(e.path)!);
  });
  return { manifest: { version: 1, releaseId, files: entries }, local };
}

export function parseManifest(raw: Buffer): SiteManifest {
  const m = JSON.parse(raw.toString('utf8')) as SiteManifest;
  if (m.version !== 1 || !Array.isArray(m.files)) throw new Error('unknown manifest format');
  return m;
}
