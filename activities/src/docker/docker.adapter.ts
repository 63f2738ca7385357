// Everything the platform asks of the Docker engine, through dockerode (the engine's HTTP API).
import Docker from 'dockerode';
import { pack } from 'tar-fs';
import { LABELS } from '@paas/contracts';
import { readingOf, type ContainerReading, type RawContainerStats } from './container-stats.js';

export class BuildError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BuildError';
  }
}

export class ContainerExitedError extends Error {
  constructor(readonly exitCode: number) {
    super(`The container exited with code ${exitCode} right after it started.`);
    this.name = 'ContainerExitedError';
  }
}

export interface BuildOptions {
  contextDir: string;
  dockerfile: string;
  tag: string;
  labels: Record<string, string>;
  onOutput: (text: string, stream: 'stdout' | 'stderr') => void;
  signal?: AbortSignal;
  /** Where RUN steps run: the isolated build network. */
  network: string;
  /** Per RUN container, where there is no cgroup parent that holds the build's limits. */
  limits?: { memoryBytes: number; nanoCpus: number };
  cgroupParent?: string;
}

/** What the Dockerfile policy needs to know of a base image already in the engine. */
export interface LocalImageInfo {
  exists: boolean;
  labels: Record<string, string>;
  onBuild: string[];
}

export interface ReleaseSpec {
  name: string;
  image: string;
  network: string;
  port: number;
  env: string[];
  labels: Record<string, string>;
  limits: { memoryBytes: number; nanoCpus: number; pids: number };
}

export interface ContainerStatus {
  exists: boolean;
  running: boolean;
  status?: string;
  exitCode?: number;
  restartCount?: number;
}

export function dockerFromEnv(dockerHost = process.env.DOCKER_HOST): Docker {
  if (!dockerHost || dockerHost.startsWith('unix://')) return new Docker({ socketPath: dockerHost ? dockerHost.slice(7) : '/var/run/docker.sock' });
  const u = new URL(dockerHost.replace(/^tcp:/, 'http:'));
  return new Docker({ host: u.hostname, port: Number(u.port) || 2375, protocol: 'http' });
}

export interface AppImage {
  id: string;
  tags: string[];
}

export interface RunningRelease {
  id: string;
  /** The container's name: the instance in the runtime log. */
  name: string;
  appId: string;
  deploymentId: string | null;
}

/** The engine's event stream: one JSON object per line, until it closes (e.g. the engine restarted). */
export type DockerEventStream = NodeJS.ReadableStream & { destroy?: () => void };

/** The one owner of the engine's client: everything else asks the adapter, never the client. */
export class DockerAdapter {
  constructor(private readonly docker: Docker) {}

  /** The engine answers `/_ping`. */
  async ping(): Promise<void> {
    await this.docker.ping();
  }

  /** Classic builder, never pulling an image the engine already has; streams output lines. */
  async build(opts: BuildOptions): Promise<string> {
    const context = pack(opts.contextDir, { ignore: (name) => name.split('/').includes('.git') });
    const stream = (await this.docker.buildImage(context, {
      t: opts.tag,
      dockerfile: opts.dockerfile,
      labels: opts.labels,
      pull: false,
      rm: true,
      forcerm: true,
      abortSignal: opts.signal,
      networkmode: opts.network,
      ...(opts.limits
        ? {
            memory: opts.limits.memoryBytes,
            memswap: opts.limits.memoryBytes,
            cpuperiod: 100_000,
            cpuquota: Math.max(1000, Math.round((opts.limits.nanoCpus / 1e9) * 100_000)),
          }
        : {}),
      ...(opts.cgroupParent ? { cgroupparent: opts.cgroupParent } : {}),
    } as Docker.ImageBuildOptions)) as NodeJS.ReadableStream & { destroy?: () => void };
    opts.signal?.addEventListener('abort', () => stream.destroy?.(), { once: true });
    let imageId: string | undefined;
    let error: string | undefined;
    await consumeJsonStream(stream, (msg) => {
      if (typeof msg.stream === 'string') opts.onOutput(msg.stream, 'stdout');
      if (msg.aux && typeof (msg.aux as { ID?: string }).ID === 'string') imageId = (msg.aux as { ID: string }).ID;
      if (msg.error) {
        error = String(msg.error);
        opts.onOutput(`${error}\n`, 'stderr');
      }
    });
    if (opts.signal?.aborted) throw new BuildError('build cancelled');
    if (error) throw new BuildError(error.trim());
    if (!imageId) {
      const img = await this.docker.getImage(opts.tag).inspect();
      imageId = img.Id;
    }
    return imageId;
  }

