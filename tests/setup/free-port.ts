// A loopback port nothing listens on, so a suite's own service never collides with a running
// `npm start`, another engineer's test stack or a second suite.
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
