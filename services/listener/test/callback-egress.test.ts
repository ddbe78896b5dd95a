import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CallbackEgress, isForbiddenTarget } from '../src/callback-egress.js';

let servers: Server[] = [];
afterEach(async () => {
  for (const s of servers) s.closeAllConnections();
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  servers = [];
});

/** A receiver on loopback answering with `handle`; what it was sent is recorded. */
async function receiver(handle: (req: IncomingMessage, res: ServerResponse, body: string) => void) {
  const seen: { headers: IncomingMessage['headers']; body: string }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ headers: req.headers, body });
      handle(req, res, body);
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/cb`, seen };
}

const loopback = () => new CallbackEgress({ allowHosts: ['127.0.0.1'] });

describe('CallbackEgress', () => {
  it('POSTs the body as JSON with the given headers and resolves with the status, 5xx included', async () => {
    let status = 204;
    const r = await receiver((_req, res) => res.writeHead(status).end());
    const egress = loopback();
    expect(await egress.post(r.url, '{"a":1}', { 'webhook-id': 'w-1' })).toBe(204);
    status = 503;
    expect(await egress.post(r.url, '{"a":2}', {})).toBe(503);
    expect(r.seen[0]).toMatchObject({ body: '{"a":1}', headers: { 'content-type': 'application/json', 'webhook-id': 'w-1', 'content-length': '7', 'user-agent': 'mjq-callbacks' } });
    egress.close();
  });

  it('keeps the connection to a receiver between callbacks, and opens another once the receiver closed it', async () => {
    const r = await receiver((_req, res) => res.writeHead(200).end());
    const server = servers.at(-1)!;
    const sockets: import('node:net').Socket[] = [];
    server.on('connection', (socket) => sockets.push(socket));
    const egress = loopback();
    expect(await egress.post(r.url, '{"n":1}', {})).toBe(200);
    expect(await egress.post(r.url, '{"n":2}', {})).toBe(200);
    expect(sockets).toHaveLength(1);
    // The receiver drops the idle connection (its keep-alive timeout): the next callback still goes.
    const closed = new Promise((resolve) => sockets[0]!.once('close', resolve));
    sockets[0]!.destroy();
    await closed;
    expect(await egress.post(r.url, '{"n":3}', {})).toBe(200);
    expect(sockets).toHaveLength(2);
    expect(r.seen.map((s) => s.body)).toEqual(['{"n":1}', '{"n":2}', '{"n":3}']);
    egress.close();
  });

  it('does not follow a redirect: the 3xx is the answer', async () => {
    const inner = await receiver((_req, res) => res.writeHead(200).end());
    const r = await receiver((_req, res) => res.writeHead(307, { location: inner.url }).end());
    const egress = loopback();
    expect(await egress.post(r.url, '{}', {})).toBe(307);
    expect(inner.seen).toHaveLength(0);
    egress.close();
  });

  it('reads an endless answer only up to its cap', async () => {
    const chunk = Buffer.alloc(16 * 1024, 'x');
    const r = await receiver((_req, res) => {
      res.writeHead(200);
      const pump = () => {
        while (res.write(chunk));
        if (!res.destroyed) res.once('drain', pump);
      };
      pump();
    });
    const egress = loopback();
    expect(await egress.post(r.url, '{}', {})).toBe(200);
    egress.close();
  });

  it('gives up on a receiver that never answers', async () => {
    const r = await receiver(() => undefined);
    const egress = new CallbackEgress({ allowHosts: ['127.0.0.1'], timeouts: { idleMs: 200, requestMs: 5_000 } });
    await expect(egress.post(r.url, '{}', {})).rejects.toThrow(/idle for 200 ms/);
    const slow = new CallbackEgress({ allowHosts: ['127.0.0.1'], timeouts: { idleMs: 5_000, requestMs: 300 } });
    await expect(slow.post(r.url, '{}', {})).rejects.toThrow(/took over 300 ms/);
    egress.close();
    slow.close();
  });

  it('refuses a private address unless it is allowed, also behind a name resolved at send time', async () => {
    const r = await receiver((_req, res) => res.writeHead(200).end());
    const port = new URL(r.url).port;
    const guarded = new CallbackEgress({ allowHosts: [] });
    const refused = await guarded.post(r.url, '{}', {}).catch((err: unknown) => err);
    expect(isForbiddenTarget(refused)).toBe(true);
    // A public-looking name that resolves to loopback now.
    const toLoopback = ((_host: string, options: unknown, cb: (err: null, address: string, family: number) => void) =>
      typeof options === 'object' && (options as { all?: boolean }).all
        ? (cb as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address: '127.0.0.1', family: 4 }])
        : cb(null, '127.0.0.1', 4)) as never;
    const renamed = new CallbackEgress({ allowHosts: [], dnsLookup: toLoopback });
    expect(isForbiddenTarget(await renamed.post(`http://hooks.example.com:${port}/cb`, '{}', {}).catch((err: unknown) => err))).toBe(true);
    const named = new CallbackEgress({ allowHosts: ['hooks.example.com'], dnsLookup: toLoopback });
    expect(await named.post(`http://hooks.example.com:${port}/cb`, '{}', {})).toBe(200);
    expect(r.seen).toHaveLength(1);
    for (const e of [guarded, renamed, named]) e.close();
  });
});
