import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Accounts, type SandboxUser, type UserSpec, type UserState } from './accounts.js';
import { InpaintEndpoint } from './activity/inpaint-endpoint.js';
import { AttachmentStore } from './cdn/attachment-store.js';
import { Cdn } from './cdn/cdn.js';
import { UploadEndpoint } from './cdn/upload-endpoint.js';
import { UrlSigner } from './cdn/url-signer.js';
import { DEFAULTS, type ConfigPatch, type RuntimeConfig, type SandboxOptions } from './config.js';
import { controlRoutes } from './control/control-api.js';
import { remixRoutes } from './control/remix-routes.js';
import { scenarioRoutes } from './control/scenario-routes.js';
import { FaultInjector } from './faults/fault-injector.js';
import { Fanout } from './gateway/fanout.js';
import { GatewayServer } from './gateway/gateway-server.js';
import { SessionRegistry } from './gateway/session-registry.js';
import { createRequestHandler } from './http/request-handler.js';
import { SnowflakeGenerator } from './ids.js';
import { MessageFeed } from './message-feed.js';
import { MessageStore } from './message-store.js';
import { MidjourneyBot } from './midjourney/bot.js';
import { JobGate } from './midjourney/job-gate.js';
import { attachmentRoutes } from './rest/attachment-routes.js';
import { commandRoutes } from './rest/command-routes.js';
import { discoveryRoutes } from './rest/discovery-routes.js';
import { interactionRoutes } from './rest/interaction-routes.js';
import { messageRoutes } from './rest/message-routes.js';
import { RateLimiter } from './rest/rate-limiter.js';
import { RestApi } from './rest/rest-api.js';
import { reactionRoutes } from './rest/reaction-routes.js';
import { Router } from './rest/router.js';
import { ScenarioControls, type SessionFilter } from './scenario-controls.js';
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
  /** The first user account's token (the driver). */
  userToken: string;
  botToken: string;
  guildId: string;
  channelId: string;
  /** The driver: the first user account. */
  userId: string;
  /** Every user account (Midjourney account) with its token, id, job slots and state. */
  readonly users: SandboxUser[];
  /** The listener bot. */
  botUserId: string;
  /** The Midjourney application. */
  applicationId: string;
  state: SandboxState;
  /** Runtime settings and `faults` (each fault key replaces that fault; `faults: null` turns all off). */
  configure(patch: ConfigPatch): void;
  /** Another Midjourney account: a guild member with its own sessions, READY and job slots. */
  addUser(spec: UserSpec): SandboxUser;
  /** Out of fast hours, blocked, captcha, job mode: Midjourney answers every job accordingly (§5.1). */
  setUserState(userId: string, patch: Partial<UserState>): SandboxUser;
  /** New command versions: stale clients get 400 50035 INVALID_VERSION (§5.2). */
  rotateCommandVersions(): Array<{ id: string; name: string; version: string }>;
  /** Closes every connected gateway socket (default 4000: resumable); returns how many. */
  disconnectAll(code?: number, filter?: SessionFilter): number;
  /** Op 7 to every connected session: reconnect and resume (§1.8); returns how many. */
  reconnectAll(filter?: SessionFilter): number;
  /** Silences every connected socket (and the next `newConnections` to open) without closing it; returns how many sessions. */
  stallAll(filter?: SessionFilter, newConnections?: number): number;
  /**
   * The remote port of every TCP connection accepted, in order: a test compares them with a
   * proxy's outgoing ports to prove that nothing reached "Discord" directly.
   */
  readonly peerPorts: readonly number[];
  /** Closes all sockets and the server; pending Midjourney jobs stop where they are. */
  stop(): Promise<void>;
}

