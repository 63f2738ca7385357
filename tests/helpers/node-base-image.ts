// A Node 20 base image made on this machine (no image can be pulled): a Debian root filesystem
// from debootstrap, this machine's node and npm copied in, and its CA bundle so npm inside a
// build trusts the same certificates the host does.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { docker } from './docker.js';

export const TEST_NODE_IMAGE = 'paas-test/node:20';

export async function ensureNodeBaseImage(): Promise<string> {
  try {
    await docker.getImage(TEST_NODE_IMAGE).inspect();
    return TEST_NODE_IMAGE;
  } catch {
    /* build it */
  }
  const dir = mkdtempSync(join(tmpdir(), 'paas-node-rootfs-'));
  try {
    const r = spawnSync('debootstrap', ['--variant=minbase', '--include=ca-certificates,git', 'bookworm', dir], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`debootstrap failed: ${r.stderr.slice(-2000)}`);
    copyFileSync('/usr/bin/node', join(dir, 'usr/local/bin/node'));
    cpSync('/usr/lib/node_modules/npm', join(dir, 'usr/local/lib/node_modules/npm'), { recursive: true });
    symlinkSync('../lib/node_modules/npm/bin/npm-cli.js', join(dir, 'usr/local/bin/npm'));
    copyFileSync('/etc/ssl/certs/ca-certificates.crt', join(dir, 'etc/ssl/certs/ca-certificates.crt'));
    const [repo, tag] = TEST_NODE_IMAGE.split(':');
    // tar(1): the root filesystem has device nodes that tar-fs cannot pack
    const tar = spawn('tar', ['-C', dir, '-c', '.'], { stdio: ['ignore', 'pipe', 'inherit'] });
    // the typings say void; the engine's answer is the progress stream
    const stream = await (docker.importImage(tar.stdout, {
      repo,
      tag,
      changes: ['ENV PATH=/usr/local/bin:/usr/bin:/bin', 'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt', 'CMD ["node"]'],
    } as never) as unknown as Promise<NodeJS.ReadableStream>);
    await new Promise((resolve, reject) => docker.modem.followProgress(stream, (err: Error | null) => (err ? reject(err) : resolve(undefined))));
    return TEST_NODE_IMAGE;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
