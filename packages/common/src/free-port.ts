import { createServer } from 'node:net';

/**
 * A port nothing listens on right now on `host`, for a server whose URL must be known before it
 * starts (the API's, which the listener writes into image URLs; a test's receiver).
 */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, host, () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}