  /** Pushes a tag and returns the digest the registry stored it under. */
  async push(tag: string, onOutput: (line: string) => void): Promise<string> {
    // the typings say void; the engine's answer is the progress stream
    const stream = await (this.docker.getImage(tag).push({ authconfig: {} } as never) as unknown as Promise<NodeJS.ReadableStream>);
    let digest: string | undefined;
    let error: string | undefined;
    await consumeJsonStream(stream, (msg) => {
      const aux = msg.aux as { Digest?: string } | undefined;
      if (aux?.Digest) digest = aux.Digest;
      if (msg.error) error = String(msg.error);
      if (typeof msg.status === 'string' && !msg.progressDetail) onOutput(`${msg.id ? `${msg.id}: ` : ''}${msg.status}`);
    });
    if (error) throw new Error(`push of ${tag} failed: ${error}`);
    if (!digest) throw new Error(`push of ${tag} returned no digest`);
    return digest;
  }

  async localImage(ref: string): Promise<LocalImageInfo> {
    try {
      const info = await this.docker.getImage(ref).inspect();
      return { exists: true, labels: info.Config?.Labels ?? {}, onBuild: (info.Config as { OnBuild?: string[] | null })?.OnBuild ?? [] };
    } catch (err) {
      if (statusOf(err) === 404) return { exists: false, labels: {}, onBuild: [] };
      throw err;
    }
  }

  /** The build network: a bridge with a fixed interface name (the firewall rules name it) and no traffic between its containers. */
  async ensureBuildNetwork(name: string, bridge: string, labels: Record<string, string>): Promise<void> {
    const found = await this.docker
      .getNetwork(name)
      .inspect()
      .catch((err) => {
        if (statusOf(err) === 404) return undefined;
        throw err;
      });
    if (found) {
      const options = (found as { Options?: Record<string, string> }).Options ?? {};
      if (options['com.docker.network.bridge.name'] !== bridge)
        throw new Error(`Docker network ${name} exists but is not the build network (bridge ${bridge}); remove it.`);
      return;
    }
    try {
      await this.docker.createNetwork({
        Name: name,
        Driver: 'bridge',
        CheckDuplicate: true,
        Labels: labels,
        Options: { 'com.docker.network.bridge.name': bridge, 'com.docker.network.bridge.enable_icc': 'false' },
      });
    } catch (err) {
      if (statusOf(err) !== 409) throw err;
    }
  }

  async imageExists(ref: string): Promise<boolean> {
    try {
      await this.docker.getImage(ref).inspect();
      return true;
    } catch (err) {
      if (statusOf(err) === 404) return false;
      throw err;
    }
  }

  async pull(ref: string): Promise<void> {
    const stream = await this.docker.pull(ref);
    let error: string | undefined;
    await consumeJsonStream(stream, (msg) => {
      if (msg.error) error = String(msg.error);
    });
    if (error) throw new Error(`pull of ${ref} failed: ${error}`);
  }

  async removeImage(ref: string): Promise<void> {
    try {
      await this.docker.getImage(ref).remove({ force: false, noprune: false });
    } catch (err) {
      if (statusOf(err) !== 404 && statusOf(err) !== 409) throw err;
    }
  }

  async ensureNetwork(name: string, labels: Record<string, string>): Promise<void> {
    const existing = await this.docker.listNetworks({ filters: { name: [name] } });
    if (existing.some((n) => n.Name === name)) return;
    try {
      await this.docker.createNetwork({ Name: name, Driver: 'bridge', CheckDuplicate: true, Labels: labels });
    } catch (err) {
      if (statusOf(err) !== 409) throw err;
    }
  }

  async removeNetwork(name: string): Promise<void> {
    try {
      await this.docker.getNetwork(name).remove();
    } catch (err) {
      if (statusOf(err) !== 404) throw err;
    }
  }

