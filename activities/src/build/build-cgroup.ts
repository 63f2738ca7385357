// A cgroup per build (cgroup v1, cgroupfs driver: what Docker uses here without systemd). The
// build API of the classic builder sets memory and CPU per RUN container but has no pids limit,
// so the limits go on a parent cgroup that every container of the build is created under
// (`cgroupparent`); its counters then tell which limit a failed build ran into.
import { mkdir, readFile, readdir, rmdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface BuildLimits {
  memoryBytes: number;
  nanoCpus: number;
  pids: number;
}

const ROOT = '/sys/fs/cgroup';
const PERIOD_US = 100_000;

export class BuildCgroup {
  private constructor(
    /** As Docker takes it: an absolute path below each controller's root. */
    readonly parent: string,
    private readonly limits: BuildLimits,
  ) {}

  /** Null where cgroup v1 controllers cannot be written (another layout, a remote engine). */
  static async create(buildId: string, limits: BuildLimits, root = ROOT): Promise<BuildCgroup | null> {
    const parent = `/paas-build/${buildId}`;
    try {
      const dir = (ctrl: string) => join(root, ctrl, parent);
      await Promise.all(['pids', 'memory', 'cpu'].map((c) => mkdir(dir(c), { recursive: true })));
      await writeFile(join(dir('pids'), 'pids.max'), String(limits.pids));
      await writeFile(join(dir('memory'), 'memory.limit_in_bytes'), String(limits.memoryBytes));
      // no swap beyond the limit, where the kernel accounts swap
      await writeFile(join(dir('memory'), 'memory.memsw.limit_in_bytes'), String(limits.memoryBytes)).catch(() => undefined);
      await writeFile(join(dir('cpu'), 'cpu.cfs_period_us'), String(PERIOD_US));
      await writeFile(join(dir('cpu'), 'cpu.cfs_quota_us'), String(Math.max(1000, Math.round((limits.nanoCpus / 1e9) * PERIOD_US))));
      return new BuildCgroup(parent, limits);
    } catch {
      await new BuildCgroup(parent, limits).remove(root);
      return null;
    }
  }

  /**
   * The limit the build ran into, in words that name its variable; null when none was hit.
   * cgroup v1 counts OOM kills in the container's own cgroup (gone with the container), so a
   * step killed by SIGKILL (137) while the parent hit its memory limit was killed by that limit.
   */
  async exceeded(buildError: string, root = ROOT): Promise<string | null> {
    // pids.events counts refused forks in the container's own cgroup too; the parent's peak tells
    const pidsPeak = await readFile(join(root, 'pids', this.parent, 'pids.peak'), 'utf8').then(Number, () => 0);
    if (pidsPeak >= this.limits.pids) return `it reached its process limit of ${this.limits.pids} (PAAS_BUILD_PIDS)`;
    const read = (file: string) => readFile(join(root, 'memory', this.parent, file), 'utf8').then(Number, () => 0);
    const [failcnt, peak] = await Promise.all([read('memory.failcnt'), read('memory.max_usage_in_bytes')]);
    if (/\b137\b/.test(buildError) && (failcnt > 0 || peak >= this.limits.memoryBytes * 0.95)) {
      return `it was killed at its memory limit of ${Math.round(this.limits.memoryBytes / 1024 / 1024)} MB (PAAS_BUILD_MEMORY_MB)`;
    }
    return null;
  }

  /**
   * Removes the build's cgroup from every controller (Docker created it in the others too). The
   * engine may still be removing the last step's container: what is busy is retried for a while.
   */
  async remove(root = ROOT, attempts = 20): Promise<void> {
    const controllers = await readdir(root).catch(() => [] as string[]);
    let left = controllers.map((c) => join(root, c, this.parent));
    for (let i = 0; i < attempts && left.length > 0; i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, 250));
      const results = await Promise.all(
        left.map((dir) =>
          rmdir(dir).then(
            () => null,
            (err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? null : dir),
          ),
        ),
      );
      left = results.filter((d): d is string => d !== null);
    }
  }
}
