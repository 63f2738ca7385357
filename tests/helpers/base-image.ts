// Test apps run on a 1 MB base image made here (no image can be pulled): Debian's
// busybox-static in an otherwise empty root filesystem, brought in with `docker import`.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pack } from 'tar-fs';
import { docker } from './docker.js';

export const TEST_BASE_IMAGE = 'paas-test/busybox:1';

export async function ensureTestBaseImage(): Promise<void> {
  try {
    await docker.getImage(TEST_BASE_IMAGE).inspect();
    return;
  } catch {
    /* build it */
  }
  const dir = mkdtempSync(join(tmpdir(), 'paas-rootfs-'));
  try {
    for (const d of ['bin', 'tmp', 'etc', 'www', 'proc', 'sys', 'dev']) mkdirSync(join(dir, d));
    copyFileSync('/bin/busybox', join(dir, 'bin/busybox'));
    const applets = spawnSync('/bin/busybox', ['--list'], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
    for (const a of applets) if (a !== 'busybox') symlinkSync('busybox', join(dir, 'bin', a));
    writeFileSync(join(dir, 'etc/passwd'), 'root:x:0:0:root:/:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n');
    writeFileSync(join(dir, 'etc/group'), 'root:x:0:\nnogroup:x:65534:\n');
    const [repo, tag] = TEST_BASE_IMAGE.split(':');
    // the typings say void; the engine's answer is the progress stream
    const stream = await (docker.importImage(pack(dir), {
      repo,
      tag,
      changes: ['ENV PATH=/bin', 'CMD ["/bin/sh"]'],
    } as never) as unknown as Promise<NodeJS.ReadableStream>);
    await new Promise((resolve, reject) => docker.modem.followProgress(stream, (err: Error | null) => (err ? reject(err) : resolve(undefined))));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