  /** Creates and starts the release container, or finds the one an earlier attempt created. */
  async runRelease(spec: ReleaseSpec): Promise<{ upstream: string }> {
    const portKey = `${spec.port}/tcp`;
    let container = this.docker.getContainer(spec.name);
    let info = await container.inspect().catch((err) => {
      if (statusOf(err) === 404) return undefined;
      throw err;
    });
    if (!info) {
      try {
        container = await this.docker.createContainer({
          name: spec.name,
          Image: spec.image,
          Env: spec.env,
          Labels: spec.labels,
          ExposedPorts: { [portKey]: {} },
          HostConfig: {
            NetworkMode: spec.network,
            PortBindings: { [portKey]: [{ HostIp: '127.0.0.1', HostPort: '' }] },
            Memory: spec.limits.memoryBytes,
            NanoCpus: spec.limits.nanoCpus,
            PidsLimit: spec.limits.pids,
            RestartPolicy: { Name: 'unless-stopped' },
            Privileged: false,
            CapDrop: ['ALL'],
            SecurityOpt: ['no-new-privileges'],
            Init: true,
          },
        });
      } catch (err) {
        if (statusOf(err) !== 409) throw err; // created by a concurrent attempt
        container = this.docker.getContainer(spec.name);
      }
      info = await container.inspect();
    }
    if (!info.State.Running) {
      await container.start().catch((err) => {
        if (statusOf(err) !== 304) throw err;
      });
      info = await container.inspect();
    }
    const binding = info.NetworkSettings.Ports?.[portKey]?.[0];
    if (!binding?.HostPort) {
      if (!info.State.Running || info.State.Restarting) throw new ContainerExitedError(info.State.ExitCode);
      throw new Error(`container ${spec.name} has no published port ${portKey} (state: ${info.State.Status})`);
    }
    return { upstream: `127.0.0.1:${binding.HostPort}` };
  }

  async containerStatus(name: string): Promise<ContainerStatus> {
    try {
      const info = await this.docker.getContainer(name).inspect();
      return {
        exists: true,
        running: info.State.Running && !info.State.Restarting,
        status: info.State.Status,
        exitCode: info.State.ExitCode,
        restartCount: info.RestartCount,
      };
    } catch (err) {
      if (statusOf(err) === 404) return { exists: false, running: false };
      throw err;
    }
  }

  async containerLogs(name: string, tail = 30): Promise<string[]> {
    try {
      const buf = await this.docker.getContainer(name).logs({ stdout: true, stderr: true, tail, follow: false });
      return demux(buf);
    } catch {
      return [];
    }
  }

  /** Graceful stop (SIGTERM, then SIGKILL after the timeout), then removal. Absent is fine. */
  async removeContainer(name: string, stopTimeoutSec = 10): Promise<void> {
    const c = this.docker.getContainer(name);
    try {
      await c.stop({ t: stopTimeoutSec });
    } catch (err) {
      const s = statusOf(err);
      if (s === 404) return;
      if (s !== 304) throw err;
    }
    try {
      await c.remove({ force: true, v: true });
    } catch (err) {
      const s = statusOf(err);
      if (s !== 404 && s !== 409) throw err; // 409: removal already in progress
    }
  }

  async listManagedContainers(appId?: string): Promise<Docker.ContainerInfo[]> {
    const label = [`${LABELS.managed}=true`];
    if (appId) label.push(`${LABELS.app}=${appId}`);
    return this.docker.listContainers({ all: true, filters: { label } });
  }

  /** The images the app's builds made (by their app label, so nothing the platform does not own). */
  async appImages(appId: string): Promise<AppImage[]> {
    const images = await this.docker.listImages({ filters: { label: [`${LABELS.app}=${appId}`] } });
    return images.map((img) => ({ id: img.Id, tags: img.RepoTags ?? [] }));
  }

  /** Every exit of a container the platform manages, as the engine reports it. */
  async managedContainerDeaths(): Promise<DockerEventStream> {
    return await this.docker.getEvents({
      filters: { type: ['container'], event: ['die'], label: [`${LABELS.managed}=true`] },
    });
  }

