// Listens to the projection's NOTIFY channels and turns them into async iterators for the
// GraphQL subscriptions. One PostgreSQL connection serves every subscriber.
import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { listenToProjection, type LogNotice, type RuntimeLogNotice } from '@paas/db';
import { EventEmitter, on } from 'node:events';
import { PlatformConfig } from '../config/platform-config.js';

@Injectable()
export class DeploymentEventsService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(DeploymentEventsService.name);
  private readonly events = new EventEmitter().setMaxListeners(0);
  private listening?: { close(): Promise<void> };
  private closed = false;

  constructor(@Inject(PlatformConfig) private readonly config: PlatformConfig) {}

  async onModuleInit(): Promise<void> {
    await this.connect();
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    await this.listening?.close();
  }

  private async connect(): Promise<void> {
    this.listening = await listenToProjection(this.config.databaseUrl, {
      onDeployment: (deploymentId) => this.events.emit('deployment', deploymentId),
      onLogs: (notice) => this.events.emit('log', notice),
      onRuntimeLogs: (notice) => this.events.emit('runtime', notice),
      onError: (err) => {
        this.logger.warn(`notification connection lost: ${err.message}; reconnecting`);
        void this.reconnect();
      },
    });
  }

  private async reconnect(): Promise<void> {
    await this.listening?.close();
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

  /** Runtime log lines stored (any app), for Subscription.runtimeLogs. */
  runtimeLogNotices(signal: AbortSignal): AsyncIterable<RuntimeLogNotice> {
    return map(on(this.events, 'runtime', { signal }), (args) => args[0] as RuntimeLogNotice);
  }
}

async function* map<A, B>(source: AsyncIterable<A>, fn: (a: A) => B): AsyncIterable<B> {
  try {
    for await (const a of source) yield fn(a);
  } catch (err) {
    if ((err as Error).name !== 'AbortError') throw err;
  }
}
