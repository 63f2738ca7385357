// The rules for uploaded ZIPs and build outputs, on real files (no stack needed).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import tar from 'tar-stream';
import { afterAll, describe, expect, it } from 'vitest';
import { makeZip, S_IFCHR, S_IFLNK, type ZipEntry } from '../../../tests/helpers/zip.js';
import type { SiteLimits } from '../settings.js';
import { SiteRejected } from './site-checks.js';
import { unpackTar } from './tar-output.js';
import { unpackZip } from './zip-archive.js';

const limits: SiteLimits = { maxUploadBytes: 5 * 1024 * 1024, maxSiteBytes: 20 * 1024 * 1024, maxFiles: 50, maxCompressionRatio: 200 };
const root = mkdtempSync(join(tmpdir(), 'site-archives-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;

async function unzip(entries: ZipEntry[] | Buffer, l: SiteLimits = limits) {
  const dir = join(root, `case-${++n}`);
  const file = `${dir}.zip`;
  writeFileSync(file, Buffer.isBuffer(entries) ? entries : makeZip(entries));
  const dest = join(dir, 'out');
  try {
    return { result: await unpackZip(file, dest, l), dest, error: undefined };
  } catch (error) {
    return { result: undefined, dest, error: error as Error };
  }
}

describe('uploaded ZIP archives', () => {
  it('unpacks a site with nested directories', async () => {
    const { result, dest, error } = await unzip([
      { name: 'index.html', data: '<h1>hi</h1>' },
      { name: 'assets/', data: '' },
      { name: 'assets/app.js', data: 'console.log(1)'.repeat(100), deflate: true },
      { name: './docs/guide/index.html', data: 'guide' },
    ]);
    expect(error).toBeUndefined();
    expect(result).toEqual({ files: 3, bytes: 11 + 1400 + 5 });
    expect(readFileSync(join(dest, 'assets/app.js'), 'utf8')).toBe('console.log(1)'.repeat(100));
    expect(readFileSync(join(dest, 'docs/guide/index.html'), 'utf8')).toBe('guide');
  });

  const hostile: [string, ZipEntry[], RegExp][] = [
    [
      'path traversal',
      [
        { name: 'index.html', data: 'x' },
        { name: '../evil.html', data: 'x' },
      ],
      /"\.\.\/evil\.html" leaves the site root/,
    ],
    ['nested traversal', [{ name: 'a/../../evil', data: 'x' }], /leaves the site root/],
    ['absolute path', [{ name: '/etc/cron.d/evil', data: 'x' }], /absolute path/],
    ['windows path', [{ name: 'C:\\evil', data: 'x' }], /uses "\\" in its path/],
    [
      'symlink',
      [
        { name: 'index.html', data: 'x' },
        { name: 'passwd', data: '/etc/passwd', mode: S_IFLNK | 0o777 },
      ],
      /"passwd" is a symbolic link/,
    ],
    ['device file', [{ name: 'null', data: '', mode: S_IFCHR | 0o666 }], /"null" is a device file/],
    ['empty archive', [], /has no files/],
    ['only directories', [{ name: 'a/' }, { name: 'a/b/' }], /has no files/],
    [
      'duplicate names',
      [
        { name: 'a.html', data: '1' },
        { name: './a.html', data: '2' },
      ],
      /appears twice/,
    ],
    ['too many files', Array.from({ length: 51 }, (_, i) => ({ name: `f${i}.txt`, data: 'x' })), /more than 50 files/],
  ];
  for (const [what, entries, message] of hostile) {
    it(`rejects ${what} before writing anything`, async () => {
      const { error, dest } = await unzip(entries);
      expect(error).toBeInstanceOf(SiteRejected);
      expect(error!.message).toMatch(/^The archive was rejected: /);
      expect(error!.message).toMatch(message);
      expect(existsSync(dest)).toBe(false);
    });
  }

  it('rejects a zip bomb by its compression ratio', async () => {
    const { error } = await unzip([{ name: 'zeros.txt', data: Buffer.alloc(16 * 1024 * 1024), deflate: true }]);
    expect(error).toBeInstanceOf(SiteRejected);
    expect(error!.message).toMatch(/expands \d+:1 .*zip bomb/);
  });

  it('rejects an archive that unpacks beyond the site size limit', async () => {
    const big = Buffer.alloc(3 * 1024 * 1024, 'a');
    const { error } = await unzip(
      Array.from({ length: 8 }, (_, i) => ({ name: `big${i}.txt`, data: big, deflate: true })),
      { ...limits, maxCompressionRatio: 1e9 },
    );
    expect(error!.message).toMatch(/unpacks to more than 20 MB/);
  });

  it('rejects an archive whose headers lie about the size', async () => {
    const zip = makeZip([{ name: 'a.txt', data: Buffer.alloc(100_000, 'b'), deflate: true }]);
    // claim 10 bytes uncompressed in the central directory: the inflated stream is longer
    const cd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    zip.writeUInt32LE(10, cd + 24);
    const { error } = await unzip(zip);
    expect(error).toBeInstanceOf(SiteRejected);
  });

  it('rejects an archive over the upload size limit, and what is not a ZIP', async () => {
    const tooBig = await unzip([{ name: 'a.bin', data: Buffer.alloc(2048) }], { ...limits, maxUploadBytes: 1024 });
    expect(tooBig.error!.message).toMatch(/the limit is 0 MB|limit is/);
    const garbage = await unzip(Buffer.from('this is not a zip file at all'));
    expect(garbage.error!.message).toMatch(/not a valid ZIP file/);
  });
});

function tarOf(entries: { name: string; type?: tar.Header['type']; body?: string; linkname?: string }[]): Readable {
  const p = tar.pack();
  for (const e of entries) p.entry({ name: e.name, type: e.type ?? 'file', linkname: e.linkname, mode: 0o644 }, e.body ?? '');
  p.finalize();
  return p as unknown as Readable;
}

describe('build outputs', () => {
  const unpack = async (entries: Parameters<typeof tarOf>[0]) => {
    const dest = join(root, `tar-${++n}`);
    try {
      return { result: await unpackTar(tarOf(entries), dest, limits, { strip: 1 }), dest, error: undefined };
    } catch (error) {
      return { result: undefined, dest, error: error as Error };
    }
  };

  it('unpacks the output directory without its own name', async () => {
    const { result, dest, error } = await unpack([
      { name: 'dist/', type: 'directory' },
      { name: 'dist/index.html', body: 'home' },
      { name: 'dist/a/b.css', body: 'b{}' },
    ]);
    expect(error).toBeUndefined();
    expect(result!.files).toBe(2);
    expect(readFileSync(join(dest, 'index.html'), 'utf8')).toBe('home');
    expect(readFileSync(join(dest, 'a/b.css'), 'utf8')).toBe('b{}');
  });

  it('does not publish a symlink to /etc/passwd', async () => {
    const { error } = await unpack([
      { name: 'dist/index.html', body: 'home' },
      { name: 'dist/passwd', type: 'symlink', linkname: '/etc/passwd' },
    ]);
    expect(error).toBeInstanceOf(SiteRejected);
    expect(error!.message).toBe('The build output was rejected: "passwd" is a symbolic link; only regular files and directories are published.');
  });

  it('rejects hard links, devices and paths that leave the output', async () => {
    expect((await unpack([{ name: 'dist/x', type: 'link', linkname: 'dist/index.html' }])).error!.message).toMatch(/hard link/);
    expect((await unpack([{ name: 'dist/null', type: 'character-device' }])).error!.message).toMatch(/device file/);
    expect((await unpack([{ name: 'dist/../../etc/x', body: 'x' }])).error!.message).toMatch(/leaves the site root/);
    expect((await unpack([{ name: 'dist/', type: 'directory' }])).error!.message).toMatch(/has no files/);
  });
});
