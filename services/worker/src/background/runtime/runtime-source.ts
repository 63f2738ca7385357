// Where runtime logs and instance events come from: one interface, one implementation per
// runtime. The collector (runtime-collector.ts) and the event recorder (event-recorder.ts) know
// only these interfaces. Docker is implemented here, Kubernetes pod logs in kubernetes-runtime-source.ts.
import type { DockerAdapter } from '@paas/activities';
import { dockerSince, LogFrameParser, type TimedLine } from './log-frames.js';

export interface RuntimeInstance {
  /** Stable id of the instance (the container id): the key of its stored position. */
  id: string;
  /** Shown with each line (container or pod name). */
  name: string;
  appId: string;
  deploymentId: string | null;
  /** Kubernetes pods only: the pod's namespace. */
  namespace?: string;
}

/** One instance's lines as they are printed; ends when the instance stops. */
export interface LogFollow {
  onLines(handler: (lines: TimedLine[]) => void): void;
  onEnd(handler: (err?: Error) => void): void;
  /** Backpressure: stop reading while the store catches up. */
  pause(): void;
  resume(): void;
  close(): void;
}

export interface RuntimeLogSource {
  running(): Promise<RuntimeInstance[]>;
  /** From `sinceNs` (inclusive; null: from the start of the instance's log). */
  follow(instance: RuntimeInstance, sinceNs: string | null): Promise<LogFollow>;
}

/** An engine event, already classified. */
export interface EngineEvent {
  instanceId: string;
  instance: string;
  appId: string;
  deploymentId: string | null;
  action: 'start' | 'die' | 'oom' | 'kill' | 'stop' | 'unhealthy' | 'scaled';
  exitCode?: number;
  /** scaled: the instances the autoscaler asked for, and its bounds. */
  replicas?: number;
  bounds?: { min: number; max: number };
  at: Date;
  /** Unique per engine event: the same event seen by two workers has the same key. */
  key: string;
}

export interface EngineEvents {
  /** Events from `since`; the stream ends when the engine goes away (the caller reconnects). */
  subscribe(since: Date, onEvent: (e: EngineEvent) => void, onEnd: (err?: Error) => void): Promise<{ close(): void }>;
}

export class DockerRuntimeSource implements RuntimeLogSource, EngineEvents {
  constructor(private readonly docker: DockerAdapter) {}

  async running(): Promise<RuntimeInstance[]> {
    return (await this.docker.runningReleases()).filter((r) => !!r.appId);
  }

  async follow(instance: RuntimeInstance, sinceNs: string | null): Promise<LogFollow> {
    const stream = (await this.docker.followLogs(instance.id, sinceNs ? dockerSince(sinceNs) : '0')) as NodeJS.ReadableStream & {
      destroy(): void;
    };
    const parser = new LogFrameParser();
    return logFollowOf(
      stream,
      (chunk) => parser.push(chunk),
      () => stream.destroy(),
    );
  }

  async subscribe(since: Date, onEvent: (e: EngineEvent) => void, onEnd: (err?: Error) => void): Promise<{ close(): void }> {
    const stream = (await this.docker.managedContainerEvents(Math.floor(since.getTime() / 1000))) as NodeJS.ReadableStream & { destroy(): void };
    let pending = '';
    stream.on('data', (chunk: Buffer) => {
      pending += chunk.toString('utf8');
      let i;
      while ((i = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, i).trim();
        pending = pending.slice(i + 1);
        const e = line ? classify(line) : null;
        if (e) onEvent(e);
      }
      if (pending.length > 1024 * 1024) pending = ''; // not an event stream
    });
    let ended = false;
    const end = (err?: Error) => {
      if (!ended) {
        ended = true;
        onEnd(err);
      }
    };
    stream.on('end', () => end());
    stream.on('close', () => end());
    stream.on('error', (err: Error) => end(err));
    return { close: () => stream.destroy() };
  }
}

const ACTIONS: Record<string, EngineEvent['action']> = {
  start: 'start',
  die: 'die',
  oom: 'oom',
  kill: 'kill',
  stop: 'stop',
  'health_status: unhealthy': 'unhealthy',
};

/** One line of Docker's event stream, or null when it is not an event of a release container. */
export function classify(line: string): EngineEvent | null {
  let raw: { id?: unknown; Action?: unknown; status?: unknown; timeNano?: unknown; time?: unknown; Actor?: { Attributes?: Record<string, string> } };
  try {
    raw = JSON.parse(line) as typeof raw;
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null || typeof raw.id !== 'string') return null;
  const actionText = String(raw.Action ?? raw.status ?? '');
  const action = ACTIONS[actionText];
  const attrs = raw.Actor?.Attributes ?? {};
  const appId = attrs['dev.paas.app'];
  if (!action || !appId || !attrs['dev.paas.deployment']) return null;
  const timeNano = typeof raw.timeNano === 'number' ? BigInt(Math.trunc(raw.timeNano)) : BigInt(Number(raw.time ?? 0)) * 1_000_000_000n;
  const exit = attrs.exitCode !== undefined ? Number(attrs.exitCode) : undefined;
  return {
    instanceId: raw.id,
    instance: attrs.name ?? raw.id.slice(0, 12),
    appId,
    deploymentId: attrs['dev.paas.deployment'] ?? null,
    action,
    exitCode: Number.isInteger(exit) ? exit : undefined,
    at: new Date(Number(timeNano / 1_000_000n)),
    key: `docker:${raw.id}:${actionText}:${timeNano}`,
  };
}

/** A LogFollow over a readable stream of log chunks; `onEnd` fires once, whichever of end, close or error comes first. */
export function logFollowOf(stream: NodeJS.ReadableStream, parse: (chunk: Buffer) => TimedLine[], close: () => void): LogFollow {
  return {
    onLines: (handler) => stream.on('data', (chunk: Buffer) => handler(parse(chunk))),
    onEnd: (handler) => {
      let done = false;
      const end = (err?: Error) => {
        if (done) return;
        done = true;
        handler(err);
      };
      stream.on('end', () => end());
      stream.on('close', () => end());
      stream.on('error', (err: Error) => end(err));
    },
    pause: () => stream.pause(),
    resume: () => stream.resume(),
    close,
  };
}
