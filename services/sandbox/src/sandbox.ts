import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AttachmentStore } from './cdn/attachment-store.js';
import { Cdn } from './cdn/cdn.js';
import { UrlSigner } from './cdn/url-signer.js';
import { DEFAULTS, type RuntimeConfig, type SandboxOptions } from './config.js';
import { controlRoutes } from './control/control-api.js';
import { Fanout } from './gateway/fanout.js';
import { GatewayServer } from './gateway/gateway-server.js';
import { SessionRegistry } from './gateway/session-registry.js';
import { createRequestHandler } from './http/request-handler.js';
import { SnowflakeGenerator } from './ids.js';
import { MessageFeed } from './message-feed.js';
import { MessageStore } from './message-store.js';
import { MidjourneyBot } from './midjourney/bot.js';
import { commandRoutes } from './rest/command-routes.js';
import { discoveryRoutes } from './rest/discovery-routes.js';
import { interactionRoutes } from './rest/interaction-routes.js';
import { messageRoutes } from './rest/message-routes.js';
import { RateLimiter } from './rest/rate-limiter.js';
import { RestApi } from './rest/rest-api.js';
import { Router } from './rest/router.js';
import { SandboxState } from './state.js';
import { MIDJOURNEY_APP_ID, World } from './world.js';

export interface Sandbox {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  url: string;
  /** `${url}/api`, for discord.js: `new Client({ rest: { api: apiBase } })`. */
  apiBase: string;
  /** `ws://127.0.0.1:<port>`. */
  gatewayUrl: string;
  port: number;
  userToken: string;
  botToken: string;
  guildId: string;
  channelId: string;
  /** The driver (user account). */
  userId: string;
  /** The listener bot. */
  botUserId: string;
  /** The Midjourney application. */
  applicationId: string;
  state: SandboxState;
  configure(patch: Partial<RuntimeConfig>): void;
  /** Closes all sockets and the server; pending Midjourney jobs stop where they are. */
  stop(): Promise<void>;
}

/** Starts a fake Discord with a simulated Midjourney on one HTTP port (REST, gateway, CDN, control). */
export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const log = opts.log ?? (() => {});
  const host = opts.host ?? DEFAULTS.host;
  const server = createServer();
  const port = await listen(server, opts.port ?? DEFAULTS.port, host);
  const url = (opts.publicUrl ?? `http://${urlHostFor(host)}:${port}`).replace(/\/+$/, '');
  const gatewayUrl = url.replace(/^http/, 'ws');

  const initialConfig: RuntimeConfig = {
    speed: opts.speed ?? DEFAULTS.speed,
    heartbeatIntervalMs: opts.heartbeatIntervalMs ?? DEFAULTS.heartbeatIntervalMs,
    privilegedIntents: DEFAULTS.privilegedIntents,
    rateLimit: DEFAULTS.rateLimit,
  };
  let config = initialConfig;
  const world = new World({ userToken: opts.userToken ?? DEFAULTS.userToken, botToken: opts.botToken ?? DEFAULTS.botToken });
  const ids = new SnowflakeGenerator();
  const signer = new UrlSigner();
  const sessions = new SessionRegistry();
  const messages = new MessageStore();
  const attachments = new AttachmentStore(url, ids, signer);
  const state = new SandboxState(messages, attachments, sessions);
  const feed = new MessageFeed(messages, new Fanout(sessions));
  const bot = new MidjourneyBot({ feed, ids, attachments, speed: () => config.speed, log });
  const limiter = new RateLimiter(() => config.rateLimit);
  const router = new Router([
    ...discoveryRoutes(world, gatewayUrl),
    ...commandRoutes(world),
    ...messageRoutes({ world, messages, feed, ids }),
    ...interactionRoutes({ world, state, feed, ids, bot }),
  ]);
  const gateway = new GatewayServer({ world, sessions, config: () => config, gatewayUrl, log });
  const configure = (patch: Partial<RuntimeConfig>): void => {
    config = { ...config, ...patch };
  };
  const reset = (): void => {
    bot.cancelAll();
    state.clear();
    limiter.clear();
    config = initialConfig;
  };
  const control = controlRoutes({ state, config: () => config, configure, reset });

  server.on('request', createRequestHandler({ rest: new RestApi(router, world, limiter), cdn: new Cdn(attachments, signer), control, log }));
  server.on('upgrade', (req, socket, head) => gateway.handleUpgrade(req, socket, head));
  log(`sandbox listening on ${url}`);

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      bot.cancelAll();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await gateway.stop();
      server.closeAllConnections();
      await closed;
      log('sandbox stopped');
    })();
    return stopping;
  };

  return {
    url,
    apiBase: `${url}/api`,
    gatewayUrl,
    port,
    userToken: world.driver.token,
    botToken: world.listener.token,
    guildId: world.guildId,
    channelId: world.channelId,
    userId: world.driver.user.id,
    botUserId: world.listener.user.id,
    applicationId: MIDJOURNEY_APP_ID,
    state,
    configure,
    stop,
  };
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** A wildcard listen address is not something a client can dial; IPv6 literals need brackets. */
function urlHostFor(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}
