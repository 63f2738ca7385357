// The rules every file of a static site passes, whether it comes from an uploaded ZIP or from
// a build's output directory: a relative path inside the site root, a regular file or a
// directory (no symlinks, hard links or device files), and limits on count and size.
import type { SiteLimits } from '../settings.js';

/** The archive or build output breaks a rule: the deployment fails with this message. */
export class SiteRejected extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SiteRejected';
  }
}

export type EntryKind = 'file' | 'directory' | 'symlink' | 'hardlink' | 'device' | 'fifo' | 'socket' | 'other';

const MB = 1024 * 1024;

export class SiteEntryCheck {
  files = 0;
  bytes = 0;
  private readonly seen = new Set<string>();

  constructor(
    readonly limits: SiteLimits,
    /** "The archive" or "The build output", for messages. */
    private readonly source: string,
  ) {}

  reject(why: string): never {
    throw new SiteRejected(`${this.source} was rejected: ${why}`);
  }

  /** The entry's path, normalized (no "." segments, no trailing "/"); "" is the root itself. */
  path(raw: string): string {
    const show = JSON.stringify(raw.length > 120 ? `${raw.slice(0, 120)}…` : raw);
    if (raw.includes('\0')) this.reject(`entry ${show} has a NUL byte in its name.`);
    if (raw.includes('\\')) this.reject(`entry ${show} uses "\\" in its path; use "/".`);
    if (raw.startsWith('/') || /^[A-Za-z]:/.test(raw)) this.reject(`entry ${show} has an absolute path.`);
    const parts = raw.split('/').filter((p) => p !== '' && p !== '.');
    if (parts.includes('..')) this.reject(`entry ${show} leaves the site root ("..").`);
    if (parts.some((p) => p.length > 255)) this.reject(`entry ${show} has a path segment longer than 255 characters.`);
    const path = parts.join('/');
    if (path.length > 1024) this.reject(`entry ${show} has a path longer than 1024 characters.`);
    return path;
  }

  kind(kind: EntryKind, path: string): void {
    if (kind === 'file' || kind === 'directory') return;
    const what = {
      symlink: 'a symbolic link',
      hardlink: 'a hard link',
      device: 'a device file',
      fifo: 'a named pipe',
      socket: 'a socket',
      other: 'not a regular file',
    }[kind];
    this.reject(`"${path}" is ${what}; only regular files and directories are published.`);
  }

  /** Counts a file before it is written; `declaredBytes` may be checked again as it streams. */
  file(path: string, declaredBytes: number): void {
    if (this.seen.has(path)) this.reject(`"${path}" appears twice.`);
    this.seen.add(path);
    this.files++;
    if (this.files > this.limits.maxFiles) this.reject(`more than ${this.limits.maxFiles} files.`);
    this.addBytes(declaredBytes);
  }

  addBytes(n: number): void {
    this.bytes += n;
    if (this.bytes > this.limits.maxSiteBytes) this.reject(`it unpacks to more than ${Math.round(this.limits.maxSiteBytes / MB)} MB.`);
  }

  /** A compressed entry that inflates far beyond its size is a zip bomb (small files are let through). */
  ratio(path: string, compressed: number, uncompressed: number): void {
    if (uncompressed <= MB) return;
    const ratio = uncompressed / Math.max(compressed, 1);
    if (ratio > this.limits.maxCompressionRatio) {
      this.reject(`"${path}" expands ${Math.round(ratio)}:1 (more than ${this.limits.maxCompressionRatio}:1 looks like a zip bomb).`);
    }
  }

  done(): void {
    if (this.files === 0) this.reject('it has no files.');
  }
}
