// Listens to the projection's NOTIFY channels and turns them into async iterators for the
// GraphQL subscriptions. One PostgreSQL connection serves every subscriber.
import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { NOTIFY_CHANNELS } from '@paas/contracts';
import { EventEmitter, on } from 'node:events';
import pg from 'pg';
import { PlatformConfig } from '../config/platform-config.js';

export interface LogNotice {
  deploymentId: string;
  from: number;
  to: number;
}

@Injectable()
export class DeploymentEventsService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(DeploymentEventsService.name);
  private readonly events = new EventEmitter().setMaxListeners(0);
  private client?: pg.Client;
  private closed = false;

  constructor(@Inject(PlatformConfig) private readonly config: PlatformConfig) {}

  async onModuleInit(): Promise<void> {
    await this.connect();
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    await this.client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.config.databaseUrl });
    client.on('notification', (n) => {
      if (n.channel === NOTIFY_CHANNELS.deployment && n.payload) this.events.emit('deployment', n.payload);
      if (n.channel === NOTIFY_CHANNELS.log && n.payload) this.events.emit('log', JSON.parse(n.payload) as LogNotice);
    });
    client.on('error', (err) => {
      this.logger.warn(`notification connection lost: ${err.message}; reconnecting`);
      void this.reconnect();
    });
    await client.connect();
    await client.query(`LISTEN ${NOTIFY_CHANNELS.deployment}`);
    await client.query(`LISTEN ${NOTIFY_CHANNELS.log}`);
    this.client = client;
  }

  private async reconnect(): Promise<void> {
    await this.client?.end().catch(() => undefined);
    while (!this.closed) {
      await new Promise((r) => setTimeout(r, 1000));
      try {
        await this.connect();
        return;
      } catch {
        /* keep trying */
      }
    }
  }

  /** Deployment ids as they change, until the subscriber goes away. */
  deploymentChanges(signal: AbortSignal): AsyncIterable<string> {
    return map(on(this.events, 'deployment', { signal }), (args) => args[0] as string);
  }

  logNotices(signal: AbortSignal): AsyncIterable<LogNotice> {
    return map(on(this.events, 'log', { signal }), (args) => args[0] as LogNotice);
  }
}

async function* map<A, B>(source: AsyncIterable<A>, fn: (a: A) => B): AsyncIterable<B> {
  try {
    for await (const a of source) yield fn(a);
  } catch (err) {
    if ((err as Error).name !== 'AbortError') throw err;
  }
}
