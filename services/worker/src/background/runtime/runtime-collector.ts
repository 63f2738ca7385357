// Captures what every running release prints, continuously, into runtime_log_lines. A background
// service of the worker (no workflow history). Every few seconds it looks for running instances
// it does not follow yet, claims each with a PostgreSQL session advisory lock (so that of several
// workers exactly one follows a container; the lock goes with the worker's connection when it
// dies), and follows the instance's log from where the stored log ends. Lines are masked like
// build logs and inserted in batches; while a batch is being stored and the buffer is full the
// streams are paused (the engine then holds the rest), so memory stays bounded. Resuming is exact:
// each line is keyed by (container, engine timestamp, ordinal) and a re-read line is not stored twice.
import { openAdvisoryLocks, type AdvisoryLocks, type Database, type NewRuntimeLine } from '@paas/db';
import { SecretMasker } from '@paas/activities';
import { LineNumbering, type TimedLine } from './log-frames.js';
import type { LogFollow, RuntimeInstance, RuntimeLogSource } from './runtime-source.js';

export interface CollectorOptions {
  databaseUrl: string;
  /** How often to look for new instances (ms). */
  scanIntervalMs?: number;
  /** A batch is stored at least this often (ms)… */
  flushIntervalMs?: number;
  /** …or as soon as it holds this many lines. */
  batchLines?: number;
  /** Streams pause while this many lines wait to be stored. */
  maxBufferedLines?: number;
  log?: (line: string) => void;
}

interface Followed {
  instance: RuntimeInstance;
  follow?: LogFollow;
  masker: SecretMasker;
}

const LOCK_SPACE = 'paas.runtime-logs';

export class RuntimeCollector {
  private readonly followed = new Map<string, Followed>();
  private buffer: NewRuntimeLine[] = [];
  private flushing?: Promise<void>;
  private paused = false;
  private locks?: AdvisoryLocks;
  private timers: NodeJS.Timeout[] = [];
  private stopped = false;
  private scanning = false;
  /** Lines stored since start (the benchmark reads it). */
  stored = 0;

  constructor(
    private readonly source: RuntimeLogSource,
    private readonly db: Database,
    private readonly options: CollectorOptions,
  ) {}

  private get batchLines() {
    return this.options.batchLines ?? 2000;
  }

  private get maxBuffered() {
    return this.options.maxBufferedLines ?? 20_000;
  }

  private log(line: string) {
    (this.options.log ?? console.warn)(`runtime logs: ${line}`);
  }

  async start(): Promise<void> {
    this.stopped = false;
    await this.scan();
    this.timers.push(setInterval(() => void this.scan(), this.options.scanIntervalMs ?? 2000));
    this.timers.push(setInterval(() => void this.flush(), this.options.flushIntervalMs ?? 250));
    for (const t of this.timers) t.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearInterval(t);
    for (const f of this.followed.values()) f.follow?.close();
    this.followed.clear();
    await this.flush();
    await this.locks?.close();
    this.locks = undefined;
  }

  /** Attaches to every running instance nobody follows. A failed scan is logged and retried on the next tick. */
  async scan(): Promise<void> {
    if (this.scanning || this.stopped) return;
    this.scanning = true;
    try {
      for (const instance of await this.source.running()) {
        if (this.followed.has(instance.id) || this.stopped) continue;
        if (!(await this.claim(instance.id))) continue;
        await this.attach(instance).catch(async (err: Error) => {
          this.log(`cannot follow ${instance.name}: ${err.message}`);
          await this.release(instance.id);
        });
      }
    } catch (err) {
      this.log(`scan failed: ${(err as Error).message}`);
    } finally {
      this.scanning = false;
    }
  }

  private async lockConnection(): Promise<AdvisoryLocks> {
    if (this.locks) return this.locks;
    const locks = await openAdvisoryLocks(this.options.databaseUrl, (err) => {
      // the locks went with the connection: let go of every instance; the next scan claims again
      this.log(`lock connection lost (${err.message}); following again from the stored position`);
      if (this.locks === locks) this.locks = undefined;
      void locks.close();
      for (const f of this.followed.values()) f.follow?.close();
    });
    this.locks = locks;
    return locks;
  }

  private async claim(instanceId: string): Promise<boolean> {
    return (await this.lockConnection()).tryLock(LOCK_SPACE, instanceId);
  }

  private async release(instanceId: string): Promise<void> {
    await this.locks?.unlock(LOCK_SPACE, instanceId).catch(() => undefined);
  }

  private async attach(instance: RuntimeInstance): Promise<void> {
    const entry: Followed = { instance, masker: SecretMasker.none };
    this.followed.set(instance.id, entry);
    // lines still buffered for this instance go in first, so the stored position is current
    await this.flush();
    if (instance.deploymentId) entry.masker = new SecretMasker(await this.db.deployments.secretValues(instance.deploymentId));
    const cursor = await this.db.runtime.cursor(instance.id);
    const numbering = new LineNumbering(cursor);
    const follow = await this.source.follow(instance, cursor?.tsNs ?? null);
    entry.follow = follow;
    if (this.paused) follow.pause();
    follow.onLines((lines) => this.accept(entry, numbering, lines));
    follow.onEnd((err) => {
      if (err) this.log(`stream of ${instance.name} failed: ${err.message}`);
      // the instance stopped (or the engine went away): flush, let go; a restart is found by the next scan
      void this.flush().finally(() => {
        if (this.followed.get(instance.id) === entry) this.followed.delete(instance.id);
        void this.release(instance.id);
      });
    });
  }

  private accept(entry: Followed, numbering: LineNumbering, lines: TimedLine[]): void {
    for (const l of lines) {
      const ord = numbering.number(l.tsNs);
      if (ord === null) continue;
      this.buffer.push({
        appId: entry.instance.appId,
        deploymentId: entry.instance.deploymentId,
        containerId: entry.instance.id,
        instance: entry.instance.name,
        stream: l.stream,
        tsNs: l.tsNs,
        ord,
        line: entry.masker.mask(l.line),
      });
    }
    if (this.buffer.length >= this.batchLines) void this.flush();
    if (this.buffer.length >= this.maxBuffered && !this.paused) {
      this.paused = true;
      for (const f of this.followed.values()) f.follow?.pause();
    }
  }

  /** Stores the buffer; one flush at a time. A failed insert drops the followers so they re-read from the stored position (no gap). */
  flush(): Promise<void> {
    // the running flush stores what arrives meanwhile too (it loops until the buffer is empty)
    if (this.flushing) return this.flushing;
    if (this.buffer.length === 0) return Promise.resolve();
    this.flushing = (async () => {
      while (this.buffer.length > 0) {
        const batch = this.buffer.splice(0, this.batchLines * 2);
        try {
          this.stored += await this.db.runtime.append(batch);
        } catch (err) {
          this.log(`storing ${batch.length} lines failed (${(err as Error).message}); following again from the stored position`);
          this.buffer = [];
          for (const f of this.followed.values()) f.follow?.close();
          break;
        }
      }
    })().finally(() => {
      this.flushing = undefined;
      if (this.paused && this.buffer.length < this.maxBuffered / 2) {
        this.paused = false;
        for (const f of this.followed.values()) f.follow?.resume();
      }
    });
    return this.flushing;
  }
}
