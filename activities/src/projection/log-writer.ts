// Buffers log output from a stream (a build, a container) and writes it in batches, so a chatty
// build costs a few inserts a second instead of one per line. Memory stays bounded whatever the
// output: lines are cut at the line cap as they arrive (LineSplitter), and secrets are masked
// before anything is cut or stored.
import type { LogStream } from '@paas/contracts';
import { LineSplitter } from '../logs/line-splitter.js';
import type { SecretMasker } from '../logs/secret-masker.js';
import type { LogEntry, ProjectionAdapter } from './projection.adapter.js';

export class LogWriter {
  private buffer: LogEntry[] = [];
  private readonly splitters = new Map<LogStream, LineSplitter>();
  private flushing: Promise<void> = Promise.resolve();
  private timer?: NodeJS.Timeout;
  lines = 0;
  private full = false;
  /** Characters of output received, cut or not: what an output-size limit counts. */
  outputChars = 0;

  private constructor(
    private readonly projection: ProjectionAdapter,
    private readonly deploymentId: string,
    private readonly masker: SecretMasker,
    private readonly intervalMs: number,
  ) {}

  static async open(projection: ProjectionAdapter, deploymentId: string, intervalMs = 150): Promise<LogWriter> {
    return new LogWriter(projection, deploymentId, await projection.secretMasker(deploymentId), intervalMs);
  }

  /** Adds text that may hold several lines, or part of one. */
  write(text: string, stream: LogStream = 'stdout'): void {
    this.outputChars += text.length;
    let splitter = this.splitters.get(stream);
    if (!splitter) this.splitters.set(stream, (splitter = new LineSplitter(this.projection.limits.maxLineChars, this.masker)));
    for (const { line } of splitter.push(text)) this.push(line, stream);
  }

  line(line: string, stream: LogStream = 'system'): void {
    this.push(this.masker.mask(line), stream);
  }

  private push(line: string, stream: LogStream): void {
    if (this.full) return; // the stored log reached its cap: nothing more is kept
    this.buffer.push({ stream, line, timestamp: new Date() });
    this.lines++;
    this.timer ??= setTimeout(() => void this.flush().catch(() => undefined), this.intervalMs);
  }

  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.buffer;
    this.buffer = [];
    this.flushing = this.flushing.then(async () => {
      // a PostgreSQL statement takes at most 65,535 parameters (5 a line)
      for (let i = 0; i < batch.length && !this.full; i += 2000) {
        this.full = (await this.projection.appendLogs(this.deploymentId, batch.slice(i, i + 2000))) === 'full';
      }
    });
    await this.flushing;
  }

  async close(): Promise<void> {
    for (const [stream, splitter] of this.splitters) for (const { line } of splitter.end()) this.push(line, stream);
    await this.flush();
  }
}
