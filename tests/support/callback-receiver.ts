import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedCallback {
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
  /** The body as sent: what a Standard Webhooks signature covers. */
  raw: string;
  /** What the receiver answered. */
  status: number;
  /** Date.now() when the whole body had arrived (latency benchmarks, same clock as the stack in-process). */
  receivedAt: number;
}

/** A local HTTP receiver for callbacks; answers `status()` (200 by default). */
export class CallbackReceiver {
  /** Callbacks answered with 2xx. */
  readonly received: ReceivedCallback[] = [];
  /** Every request, whatever the answer. */
  readonly attempts: ReceivedCallback[] = [];
  status: () => number = () => 200;
  /** How long to wait before answering (a slow receiver). */
  delayMs = 0;
  /** When set, answers wait for it too (a receiver that answers only when the test says so). */
  hold: Promise<unknown> | undefined;
  private server: Server | undefined;
  url = '';

  async start(port = 0): Promise<this> {
    this.server = createServer((req, res) => {
      let data = '';
      req.on('data', (c) => (data += c));
      req.on('end', () => {
        const code = this.status();
        const callback = { headers: req.headers, body: JSON.parse(data) as Record<string, unknown>, raw: data, status: code, receivedAt: Date.now() };
        this.attempts.push(callback);
        if (code >= 200 && code < 300) this.received.push(callback);
        const answer = () => setTimeout(() => res.writeHead(code).end(), this.delayMs);
        if (this.hold) void this.hold.then(answer);
        else answer();
      });
    });
    await new Promise<void>((r) => this.server!.listen(port, '127.0.0.1', r));
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
    this.server?.closeAllConnections();
    return new Promise((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}