  /** Running release containers (they carry app and deployment labels), for the runtime log collector and the metrics sampler. */
  async runningReleases(): Promise<RunningRelease[]> {
    const list = await this.docker.listContainers({ filters: { status: ['running'], label: [`${LABELS.managed}=true`, LABELS.app, LABELS.deployment] } });
    return list.map((c) => ({
      id: c.Id,
      name: (c.Names?.[0] ?? c.Id).replace(/^\//, ''),
      appId: c.Labels[LABELS.app],
      deploymentId: c.Labels[LABELS.deployment] ?? null,
    }));
  }

  /**
   * Follows a container's stdout and stderr from `since` (seconds.nanoseconds, inclusive), with the
   * engine's timestamps; the raw multiplexed stream (log-frames.ts parses it). Ends when the container stops.
   */
  async followLogs(id: string, since: string): Promise<DockerEventStream> {
    // the typings take since as a number; the engine also takes "seconds.nanoseconds"
    return await this.docker.getContainer(id).logs({ follow: true, stdout: true, stderr: true, timestamps: true, since: since as unknown as number });
  }

  /** Every lifecycle event of the containers the platform manages, from `since` (seconds). */
  async managedContainerEvents(since: number): Promise<DockerEventStream> {
    return await this.docker.getEvents({ since, filters: { type: ['container'], label: [`${LABELS.managed}=true`] } });
  }

  /** One stats reading (not a stream); null when the container is gone meanwhile. */
  async containerReading(id: string): Promise<ContainerReading | null> {
    try {
      const stats = (await this.docker.getContainer(id).stats({ stream: false })) as unknown as RawContainerStats;
      return readingOf(stats);
    } catch (err) {
      if (statusOf(err) === 404 || statusOf(err) === 409) return null;
      throw err;
    }
  }

  /** Docker stops restarting the container, and it is stopped (it may be restarting right now, which refuses the stop). */
  async stopRestarts(nameOrId: string): Promise<void> {
    const c = this.docker.getContainer(nameOrId);
    await c.update({ RestartPolicy: { Name: 'no', MaximumRetryCount: 0 } });
    await c.stop({ t: 1 }).catch(() => undefined);
  }
}

export function statusOf(err: unknown): number | undefined {
  return (err as { statusCode?: number }).statusCode;
}

/** The engine sends one JSON message per output chunk; one message far larger than a chunk is not output but an attack on the worker's memory. */
const MAX_JSON_MESSAGE_CHARS = 4 * 1024 * 1024;

async function consumeJsonStream(stream: NodeJS.ReadableStream, onMessage: (msg: Record<string, unknown>) => void): Promise<void> {
  let pending = '';
  const decoder = new TextDecoder();
  await new Promise<void>((resolve, reject) => {
    stream.on('data', (chunk: Buffer) => {
      pending += decoder.decode(chunk, { stream: true });
      if (pending.length > MAX_JSON_MESSAGE_CHARS && !pending.includes('\n')) {
        (stream as { destroy?: (e: Error) => void }).destroy?.(new BuildError('The engine sent an output message over 4 MB; the build was stopped.'));
        reject(new BuildError('The engine sent an output message over 4 MB; the build was stopped.'));
        return;
      }
      let idx;
      while ((idx = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, idx).trim();
        pending = pending.slice(idx + 1);
        if (!line) continue;
        try {
          onMessage(JSON.parse(line) as Record<string, unknown>);
        } catch {
          onMessage({ stream: `${line}\n` });
        }
      }
    });
    stream.on('end', () => resolve());
    stream.on('close', () => resolve());
    stream.on('error', reject);
  });
  if (pending.trim()) {
    try {
      onMessage(JSON.parse(pending) as Record<string, unknown>);
    } catch {
      /* partial line at abort */
    }
  }
}

/** Docker's multiplexed log format: 8-byte header per frame (stream, size). */
function demux(buf: Buffer): string[] {
  if (!Buffer.isBuffer(buf)) return String(buf).split('\n').filter(Boolean);
  const out: string[] = [];
  let i = 0;
  while (i + 8 <= buf.length) {
    const size = buf.readUInt32BE(i + 4);
    out.push(buf.subarray(i + 8, i + 8 + size).toString('utf8'));
    i += 8 + size;
  }
  return out.join('').split('\n').filter(Boolean);
}
