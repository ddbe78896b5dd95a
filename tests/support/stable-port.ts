import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { freePort } from '@mjq/common';

/**
 * A free port below the kernel's ephemeral range, for a server the test kills and starts again on
 * the same port (an API replica behind nginx, a redis-server reloading its AOF). A port from
 * `freePort` lies in that range: while the server is down, any process's new outgoing connection
 * (every service reconnects to Redis then) may take it as its local port, and the restart fails
 * with EADDRINUSE for as long as that connection lives.
 */
export async function stablePort(host = '127.0.0.1'): Promise<number> {
  const ephemeralFrom = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]) || 32_768;
  const low = 10_000;
  for (let attempt = 0; attempt < 100 && ephemeralFrom - low > 1_000; attempt++) {
    const port = low + Math.floor(Math.random() * (ephemeralFrom - low));
    if (await canListen(port, host)) return port;
  }
  return freePort(host);
}

function canListen(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}
