import type { Agent } from 'node:http';
import type { Agent as HttpsAgent } from 'node:https';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { SocksProxyAgent } from 'socks-proxy-agent';
import type { Config } from './config.js';
import { bypassesProxy } from './discord-proxy.js';

/** got's `agent` option, by target scheme (both take the proxy's one tunnelling agent). */
export interface GotAgents {
  http: Agent;
  https: HttpsAgent;
}

/**
 * agent-base's agents serve http and https requests alike (TLS is theirs to add once tunnelled)
 * but extend http.Agent: typed as what got expects for https.
 */
const forHttps = (agent: Agent): HttpsAgent => agent as HttpsAgent;

/** The agents of one proxy, built once and shared by every request through it. */
interface ProxyAgentSet {
  got: GotAgents;
  /** For WebSockets (ws:// and wss://). */
  tunnel: Agent;
}

/**
 * Every connection is a tunnel (CONNECT, or SOCKS), plain-HTTP targets included: an upgrade
 * cannot go absolute-form, and http-proxy-agent (7 and 9) writes got 14's request head twice
 * on Node 20, which the proxy answers 400.
 */
function buildAgents(proxy: string): ProxyAgentSet {
  const tunnel = proxy.startsWith('socks') ? new SocksProxyAgent(proxy) : new HttpsProxyAgent(proxy);
  return { got: { http: tunnel, https: forHttps(tunnel) }, tunnel };
}

/**
 * How mjq reaches Discord: through `proxy` unless NO_PROXY names the target, else directly.
 * Each proxy's agents are made once (they pool connections); callers ask per URL so that a
 * NO_PROXY host is always reached directly.
 */
export class ProxyRoutes {
  private readonly agents = new Map<string, ProxyAgentSet>();

  constructor(
    /** DISCORD_PROXY: the default for every connection to Discord. */
    private readonly globalProxy: string | undefined,
    private readonly noProxy: readonly string[] = [],
  ) {}

  static fromConfig(config: Config): ProxyRoutes {
    return new ProxyRoutes(config.discord.proxy, config.discord.noProxy);
  }

  /** The proxy a connection to `target` takes (an account's own first), or undefined for direct. */
  proxyFor(target: string | URL, accountProxy?: string): string | undefined {
    const proxy = accountProxy ?? this.globalProxy;
    if (!proxy || bypassesProxy(new URL(target), this.noProxy)) return undefined;
    return proxy;
  }

  /** got's `agent` option for a request to `target`; undefined means direct. */
  gotAgents(target: string | URL, accountProxy?: string): GotAgents | undefined {
    const proxy = this.proxyFor(target, accountProxy);
    return proxy ? this.set(proxy).got : undefined;
  }

  /** ws' `agent` option for a socket to `target` (ws:// or wss://); undefined means direct. */
  socketAgent(target: string | URL, accountProxy?: string): Agent | undefined {
    const proxy = this.proxyFor(target, accountProxy);
    return proxy ? this.set(proxy).tunnel : undefined;
  }

  /** Closes pooled connections to the proxies. */
  destroy(): void {
    for (const set of this.agents.values()) set.tunnel.destroy();
    this.agents.clear();
  }

  private set(proxy: string): ProxyAgentSet {
    let set = this.agents.get(proxy);
    if (!set) {
      set = buildAgents(proxy);
      this.agents.set(proxy, set);
    }
    return set;
  }
}

/** Direct connections everywhere: for tests and tools that never need a proxy. */
export const DIRECT = new ProxyRoutes(undefined);
