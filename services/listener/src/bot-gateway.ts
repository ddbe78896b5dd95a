import { Client, Events, GatewayIntentBits, Options } from 'discord.js';
import { type Logger, maskProxyUrl, metrics } from '@mjq/common';
import { ProxyAgent } from 'undici';
import { toMessageEvent, type GatewayMessageEvent, type RawPacket } from './gateway-events.js';

export interface BotGatewayOptions {
  apiUrl: string;
  botToken: string;
  /** Channels where Midjourney runs for our accounts (read on every event: accounts change). */
  channelIds: () => ReadonlySet<string>;
  midjourneyId: string;
  /** DISCORD_PROXY unless NO_PROXY names Discord's host: for the bot's REST calls (see restAgent). */
  proxy?: string;
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
  const client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent],
    rest: { api: `${opts.apiUrl}/api`, ...restAgent(opts.proxy, opts.log) },
    makeCache: Options.cacheWithLimits({ ...Options.DefaultMakeCacheSettings, MessageManager: 0 }),
  });
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

/**
 * discord.js' REST runs on undici, whose ProxyAgent speaks to http(s) proxies only (CONNECT);
 * a socks5 proxy leaves the bot's few REST calls (GET /gateway/bot, login) direct, said once.
 * Its gateway WebSocket cannot take a proxy at all: @discordjs/ws 1.x opens `new WebSocket(url,
 * [], { handshakeTimeout })` with no agent and no option to pass one.
 */
function restAgent(proxy: string | undefined, log: Logger): { agent?: ProxyAgent } {
  if (!proxy) return {};
  log.warn({ via: maskProxyUrl(proxy) }, "the bot view's gateway WebSocket connects to Discord directly: discord.js gives it no proxy");
  if (proxy.startsWith('socks')) {
    log.warn({ via: maskProxyUrl(proxy) }, "the bot view's REST calls go direct: discord.js' REST takes http(s) proxies only");
    return {};
  }
  return { agent: new ProxyAgent(proxy) };
}
