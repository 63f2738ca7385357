// A TCP forwarder that makes a loopback-only service reachable at one other address of this host
// (never 0.0.0.0): for pods of the embedded cluster, which reach the host at their bridge's
// gateway address but not at 127.0.0.1.
import { createConnection, createServer, type AddressInfo, type Socket } from 'node:net';

export interface Forwarder {
  address: string;
  port: number;
  close(): Promise<void>;
}

export async function forwardTcp(bindAddress: string, target: { host: string; port: number }): Promise<Forwarder> {
  if (bindAddress === '0.0.0.0' || bindAddress === '::') throw new Error('a forwarder binds one address, not every interface');
  const sockets = new Set<Socket>();
  const server = createServer((inbound) => {
    const outbound = createConnection(target);
    for (const s of [inbound, outbound]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {
        inbound.destroy();
        outbound.destroy();
      });
    }
    inbound.pipe(outbound).pipe(inbound);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, bindAddress, () => resolve());
  });
  return {
    address: bindAddress,
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
