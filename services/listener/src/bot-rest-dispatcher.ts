import { lookup } from 'node:dns/promises';
import type { Socket } from 'node:net';
import { maskProxyUrl } from '@mjq/common';
import { SocksClient } from 'socks';
import { Agent, buildConnector, ProxyAgent, type Dispatcher } from 'undici';

/**
 * discord.js' REST runs on undici, which takes a Dispatcher rather than the http.Agents the rest
 * of mjq proxies with (ProxyRoutes). An http(s) proxy: undici's own ProxyAgent (a CONNECT tunnel
 * per origin). A socks5 proxy: an undici Agent whose connections are SOCKS5 tunnels, TLS added on
 * top by undici's connector as for any https origin.
 */
export function restDispatcher(proxy: string): Dispatcher {
  return proxy.startsWith('socks') ? socksDispatcher(new URL(proxy)) : new ProxyAgent(proxy);
}

/** As undici's own connect timeout (10 s): a custom connect has none unless it sets one. */
const CONNECT_TIMEOUT_MS = 10_000;

function socksDispatcher(proxy: URL): Agent {
  const withTls = buildConnector({ timeout: CONNECT_TIMEOUT_MS });
  return new Agent({
    connect: (opts, callback) => {
      const port = Number(opts.port) || (opts.protocol === 'https:' ? 443 : 80);
      socksTunnel(proxy, opts.hostname, port).then(
        (socket) => (opts.protocol === 'https:' ? withTls({ ...opts, httpSocket: socket }, callback) : callback(null, socket)),
        (err: Error) => callback(err, null),
      );
    },
  });
}

/**
 * A connection to `host:port` through the SOCKS5 proxy. `socks5h://` has the proxy resolve the
 * name; `socks5://` resolves it here, as socks-proxy-agent (the account view's) does.
 */
async function socksTunnel(proxy: URL, host: string, port: number): Promise<Socket> {
  const target = host.replace(/^\[|\]$/g, '');
  const destination = proxy.protocol === 'socks5h:' ? target : (await lookup(target)).address;
  try {
    const { socket } = await SocksClient.createConnection({
      proxy: {
        host: proxy.hostname.replace(/^\[|\]$/g, ''),
        port: Number(proxy.port) || 1080,
        type: 5,
        userId: proxy.username ? decodeURIComponent(proxy.username) : undefined,
        password: proxy.password ? decodeURIComponent(proxy.password) : undefined,
      },
      command: 'connect',
      destination: { host: destination, port },
      timeout: CONNECT_TIMEOUT_MS,
    });
    return socket;
  } catch (err) {
    throw tunnelError(err as Error, proxy);
  }
}

/**
 * socks' errors carry the options they were made with, the proxy's password among them: what
 * goes on is a plain error naming the proxy masked, with the system error code when there is one.
 */
function tunnelError(err: Error, proxy: URL): Error & { code?: string } {
  const code = /\b(E[A-Z]{3,})\b/.exec(err.message)?.[1];
  return Object.assign(new Error(`through the proxy ${maskProxyUrl(proxy.href)}: ${err.message}`), code ? { code } : {});
}
