// Watches the release containers after they went live. Docker restarts a container that dies
// (restart policy unless-stopped); each exit is written to the deployment's log, and after too
// many the platform stops the restarts and reports the release CRASH_LOOPING, instead of
// restarting it forever without anyone knowing. A background service of the worker, not an
// activity: it runs beside the workflows and keeps no history.
import { LABELS } from '@paas/contracts';
import type { DockerAdapter, DockerEventStream, ProjectionAdapter } from '@paas/activities';

interface DieEvent {
  id?: unknown;
  Actor?: { Attributes?: Record<string, string> };
}

export interface ReleaseMonitorOptions {
  /** Exits after which restarts stop. */
  maxRestarts: number;
  log?: (line: string) => void;
  /** Called once the release's restarts were stopped (the team's channels hear of it). */
  onCrashLooping?: (deploymentId: string) => Promise<void>;
}

/** Reconnects to a restarted Docker engine after 1 s, doubling up to this while it stays away. */
const FIRST_RECONNECT_DELAY_MS = 1000;
const MAX_RECONNECT_DELAY_MS = 30_000;

export class ReleaseMonitor {
  private stream?: DockerEventStream;
  private stopped = false;
  private reconnectDelayMs = FIRST_RECONNECT_DELAY_MS;
  private reconnectTimer?: NodeJS.Timeout;

  constructor(
    private readonly docker: DockerAdapter,
    private readonly projection: ProjectionAdapter,
    private readonly options: ReleaseMonitorOptions,
  ) {}

  async start(): Promise<void> {
    this.stopped = false;
    this.stream = await this.docker.managedContainerDeaths();
    let pending = '';
    this.stream.on('data', (chunk: Buffer) => {
      pending += chunk.toString('utf8');
      let i;
      while ((i = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, i).trim();
        pending = pending.slice(i + 1);
        if (line) this.onEventLine(line);
      }
    });
    this.stream.on('error', (err: Error) => this.log(`release monitor: Docker event stream failed: ${err.message}`));
    this.stream.on('close', () => this.reconnectLater()); // e.g. the engine restarted
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    this.stream?.destroy?.();
  }

  private log(line: string): void {
    (this.options.log ?? console.warn)(line);
  }

  /** Every failed reconnection is logged and tried again later: a monitor that stops silently would let crash loops go unseen. */
  private reconnectLater(): void {
    if (this.stopped) return;
    const delay = this.reconnectDelayMs;
    this.reconnectDelayMs = Math.min(delay * 2, MAX_RECONNECT_DELAY_MS);
    this.log(`release monitor: Docker event stream closed; reconnecting in ${delay} ms`);
    this.reconnectTimer = setTimeout(() => {
      if (this.stopped) return;
      this.start().then(
        () => (this.reconnectDelayMs = FIRST_RECONNECT_DELAY_MS),
        (err: Error) => {
          this.log(`release monitor: reconnecting to Docker failed: ${err.message}`);
          this.reconnectLater();
        },
      );
    }, delay);
    this.reconnectTimer.unref?.();
  }

  /** A line that is not an event is logged and skipped: throwing here would take the worker down. */
  private onEventLine(line: string): void {
    let event: unknown;
    try {
      event = JSON.parse(line);
    } catch {
      event = undefined;
    }
    if (typeof event !== 'object' || event === null) {
      this.log(`release monitor: skipped a Docker event that is not a JSON object (${line.length} characters)`);
      return;
    }
    void this.onDie(event as DieEvent).catch((err) => this.log(`release monitor: ${(err as Error).message}`));
  }

  private async onDie(event: DieEvent): Promise<void> {
    const attrs = event.Actor?.Attributes ?? {};
    const deploymentId = attrs[LABELS.deployment];
    if (!deploymentId || typeof event.id !== 'string') return;
    const container = await this.docker.containerStatus(event.id).catch(() => undefined);
    if (!container?.exists) return; // removed on purpose (retire, compensation)
    const exitCode = Number(attrs.exitCode ?? container.exitCode);
    const exits = await this.projection.countReleaseExit(deploymentId);
    if (exits === null) return; // not the live release
    if (exits >= this.options.maxRestarts) {
      await this.docker.stopRestarts(event.id);
      await this.projection.setReleaseState(
        deploymentId,
        'CRASH_LOOPING',
        `The release container exited with code ${exitCode} ${exits} times; restarts stopped. Fix the app and deploy, or roll back.`,
      );
      await this.options.onCrashLooping?.(deploymentId);
    } else {
      await this.projection.setReleaseState(
        deploymentId,
        'RESTARTING',
        `The release container exited with code ${exitCode}; Docker restarts it (exit ${exits} of ${this.options.maxRestarts}).`,
      );
    }
  }
}
