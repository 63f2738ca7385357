// Unpacks a build's output (a tar stream from the build container, or of a directory in the
// checkout) into a fresh directory under the same rules as an uploaded archive: a symlink to
// /etc/passwd in dist/ fails the deployment instead of being published.
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import tar from 'tar-stream';
import { SiteEntryCheck, type EntryKind } from './site-checks.js';
import type { SiteLimits } from '../settings.js';
import type { UnpackResult } from './zip-archive.js';

const KIND_BY_TYPE: Record<string, EntryKind> = {
  file: 'file',
  'contiguous-file': 'file',
  directory: 'directory',
  symlink: 'symlink',
  link: 'hardlink',
  'character-device': 'device',
  'block-device': 'device',
  fifo: 'fifo',
};

export interface TarUnpackOptions {
  /** Leading path segments to drop (Docker's archive of /x/dist starts every name with "dist/"). */
  strip: number;
  /** Entries (after stripping) to leave out, e.g. ".git". */
  skip?: (path: string) => boolean;
}

export async function unpackTar(source: Readable, dest: string, limits: SiteLimits, options: TarUnpackOptions): Promise<UnpackResult> {
  const check = new SiteEntryCheck(limits, 'The build output');
  await mkdir(dest, { recursive: true });
  const extract = tar.extract();
  const done = (async () => {
    for await (const entry of extract) {
      const h = entry.header;
      const normalized = check.path(h.name);
      const path = normalized.split('/').slice(options.strip).join('/');
      if (path === '' || options.skip?.(path)) {
        entry.resume();
        continue;
      }
      check.kind(KIND_BY_TYPE[h.type ?? 'file'] ?? 'other', path);
      if (h.type === 'directory') {
        await mkdir(join(dest, path), { recursive: true });
        entry.resume();
        continue;
      }
      check.file(path, h.size ?? 0);
      const target = join(dest, path);
      await mkdir(dirname(target), { recursive: true });
      await pipeline(entry, createWriteStream(target, { flags: 'wx', mode: 0o644 }));
    }
  })();
  // a rejected entry stops the whole stream (the build container's archive included)
  done.catch(() => {
    extract.destroy();
    source.destroy();
  });
  await Promise.all([pipeline(source, extract).catch(() => undefined), done]);
  check.done();
  return { files: check.files, bytes: check.bytes };
}
