// Turns the engine's events of release containers (or pods) into the app's timeline (app_events):
// started, stopped, crashed (exit code and the last lines printed), oom_killed, health_failed,
// scaled (Kubernetes autoscalers). Every worker
// watches the stream; each event is recorded once (keyed by the engine event). After a restart
// the stream is read again from shortly before the newest recorded event, so nothing is missed.
import type { Database } from '@paas/db';
import type { EngineEvent, EngineEvents } from './runtime-source.js';

/** Lines of a crash's context. */
const LAST_LINES = 5;
/** A die this soon after a kill (a stop, a retire) or an OOM is not a crash of its own. */
const CAUSE_WINDOW_MS = 30_000;
/** The collector stores an instance's last lines within its flush interval; wait that long before reading them. */
const LAST_LINES_DELAY_MS = 1500;
const REPLAY_MS = 60_000;

export class EventRecorder {
  private sub?: { close(): void };
  private stopped = false;
  private readonly killedAt = new Map<string, number>();
  private readonly oomAt = new Map<string, number>();
  private retry?: NodeJS.Timeout;

  constructor(
    private readonly events: EngineEvents,
    private readonly db: Database,
    private readonly log: (line: string) => void = console.warn,
  ) {}

  async start(): Promise<void> {
    this.stopped = false;
    const last = await this.db.runtime.lastEventAt();
    const since = last ? new Date(last.getTime() - REPLAY_MS) : new Date();
    this.sub = await this.events.subscribe(
      since,
      (e) => void this.onEvent(e).catch((err: Error) => this.log(`events: recording ${e.action} of ${e.instance} failed: ${err.message}`)),
      (err) => {
        if (this.stopped) return;
        this.log(`events: engine stream ended${err ? ` (${err.message})` : ''}; reconnecting in 2 s`);
        this.retry = setTimeout(() => void this.start().catch(() => this.retryLater()), 2000);
        this.retry.unref();
      },
    );
  }

  retryLater(): void {
    if (this.stopped) return;
    this.retry = setTimeout(() => void this.start().catch(() => this.retryLater()), 5000);
    this.retry.unref();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retry);
    this.sub?.close();
  }

  private async onEvent(e: EngineEvent): Promise<void> {
    const at = e.at.getTime();
    const recent = (m: Map<string, number>) => {
      const t = m.get(e.instanceId);
      return t !== undefined && at - t >= 0 && at - t < CAUSE_WINDOW_MS;
    };
    switch (e.action) {
      case 'kill':
        this.killedAt.set(e.instanceId, at);
        return;
      case 'start':
        this.killedAt.delete(e.instanceId);
        this.oomAt.delete(e.instanceId);
        return this.record(e, 'started', `${e.instance} started.`);
      case 'stop':
        return this.record(e, 'stopped', `${e.instance} was stopped.`);
      case 'oom':
        this.oomAt.set(e.instanceId, at);
        return this.record(e, 'oom_killed', `${e.instance} ran out of memory and was killed (its memory limit is the app's instance size).`);
      case 'unhealthy':
        return this.record(e, 'health_failed', `${e.instance} failed its health check.`);
      case 'scaled':
        return this.record(
          e,
          'scaled',
          `The autoscaler scaled the app to ${e.replicas ?? '?'} instance(s)${e.bounds ? ` (between ${e.bounds.min} and ${e.bounds.max})` : ''}.`,
        );
      case 'die': {
        if (recent(this.oomAt) || recent(this.killedAt)) return; // recorded as oom_killed / stopped
        if (e.exitCode === 0) return this.record(e, 'stopped', `${e.instance} exited with code 0.`);
        await new Promise((r) => setTimeout(r, LAST_LINES_DELAY_MS));
        const lines = await this.db.runtime.lastOfContainer(e.instanceId, LAST_LINES);
        const tail = lines.length ? `\nLast lines:\n${lines.join('\n')}` : '';
        return this.record(e, 'crashed', `${e.instance} exited with code ${e.exitCode ?? 'unknown'}.${tail}`);
      }
    }
  }

  private async record(e: EngineEvent, kind: string, message: string): Promise<void> {
    await this.db.runtime.recordEvent({ appId: e.appId, deploymentId: e.deploymentId, at: e.at, kind, message, sourceKey: e.key });
  }
}
