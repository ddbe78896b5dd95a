import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedCallback {
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}

/** A local HTTP receiver for callbacks; answers `status()` (200 by default). */
export class CallbackReceiver {
  readonly received: ReceivedCallback[] = [];
  status: () => number = () => 200;
  private server: Server | undefined;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      let data = '';
      req.on('data', (c) => (data += c));
      req.on('end', () => {
        const code = this.status();
        if (code >= 200 && code < 300) this.received.push({ headers: req.headers, body: JSON.parse(data) as Record<string, unknown> });
        res.writeHead(code).end();
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/callback`;
    return this;
  }

  forTask(taskId: string): Record<string, unknown>[] {
    return this.received.map((r) => r.body).filter((b) => b.trigger_id === taskId);
  }

  async waitFor(predicate: () => boolean, timeoutMs = 15_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > until) throw new Error('timed out waiting for callbacks');
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  stop(): Promise<void> {
    return new Promise((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}
