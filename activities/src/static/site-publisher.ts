// The site server's side of a STATIC release, on local disk next to the edge:
//   <sites>/releases/<appId>/<releaseId>/files/…   the release, with .gz/.br beside text files
//   <sites>/releases/<appId>/<releaseId>/meta/…    spa.html when the app has SPA fallback
//   <sites>/live/<host> → ../releases/<appId>/<releaseId>
// A release directory appears by rename (complete or absent), and a host switches release by
// renaming a new symlink over the old one: one atomic step, no reload, no request sees a mix.
import { COMPRESSIBLE_EXTENSIONS, extensionOf } from '@paas/contracts';
import { copyFile, mkdir, readFile, readlink, rename, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlibConstants, gzip } from 'node:zlib';
import type { ObjectStore } from '@paas/storage';
import { forEachLimit } from './parallel.js';
import { listFiles, releaseKeys, sha256File, type SiteManifest } from './site-manifest.js';

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);
const RELEASE_LINK = /^\.\.\/releases\/([0-9a-f-]{36})\/([0-9a-f-]{36})$/;
const HOST = /^[a-z0-9.-]{1,253}$/;

export interface MaterializeInput {
  appId: string;
  releaseId: string;
  prefix: string;
  manifest: SiteManifest;
  spaFallback: boolean;
  /** The build output on this machine, when there is one: moved instead of downloaded. */
  localDir?: string;
}

export class SitePublisher {
  constructor(
    readonly sitesDir: string,
    private readonly store: ObjectStore,
  ) {}

  releaseDir(appId: string, releaseId: string): string {
    return join(this.sitesDir, 'releases', appId, releaseId);
  }

  private linkPath(host: string): string {
    if (!HOST.test(host) || host.includes('..')) throw new Error(`invalid host "${host}"`);
    return join(this.sitesDir, 'live', host);
  }

  async isMaterialized(appId: string, releaseId: string): Promise<boolean> {
    return stat(join(this.releaseDir(appId, releaseId), 'files')).then(
      () => true,
      () => false,
    );
  }

  /**
   * Puts the release on disk, each file checked against the manifest (size and sha256), text
   * files precompressed. Idempotent: an existing release directory is complete by construction.
   */
  async materialize(input: MaterializeInput): Promise<'present' | 'moved' | 'downloaded'> {
    const { appId, releaseId, manifest } = input;
    const final = this.releaseDir(appId, releaseId);
    if (await this.isMaterialized(appId, releaseId)) return 'present';
    const tmp = join(this.sitesDir, 'releases', appId, `.tmp-${releaseId}-${process.pid}`);
    await rm(tmp, { recursive: true, force: true });
    const files = join(tmp, 'files');
    await mkdir(tmp, { recursive: true });
    // on the machine that built it, the staging directory becomes the release in one rename;
    // elsewhere (or on a retry after that rename) every file comes from object storage
    const moved = input.localDir
      ? await rename(input.localDir, files).then(
          () => true,
          () => false,
        )
      : false;
    if (!moved) await mkdir(files, { recursive: true });
    else if ((await listFiles(files)).length !== manifest.files.length) throw new Error('the build output holds files the release manifest does not list');
    await forEachLimit(manifest.files, 16, async (f) => {
      const target = join(files, f.path);
      if (moved) {
        // built and hashed by this deployment moments ago: the manifest's sizes must still hold
        if ((await stat(target)).size !== f.size) throw new Error(`"${f.path}" does not match the release manifest (size)`);
      } else {
        await mkdir(dirname(target), { recursive: true });
        await this.store.getToFile(releaseKeys.file(input.prefix, f.path), target);
        const s = await stat(target);
        if (s.size !== f.size || (await sha256File(target)) !== f.sha256) throw new Error(`"${f.path}" does not match the release manifest (size or checksum)`);
      }
      await precompress(target, f.size);
    });
    const meta = join(tmp, 'meta');
    await mkdir(meta, { recursive: true });
    if (input.spaFallback && manifest.files.some((f) => f.path === 'index.html')) {
      await copyFile(join(files, 'index.html'), join(meta, 'spa.html'));
      await precompress(join(meta, 'spa.html'), (await stat(join(meta, 'spa.html'))).size);
    }
    await writeFile(join(meta, 'release.json'), JSON.stringify({ releaseId, prefix: input.prefix, files: manifest.files.length }));
    try {
      await rename(tmp, final);
    } catch (err) {
      // another attempt got there first: its copy is as good as ours
      if (!(await this.isMaterialized(appId, releaseId))) throw err;
      await rm(tmp, { recursive: true, force: true });
    }
    return moved ? 'moved' : 'downloaded';
  }

  /** Points the host at the release; returns the release it served before (or null). */
  async point(host: string, appId: string, releaseId: string): Promise<string | null> {
    const link = this.linkPath(host);
    const before = await this.current(host);
    await mkdir(dirname(link), { recursive: true });
    const tmp = `${dirname(link)}/.${host}.${process.pid}.${Date.now()}`;
    await symlink(`../releases/${appId}/${releaseId}`, tmp);
    await rename(tmp, link);
    return before?.releaseId ?? null;
  }

  async current(host: string): Promise<{ appId: string; releaseId: string } | null> {
    try {
      const m = RELEASE_LINK.exec(await readlink(this.linkPath(host)));
      return m ? { appId: m[1], releaseId: m[2] } : null;
    } catch {
      return null;
    }
  }

  async unpoint(host: string): Promise<void> {
    await rm(this.linkPath(host), { force: true });
  }

  /** Removes a materialized release unless a host still points at it. */
  async removeRelease(appId: string, releaseId: string, liveHosts: string[]): Promise<boolean> {
    for (const h of liveHosts) if ((await this.current(h))?.releaseId === releaseId) return false;
    await rm(this.releaseDir(appId, releaseId), { recursive: true, force: true });
    return true;
  }

  async removeApp(appId: string, hosts: string[]): Promise<void> {
    for (const h of hosts) await this.unpoint(h);
    await rm(join(this.sitesDir, 'releases', appId), { recursive: true, force: true });
  }
}

/** Writes file.gz and file.br beside a text file, for nginx's gzip_static and brotli_static. */
async function precompress(file: string, size: number): Promise<void> {
  if (size < 256 || !COMPRESSIBLE_EXTENSIONS.includes(extensionOf(file))) return;
  const body = await readFile(file);
  const [gz, br] = await Promise.all([
    gzipAsync(body, { level: 9 }),
    brotliAsync(body, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 9, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: size } }),
  ]);
  if (gz.length < size) await writeFile(`${file}.gz`, gz, { flag: 'wx' }).catch(ignoreExisting);
  if (br.length < size) await writeFile(`${file}.br`, br, { flag: 'wx' }).catch(ignoreExisting);
}

/** The site may ship its own .gz/.br files; those are kept as they are. */
function ignoreExisting(err: NodeJS.ErrnoException): void {
  if (err.code !== 'EEXIST') throw err;
}
