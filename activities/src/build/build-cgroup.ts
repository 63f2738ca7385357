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

  /** The limit the build ran into, in words that name its variable; null when none was hit. */
  async exceeded(root = ROOT): Promise<string | null> {
    const pidsMax = await readFile(join(root, 'pids', this.parent, 'pids.events'), 'utf8').catch(() => '');
    if (Number(/max (\d+)/.exec(pidsMax)?.[1] ?? 0) > 0) return `it reached its process limit of ${this.limits.pids} (PAAS_BUILD_PIDS)`;
    const oom = await readFile(join(root, 'memory', this.parent, 'memory.oom_control'), 'utf8').catch(() => '');
    if (Number(/oom_kill (\d+)/.exec(oom)?.[1] ?? 0) > 0) {
      return `it was killed at its memory limit of ${Math.round(this.limits.memoryBytes / 1024 / 1024)} MB (PAAS_BUILD_MEMORY_MB)`;
    }
    return null;
  }

  /** Removes the build's cgroup from every controller (Docker created it in the others too). */
  async remove(root = ROOT): Promise<void> {
    const controllers = await readdir(root).catch(() => [] as string[]);
    await Promise.all(controllers.map((c) => rmdir(join(root, c, this.parent)).catch(() => undefined)));
  }
}
