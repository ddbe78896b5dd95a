import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { ForwardProxy } from '../../../tests/support/forward-proxy.js';
import { restDispatcher } from '../src/bot-rest-dispatcher.js';

/**
 * The bot view's REST dispatcher through a SOCKS5 proxy (undici has no SOCKS of its own): every
 * request is a tunnel of the proxy, https ones with TLS over it. The origin records the peer
 * port of each connection it accepted: one the proxy did not make came directly.
 */

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

interface Origin {
  url: string;
  peers: number[];
}

async function listen(server: Server, scheme: 'http' | 'https'): Promise<Origin> {
  const peers: number[] = [];
  server.on('connection', (socket) => peers.push(socket.remotePort ?? 0));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise((resolve) => server.close(() => resolve())));
  return { url: `${scheme}://localhost:${(server.address() as AddressInfo).port}`, peers };
}

const hello = () => createServer((_req, res) => res.end('hello'));

async function socksProxy(): Promise<ForwardProxy> {
  const proxy = await ForwardProxy.startSocks();
  closers.push(() => proxy.stop());
  return proxy;
}

function dispatcherFor(proxy: string) {
  const dispatcher = restDispatcher(proxy);
  closers.push(() => dispatcher.close());
  return dispatcher;
}

/** A throwaway self-signed certificate for `localhost` (openssl's CLI: Node makes none). */
function selfSigned(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'mjq-cert-'));
  try {
    const args = ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost'];
    const made = spawnSync('openssl', [...args, '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { encoding: 'utf8' });
    if (made.status !== 0) throw new Error(`openssl: ${made.stderr}`);
    return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const openssl = spawnSync('openssl', ['version']).status === 0;

describe('the bot REST dispatcher through socks5', () => {
  it('socks5h: the proxy resolves the name and makes the connection', async () => {
    const origin = await listen(hello(), 'http');
    const proxy = await socksProxy();
    const res = await request(`${origin.url}/api/v10/gateway/bot`, { dispatcher: dispatcherFor(proxy.url.replace('socks5:', 'socks5h:')) });
    expect(await res.body.text()).toBe('hello');
    expect(proxy.connections.map((c) => c.target)).toEqual([new URL(origin.url).host]);
    expect(origin.peers).toEqual([...proxy.upstreamPorts()]);
  });

  it('socks5: the name is resolved here, the proxy is given the address', async () => {
    const origin = await listen(hello(), 'http');
    const proxy = await socksProxy();
    const res = await request(origin.url, { dispatcher: dispatcherFor(proxy.url) });
    expect(await res.body.text()).toBe('hello');
    expect(proxy.connections.map((c) => c.target)).toEqual([`127.0.0.1:${new URL(origin.url).port}`]);
    expect(origin.peers).toEqual([...proxy.upstreamPorts()]);
  });

  it.skipIf(!openssl)('https: TLS runs over the tunnel, to the origin itself (its certificate is what the client judges)', async () => {
    const origin = await listen(createTlsServer(selfSigned(), (_req, res) => res.end('secret')), 'https');
    const proxy = await socksProxy();
    const failed = await request(origin.url, { dispatcher: dispatcherFor(proxy.url) }).then(
      () => undefined,
      (err: Error & { code?: string }) => err,
    );
    // Not trusted — a certificate this test made — which proves the handshake reached the origin through the proxy.
    expect(failed?.code).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
    expect(proxy.connections.map((c) => c.target)).toEqual([`127.0.0.1:${new URL(origin.url).port}`]);
    expect(origin.peers).toEqual([...proxy.upstreamPorts()]);
  });

  it('a proxy that is down fails the request (no direct fallback), naming the proxy without its password', async () => {
    const origin = await listen(hello(), 'http');
    const proxy = await socksProxy();
    const url = proxy.url.replace('socks5://', 'socks5://mjq:never-shown@');
    await proxy.stop();
    const failed = await request(origin.url, { dispatcher: dispatcherFor(url) }).then(
      () => undefined,
      (err: Error & { code?: string }) => err,
    );
    expect(failed?.code).toBe('ECONNREFUSED');
    expect(failed?.message).toContain(`through the proxy socks5://***@127.0.0.1:${proxy.port}`);
    // All of it, as a logger given the error would show it.
    expect(inspect(failed, { depth: null, showHidden: true })).not.toContain('never-shown');
    expect(origin.peers).toEqual([]);
  });
});
