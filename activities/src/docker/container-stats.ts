// One reading of a container from the engine's stats API (GET /containers/{id}/stats?stream=false,
// which carries the previous reading of about a second earlier as precpu_stats), reduced to what
// the platform charts. Pure, so the arithmetic is unit-tested apart from the engine.

export interface ContainerReading {
  /** Of one core: 100 = one core busy over the interval between the two readings. */
  cpuPercent: number;
  /** Memory in use without the reclaimable page cache, as `docker stats` shows it. */
  memoryMb: number;
  /** Cumulative bytes over all the container's networks. */
  rxTotal: number;
  txTotal: number;
}

interface CpuStats {
  cpu_usage?: { total_usage?: number; percpu_usage?: number[] };
  system_cpu_usage?: number;
  online_cpus?: number;
}

export interface RawContainerStats {
  cpu_stats?: CpuStats;
  precpu_stats?: CpuStats;
  memory_stats?: { usage?: number; stats?: Record<string, number | undefined> };
  networks?: Record<string, { rx_bytes?: number; tx_bytes?: number }>;
}

export function readingOf(stats: RawContainerStats): ContainerReading {
  const cpu = stats.cpu_stats ?? {};
  const pre = stats.precpu_stats ?? {};
  const cpuDelta = (cpu.cpu_usage?.total_usage ?? 0) - (pre.cpu_usage?.total_usage ?? 0);
  const systemDelta = (cpu.system_cpu_usage ?? 0) - (pre.system_cpu_usage ?? 0);
  const cores = cpu.online_cpus || cpu.cpu_usage?.percpu_usage?.length || 1;
  // system_cpu_usage counts all cores, so the share times the cores is the use of one core
  const cpuPercent = pre.system_cpu_usage && cpuDelta > 0 && systemDelta > 0 ? (cpuDelta / systemDelta) * cores * 100 : 0;
  const mem = stats.memory_stats ?? {};
  // cgroup v2 names the page cache inactive_file, v1 total_inactive_file (docker CLI's rule)
  const cache = mem.stats?.inactive_file ?? mem.stats?.total_inactive_file ?? 0;
  const used = Math.max(0, (mem.usage ?? 0) - (cache < (mem.usage ?? 0) ? cache : 0));
  let rxTotal = 0;
  let txTotal = 0;
  for (const n of Object.values(stats.networks ?? {})) {
    rxTotal += n.rx_bytes ?? 0;
    txTotal += n.tx_bytes ?? 0;
  }
  return { cpuPercent: finite(cpuPercent), memoryMb: finite(used / (1024 * 1024)), rxTotal: finite(rxTotal), txTotal: finite(txTotal) };
}

const finite = (n: number): number => (Number.isFinite(n) && n > 0 ? n : 0);
