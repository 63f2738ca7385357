// Buffers log lines from a stream (a build, a container) and writes them in batches,
// so a chatty build costs a few inserts a second instead of one per line.
import type { LogStream } from '@paas/contracts';
import type { LogEntry, ProjectionAdapter } from './projection.adapter.js';

export class LogWriter {
  private buffer: LogEntry[] = [];
  private partial = '';
  private flushing: Promise<void> = Promise.resolve();
  private timer?: NodeJS.Timeout;
  lines = 0;

  constructor(
    private readonly projection: ProjectionAdapter,
    private readonly deploymentId: string,
    private readonly intervalMs = 150,
  ) {}

  /** Adds text that may hold several lines, or part of one. */
  write(text: string, stream: LogStream = 'stdout'): void {
    const parts = (this.partial + text).split(/\r?\n/);
    this.partial = parts.pop() ?? '';
    for (const line of parts) this.push(line, stream);
  }

  line(line: string, stream: LogStream = 'system'): void {
    this.push(line, stream);
  }

  private push(line: string, stream: LogStream): void {
    this.buffer.push({ stream, line, timestamp: new Date() });
    this.lines++;
    this.timer ??= setTimeout(() => void this.flush(), this.intervalMs);
  }

  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.buffer;
    this.buffer = [];
    this.flushing = this.flushing.then(() => this.projection.appendLogs(this.deploymentId, batch));
    await this.flushing;
  }

  async close(): Promise<void> {
    if (this.partial) {
      this.push(this.partial, 'stdout');
      this.partial = '';
    }
    await this.flush();
  }
}
