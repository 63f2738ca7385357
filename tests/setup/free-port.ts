// A loopback port nothing listens on, so a suite's own service never collides with a running
// `npm start`, another engineer's test stack or a second suite.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tcpOpen } from '@paas/supervisor';

function ephemeralPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A free port whose neighbours at the given offsets are free too (services that open several). */
export async function freePort(alsoFree: number[] = []): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await ephemeralPort();
    if (port + Math.max(0, ...alsoFree) > 65_535) continue;
    const busy = await Promise.all(alsoFree.map((d) => tcpOpen('127.0.0.1', port + d, 200)));
    if (!busy.includes(true)) return port;
  }
  throw new Error('no free loopback port found for a test service');
}

/**
 * A free port, with its neighbours, below the kernel's ephemeral range: for a service that binds
 * several ports over many seconds (the embedded cluster's controller manager binds its port after
 * the API server is ready). An ephemeral port chosen for it could meanwhile be handed to another
 * suite's listen(0) or to an outgoing connection; a port below the range never is.
 */
export async function freePortBelowEphemeral(alsoFree: number[] = []): Promise<number> {
  const [ephemeralLow] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
  const low = 20_000;
  const span = ephemeralLow - low - Math.max(0, ...alsoFree) - 1;
  if (span <= 0) return freePort(alsoFree);
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = low + Math.floor(Math.random() * span);
    const busy = await Promise.all([0, ...alsoFree].map((d) => tcpOpen('127.0.0.1', port + d, 200)));
    if (!busy.includes(true)) return port;
  }
  throw new Error('no free loopback port found below the ephemeral range for a test service');
}