/** Starts a fake Discord with a simulated Midjourney on one HTTP port (REST, gateway, CDN, control). */
export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const log = opts.log ?? (() => {});
  const host = opts.host ?? DEFAULTS.host;
  // Accounts first: a bad `users` option fails before a port is taken.
  const [first, ...others] = opts.users ?? [{ token: opts.userToken ?? DEFAULTS.userToken }];
  if (!first) throw new Error('users must name at least one account');
  const world = new World({ userToken: first.token, botToken: opts.botToken ?? DEFAULTS.botToken, userId: first.id, username: first.username });
  const accounts = new Accounts(world);
  accounts.configureFirst(first);
  for (const spec of others) accounts.add(spec);

  const server = createServer();
  const peerPorts: number[] = [];
  server.on('connection', (socket) => peerPorts.push(socket.remotePort ?? 0));
  const port = await listen(server, opts.port ?? DEFAULTS.port, host);
  const url = (opts.publicUrl ?? `http://${urlHostFor(host)}:${port}`).replace(/\/+$/, '');
  const gatewayUrl = url.replace(/^http/, 'ws');

  const initialConfig: RuntimeConfig = {
    speed: opts.speed ?? DEFAULTS.speed,
    responseDelayMs: DEFAULTS.responseDelayMs,
    interactionEventsToAllSessions: opts.interactionEventsToAllSessions ?? DEFAULTS.interactionEventsToAllSessions,
    heartbeatIntervalMs: opts.heartbeatIntervalMs ?? DEFAULTS.heartbeatIntervalMs,
    privilegedIntents: DEFAULTS.privilegedIntents,
    rateLimit: DEFAULTS.rateLimit,
    gridSize: DEFAULTS.gridSize,
  };
  let config = initialConfig;
  const faults = new FaultInjector(opts.faults ?? {}, () => config.rateLimit.limit);
  const ids = new SnowflakeGenerator();
  const signer = new UrlSigner();
  const sessions = new SessionRegistry();
  const messages = new MessageStore();
  const attachments = new AttachmentStore(url, ids, signer);
  const state = new SandboxState(messages, attachments, sessions, { users: () => accounts.list(), faults: () => faults.snapshot() });
  const feed = new MessageFeed(messages, new Fanout(sessions, faults, () => config.interactionEventsToAllSessions));
  const gate = new JobGate({ accounts, jobs: state.jobs, takeSilentJob: () => faults.takeSilentJob(), log });
  const bot = new MidjourneyBot({ feed, ids, attachments, speed: () => config.speed, responseDelayMs: () => config.responseDelayMs, gridSize: () => config.gridSize, log, concurrency: (id) => accounts.concurrency(id), gate, modals: state.modals });
  // /fast, /relax, /turbo and /info work on the same account states the job gate reads.
  bot.settings.accounts = {
    mode: (id) => accounts.state(id).mode,
    setMode: (id, mode) => void accounts.setState(id, { mode }),
    outOfFastHours: (id) => accounts.state(id).outOfFastHours,
  };
  const limiter = new RateLimiter(() => config.rateLimit);
  const router = new Router([
    ...discoveryRoutes(world, gatewayUrl),
    ...commandRoutes(world),
    ...messageRoutes({ world, messages, feed, ids, uploads: state.uploads, attachments }),
    ...attachmentRoutes({ world, uploads: state.uploads, attachments, baseUrl: url }),
    ...interactionRoutes({ world, state, feed, ids, bot, faults }),
    ...reactionRoutes({ world, messages, feed, ids, dmChannels: new Map() }),
  ]);
  const gateway = new GatewayServer({ world, sessions, config: () => config, gatewayUrl, log });
  const controls = new ScenarioControls({ world, accounts, sessions, faults });
  const configure = ({ faults: faultPatch, ...patch }: ConfigPatch): void => {
    config = { ...config, ...patch };
    if (faultPatch !== undefined) faults.configure(faultPatch);
  };
  const reset = (): void => {
    bot.cancelAll();
    state.clear();
    limiter.clear();
    config = initialConfig;
    faults.reset();
    accounts.resetStates();
    world.commandVersions.reset();
  };
  const control = new Map([...controlRoutes({ state, config: () => config, configure, reset }), ...scenarioRoutes(controls, () => accounts.list()), ...remixRoutes(bot.settings, () => world.driver.user.id)]);
  const rest = new RestApi(router, world, limiter, { fault: (route, now) => faults.restFault(route, now), log: state.requests });

  const inpaint = new InpaintEndpoint(bot.editors, (edit) => bot.submitRegion(edit));
  server.on('request', createRequestHandler({ rest, cdn: new Cdn(attachments, signer, faults), uploads: new UploadEndpoint(state.uploads), inpaint, control, log }));
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
    get users() {
      return accounts.list();
    },
    state,
    configure,
    addUser: (spec) => controls.addUser(spec),
    setUserState: (userId, patch) => controls.setUserState(userId, patch),
    rotateCommandVersions: () => controls.rotateCommandVersions(),
    disconnectAll: (code, filter) => controls.disconnectAll(code, filter),
    reconnectAll: (filter) => controls.reconnectAll(filter),
    stallAll: (filter, newConnections) => controls.stallAll(filter, newConnections),
    peerPorts,
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
