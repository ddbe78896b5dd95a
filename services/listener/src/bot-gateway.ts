import { Client, type ClientOptions, Events, GatewayIntentBits, Options, SimpleShardingStrategy, type WebSocketOptions } from 'discord.js';
import { DIRECT, type Logger, maskProxyUrl, metrics, type ProxyRoutes } from '@mjq/common';
import type { Dispatcher } from 'undici';
import { restDispatcher } from './bot-rest-dispatcher.js';
import { toMessageEvent, type GatewayMessageEvent, type RawPacket } from './gateway-events.js';

export interface BotGatewayOptions {
  apiUrl: string;
  botToken: string;
  /** Channels where Midjourney runs for our accounts (read on every event: accounts change). */
  channelIds: () => ReadonlySet<string>;
  midjourneyId: string;
  /** How connections to Discord leave (DISCORD_PROXY, NO_PROXY): REST and gateway alike. Direct when absent. */
  routes?: ProxyRoutes;
  log: Logger;
  onEvent: (event: GatewayMessageEvent) => void;
  readyTimeoutMs?: number;
}

/**
 * The bot view (design.md): discord.js with GUILDS | GUILD_MESSAGES | MESSAGE_CONTENT. We read the
 * raw dispatch packets rather than discord.js' message objects: the parser takes Discord's wire
 * format (the same the account view receives), and updates of messages that are not in the cache
 * (a listener started mid-job) are not lost.
 */
export async function connectBotGateway(opts: BotGatewayOptions): Promise<Client> {
  const routes = opts.routes ?? DIRECT;
  const restProxy = routes.proxyFor(opts.apiUrl);
  if (restProxy) opts.log.info({ via: maskProxyUrl(restProxy) }, "the bot view's REST and gateway go through the proxy");
  const dispatcher = restProxy ? restDispatcher(restProxy) : undefined;
  const client = new BotClient(
    {
      intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent],
      // discord.js' REST: `agent` is the undici Dispatcher every call is made with.
      rest: { api: `${opts.apiUrl}/api`, ...(dispatcher && { agent: dispatcher }) },
      ws: { buildStrategy: (manager) => proxiedStrategy(manager, routes) },
      makeCache: Options.cacheWithLimits({ ...Options.DefaultMakeCacheSettings, MessageManager: 0 }),
    },
    dispatcher,
  );
  client.on(Events.Raw, (packet: RawPacket) => {
    const event = toMessageEvent(packet, opts.channelIds(), opts.midjourneyId);
    if (event) opts.onEvent(event);
  });
  client.on(Events.Error, (err) => opts.log.error({ err: err.message }, 'discord client error'));
  client.on(Events.ShardDisconnect, (_e, shard) => opts.log.warn({ shard }, 'gateway disconnected'));
  client.on(Events.ShardResume, (shard, replayed) => {
    metrics.gatewayResumes.inc({ view: 'bot' });
    opts.log.info({ shard, replayed }, 'gateway resumed');
  });
  // discord.js decides by itself whether it resumes; the resumes above say how often it could.
  client.on(Events.ShardReconnecting, () => metrics.gatewayReconnects.inc({ view: 'bot', resume: 'unknown' }));

  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('Discord gateway not ready in time')), opts.readyTimeoutMs ?? 30_000);
    client.once(Events.ClientReady, () => {
      clearTimeout(timer);
      resolve();
    });
  });
  try {
    await client.login(opts.botToken);
    await ready;
  } catch (err) {
    await client.destroy();
    throw err;
  }
  opts.log.info({ user: client.user?.tag }, 'bot gateway ready');
  return client;
}

/** @discordjs/ws' WebSocketManager (discord.js exports its own class of that name). */
type ShardManager = Parameters<NonNullable<WebSocketOptions['buildStrategy']>>[0];

/** A discord.js Client that closes its REST's dispatcher (a proxy's pooled connections) with it. */
class BotClient extends Client {
  constructor(
    options: ClientOptions,
    private readonly dispatcher: Dispatcher | undefined,
  ) {
    super(options);
  }

  override async destroy(): Promise<void> {
    await super.destroy();
    await this.dispatcher?.close();
  }
}

/**
 * discord.js' default sharding, with each shard's WebSocket given the proxy's tunnelling agent
 * (the account view's, from the same ProxyRoutes) unless NO_PROXY names the gateway's host.
 * @discordjs/ws 1.x opens `new WebSocket(url, [], { handshakeTimeout })` with no way to add an
 * agent, and discord.js passes on only `buildStrategy` of its `ws` options: our patch of it
 * (patches/, pnpm-workspace.yaml) spreads `webSocketClientOptions(url)` into those options, and
 * the strategy's shards read them from the manager's options, which are set here before any spawn.
 */
function proxiedStrategy(manager: ShardManager, routes: ProxyRoutes): SimpleShardingStrategy {
  manager.options.webSocketClientOptions = (url) => {
    const agent = routes.socketAgent(url);
    return agent ? { agent } : undefined;
  };
  return new SimpleShardingStrategy(manager);
}
