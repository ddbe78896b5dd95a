import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { GatewayConnection, type GatewayContext } from './connection.js';

const SUPPORTED_VERSIONS = new Set([9, 10]);
/** How long stop() lets clients acknowledge the close before cutting them off. */
const CLOSE_GRACE_MS = 500;

/**
 * The gateway WebSocket on the HTTP server's own port, at `/` (§1.2). The `compress` query is
 * ignored: frames are always JSON text, which discord.js and erictik both parse.
 */
export class GatewayServer {
  private readonly wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: 64 * 1024 });

  constructor(private readonly ctx: GatewayContext) {}

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'ws://sandbox');
    if (url.pathname !== '/') {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    const version = Number(url.searchParams.get('v') ?? '10');
    this.wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      // §1.9: 4012 is fatal for discord.js, like on Discord for an unknown API version.
      if (!SUPPORTED_VERSIONS.has(version)) return ws.close(4012, 'Invalid API version.');
      new GatewayConnection(ws, version, this.ctx);
    });
  }

  /** Closes every socket (1001 going away), then cuts off whoever did not answer in time. */
  async stop(): Promise<void> {
    const clients = [...this.wss.clients];
    await Promise.all(
      clients.map(
        (ws) =>
          new Promise<void>((resolve) => {
            const timer = setTimeout(() => {
              ws.terminate();
              resolve();
            }, CLOSE_GRACE_MS);
            ws.once('close', () => {
              clearTimeout(timer);
              resolve();
            });
            ws.close(1001, 'Sandbox stopping');
          }),
      ),
    );
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}
