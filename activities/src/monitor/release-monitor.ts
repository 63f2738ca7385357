// Watches the release containers after they went live. Docker restarts a container that dies
// (restart policy unless-stopped); each exit is written to the deployment's log, and after too
// many the platform stops the restarts and reports the release CRASH_LOOPING, instead of
// restarting it forever without anyone knowing.
import { LABELS } from '@paas/contracts';
import type { DockerAdapter } from '../docker/docker.adapter.js';
import type { ProjectionAdapter } from '../projection/projection.adapter.js';

export interface ReleaseMonitorOptions {
  /** Exits after which restarts stop. */
  maxRestarts: number;
  log?: (line: string) => void;
}

/** Reconnects to a restarted Docker engine after 1 s, doubling up to this while it stays away. */
const FIRST_RECONNECT_DELAY_MS = 1000;
const MAX_RECONNECT_DELAY_MS = 30_000;

export class ReleaseMonitor {
  private stream?: NodeJS.ReadableStream & { destroy?: () => void };
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
    this.stream = (await this.docker.docker.getEvents({
      filters: { type: ['container'], event: ['die'], label: [`${LABELS.managed}=true`] },
    })) as NodeJS.ReadableStream & { destroy?: () => void };
    let pending = '';
    this.stream.on('data', (chunk: Buffer) => {
      pending += chunk.toString('utf8');
      let i;
      while ((i = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, i).trim();
        pending = pending.slice(i + 1);
        if (line) void this.onDie(JSON.parse(line)).catch((err) => this.log(`release monitor: ${(err as Error).message}`));
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

  private async onDie(event: { id: string; Actor?: { Attributes?: Record<string, string> } }): Promise<void> {
    const attrs = event.Actor?.Attributes ?? {};
    const deploymentId = attrs[LABELS.deployment];
    if (!deploymentId) return;
    const c = this.docker.docker.getContainer(event.id);
    const info = await c.inspect().catch(() => undefined);
    if (!info) return; // removed on purpose (retire, compensation)
    const exitCode = Number(attrs.exitCode ?? info.State.ExitCode);
    const exits = await this.projection.countReleaseExit(deploymentId);
    if (exits === null) return; // not the live release
    if (exits >= this.options.maxRestarts) {
      await c.update({ RestartPolicy: { Name: 'no', MaximumRetryCount: 0 } });
      await c.stop({ t: 1 }).catch(() => undefined); // it may be restarting right now
      await this.projection.setReleaseState(
        deploymentId,
        'CRASH_LOOPING',
        `The release container exited with code ${exitCode} ${exits} times; restarts stopped. Fix the app and deploy, or roll back.`,
      );
    } else {
      await this.projection.setReleaseState(deploymentId, 'RESTARTING', `The release container exited with code ${exitCode}; Docker restarts it (exit ${exits} of ${this.options.maxRestarts}).`);
    }
  }
}
