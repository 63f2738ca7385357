// Unpacks an uploaded ZIP into a fresh directory, checking every entry first (see site-checks):
// the whole central directory is checked before anything is written, then each entry is
// inflated with its actual size counted, so a header that lies about sizes is caught too.
import { createWriteStream } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { SiteEntryCheck, SiteRejected, type EntryKind } from './site-checks.js';
import type { SiteLimits } from '../settings.js';
import { forEachLimit } from './parallel.js';

const S_IFMT = 0o170000;
const KIND_BY_MODE: Record<number, EntryKind> = {
  0o100000: 'file',
  0o040000: 'directory',
  0o120000: 'symlink',
  0o020000: 'device',
  0o060000: 'device',
  0o010000: 'fifo',
  0o140000: 'socket',
};

function entryName(e: Entry): string {
  const raw = e.fileName as unknown as Buffer;
  return typeof raw === 'string' ? raw : raw.toString('utf8');
}

function entryKind(e: Entry, name: string): EntryKind {
  const madeOnUnix = e.versionMadeBy >> 8 === 3;
  const mode = (e.externalFileAttributes >>> 16) & S_IFMT;
  if (madeOnUnix && mode !== 0) return KIND_BY_MODE[mode] ?? 'other';
  return name.endsWith('/') ? 'directory' : 'file';
}

function open(file: string): Promise<ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, autoClose: false }, (err, zip) => (err ? reject(err) : resolve(zip))),
  );
}

function readEntries(zip: ZipFile): Promise<Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: Entry[] = [];
    zip.on('entry', (e: Entry) => {
      entries.push(e);
      zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', reject);
    zip.readEntry();
  });
}

export interface UnpackResult {
  files: number;
  bytes: number;
}

export async function unpackZip(file: string, dest: string, limits: SiteLimits): Promise<UnpackResult> {
  const check = new SiteEntryCheck(limits, 'The archive');
  const size = (await stat(file)).size;
  if (size > limits.maxUploadBytes) check.reject(`it is ${(size / 1048576).toFixed(1)} MB; the limit is ${Math.round(limits.maxUploadBytes / 1048576)} MB.`);
  const zip = await open(file).catch((err: Error) => check.reject(`it is not a valid ZIP file (${err.message}).`));
  try {
    if (zip.entryCount > limits.maxFiles * 2) check.reject(`more than ${limits.maxFiles} files.`);
    const entries = await readEntries(zip).catch((err: Error) => check.reject(`it is not a valid ZIP file (${err.message}).`));
    // every rule on every entry before a single byte is written
    const plan: { entry: Entry; path: string }[] = [];
    for (const entry of entries) {
      const name = entryName(entry);
      const path = check.path(name);
      const kind = entryKind(entry, name);
      check.kind(kind, path || name);
      if ((entry.generalPurposeBitFlag & 0x1) !== 0) check.reject(`"${path}" is encrypted.`);
      if (kind === 'directory' || path === '') continue;
      check.file(path, entry.uncompressedSize);
      check.ratio(path, entry.compressedSize, entry.uncompressedSize);
      plan.push({ entry, path });
    }
    check.done();
    await mkdir(dest, { recursive: true });
    let written = 0;
    // random access: entries inflate in parallel (yauzl reads each through its own slice of the file)
    await forEachLimit(plan, 8, async ({ entry, path }) => {
      const target = join(dest, path);
      await mkdir(dirname(target), { recursive: true });
      const source = await new Promise<NodeJS.ReadableStream>((resolve, reject) => zip.openReadStream(entry, (err, s) => (err ? reject(err) : resolve(s))));
      const counter = new Transform({
        transform(chunk: Buffer, _enc, cb) {
          written += chunk.length;
          if (written > limits.maxSiteBytes)
            return cb(new SiteRejected(`The archive was rejected: it unpacks to more than ${Math.round(limits.maxSiteBytes / 1048576)} MB.`));
          cb(null, chunk);
        },
      });
      await pipeline(source, counter, createWriteStream(target, { flags: 'wx', mode: 0o644 })).catch((err: Error) => {
        if (err instanceof SiteRejected) throw err;
        check.reject(`"${path}" could not be unpacked (${err.message}).`);
      });
    });
    return { files: check.files, bytes: written };
  } finally {
    zip.close();
  }
}
