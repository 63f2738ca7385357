// The edge router's runtime API (HAProxy admin socket): one map from host to upstream.
// A `set map` is atomic, so a host switches from one release to the next between two requests.
// After every change the map file is rewritten from the running map, so a restart keeps the routes.
import { connect } from 'node:net';
import { rename, writeFile } from 'node:fs/promises';

export interface EdgeRouter {
  getRoute(host: string): Promise<string | null>;
  setRoute(host: string, upstream: string): Promise<void>;
  removeRoute(host: string): Promise<void>;
  listRoutes(): Promise<Map<string, string>>;
}

const HOST = /^[a-z0-9.-]{1,253}$/;
const UPSTREAM = /^[0-9a-zA-Z.-]+:[0-9]{1,5}$/;

export class HaproxyEdge implements EdgeRouter {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly adminSocket: string,
    private readonly mapFile: string,
  ) {}

  async getRoute(host: string): Promise<string | null> {
    return (await this.listRoutes()).get(checkHost(host)) ?? null;
  }

  async listRoutes(): Promise<Map<string, string>> {
    const out = await this.command(`show map ${this.mapFile}`);
    const routes = new Map<string, string>();
    for (const line of out.split('\n')) {
      // "<ref id> <key> <value>"
      const parts = line.trim().split(/\s+/);
      if (parts.length === 3) routes.set(parts[1], parts[2]);
    }
    return routes;
  }

  setRoute(host: string, upstream: string): Promise<void> {
    checkHost(host);
    if (!UPSTREAM.test(upstream)) throw new Error(`invalid upstream "${upstream}"`);
    return this.serialized(async () => {
      const current = await this.listRoutes();
      if (current.get(host) === upstream) return this.persist(current);
      const verb = current.has(host) ? 'set' : 'add';
      const out = await this.command(`${verb} map ${this.mapFile} ${host} ${upstream}`);
      if (out.trim()) throw new Error(`edge refused route ${host} → ${upstream}: ${out.trim()}`);
      current.set(host, upstream);
      await this.persist(current);
    });
  }

  removeRoute(host: string): Promise<void> {
    checkHost(host);
    return this.serialized(async () => {
      const current = await this.listRoutes();
      if (current.has(host)) {
        await this.command(`del map ${this.mapFile} ${host}`);
        current.delete(host);
      }
      await this.persist(current);
    });
  }

  private async persist(routes: Map<string, string>): Promise<void> {
    const tmp = `${this.mapFile}.tmp-${process.pid}`;
    await writeFile(tmp, [...routes].map(([h, u]) => `${h} ${u}\n`).join(''));
    await rename(tmp, this.mapFile);
  }

  private serialized<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** One command per connection, as the admin socket expects in non-interactive mode. */
  command(cmd: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = connect(this.adminSocket);
      let out = '';
      socket.setTimeout(5000, () => socket.destroy(new Error('edge admin socket timed out')));
      socket.on('connect', () => socket.write(`${cmd}\n`));
      socket.on('data', (d) => (out += d));
      socket.on('error', reject);
      socket.on('close', () => resolve(out));
    });
  }
}

function checkHost(host: string): string {
  if (!HOST.test(host)) throw new Error(`invalid host "${host}"`);
  return host;
}
