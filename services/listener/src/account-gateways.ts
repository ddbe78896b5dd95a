import {
  DEFAULT_BROWSER_IDENTITY,
  mergeBrowserIdentity,
  type Account,
  type AccountRegistry,
  type BrowserIdentity,
  findSeedRequest,
  keepSeed,
  type GatewayHandoffs,
  type Logger,
  type Task,
  type ProxyRoutes,
  type TaskEventPublisher,
  type TaskStore,
} from '@mjq/common';
import { failureLogFields, parseSeedMessage } from '@mjq/discord';
import { toMessageEvent, type GatewayMessageEvent } from './gateway-events.js';
import { LinkCache } from './link-cache.js';
import { onModalOpened } from './modal-opened.js';
import type { SessionPublisher } from './session-publisher.js';
import { UserGateway } from './user-gateway.js';

export interface AccountGatewaysDeps {
  registry: AccountRegistry;
  store: TaskStore;
  /** The pipeline's publisher: a modal's callback is ordered with the task's others. */
  events: TaskEventPublisher;
  apiUrl: string;
  midjourneyId: string;
  log: Logger;
  onEvent: (event: GatewayMessageEvent) => void;
  /** How often the account list is re-read (accounts are added/disabled at runtime). */
  syncMs: number;
  /** Tells of account changes as they happen (change-feed.ts): a sync then follows at once, not at the next period. */
  onAccountsChanged?: (listener: () => void) => void;
  /** The global browser identity (config); each account's own `browser` goes over it. Default Chrome on Windows. */
  browser?: BrowserIdentity;
  /** The way out to Discord (DISCORD_PROXY, NO_PROXY); each account's own `proxy` goes over it. */
  routes?: ProxyRoutes;
  /** Publishes each account's live session id for the dispatchers (interactions name it). */
  sessions: SessionPublisher;
  /** Sessions handed over between listener processes: taken when a gateway opens, left on a graceful stop. */
  handoffs?: GatewayHandoffs;
  /** Submits a Remix modal the client will never answer (tasks of the proxy API, `autoModal`). */
  submitModal?: (task: Task, prompt: string) => Promise<void>;
  /** The message pipeline's links: a nonce or interaction looked up or written by either is known to both. */
  links?: LinkCache;
}

interface Session {
  token: string;
  channelId: string;
  proxy?: string;
  gateway: UserGateway;
}

/**
 * The account view: one user-gateway session per enabled account. Only there do the ephemeral
 * Midjourney replies (most errors) and the INTERACTION_* events arrive (design.md).
 */
export class AccountGateways {
  private readonly sessions = new Map<string, Session>();
  /** INTERACTION_CREATE and INTERACTION_SUCCESS name the same interaction: linked once (with the pipeline's links). */
  private readonly links: LinkCache;
  private channels = new Set<string>();
  /** Enabled accounts with a token as of the last sync: each should have a live session. */
  private wantedCount = 0;
  private timer: NodeJS.Timeout | undefined;
  private syncing: Promise<void> = Promise.resolve();
  private resyncQueued = false;

  constructor(private readonly deps: AccountGatewaysDeps) {
    this.links = deps.links ?? new LinkCache(2_000);
  }

  async start(): Promise<void> {
    await this.sync();
    this.timer = setInterval(() => this.resync(), this.deps.syncMs);
    this.deps.onAccountsChanged?.(() => this.resync());
  }

  /** Syncs again once any sync under way is done (two at once could open an account twice); one queued is enough. */
  private resync(): void {
    if (!this.timer || this.resyncQueued) return;
    this.resyncQueued = true;
    this.syncing = this.syncing
      .then(() => {
        this.resyncQueued = false;
        return this.sync();
      })
      .catch((err: unknown) => this.deps.log.warn({ err }, 'account sync failed'));
  }

  /**
   * Closes every session. `handOff` (a graceful stop): each stays resumable and is recorded for
   * the next listener to RESUME, so Midjourney's messages meanwhile are not lost.
   */
  async stop(options: { handOff?: boolean } = {}): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.syncing;
    const handOffs = options.handOff ? this.deps.handoffs : undefined;
    for (const [accountId, session] of this.sessions) {
      const state = session.gateway.stop({ handOff: Boolean(handOffs) });
      if (state && handOffs) await handOffs.put(accountId, state).catch((err: unknown) => this.deps.log.warn({ err, accountId }, 'could not hand the gateway session over'));
    }
    this.sessions.clear();
    await this.deps.sessions.stop();
  }

  /** Every enabled account has a live gateway session (readiness). */
  allLive(): boolean {
    return this.sessions.size === this.wantedCount && [...this.sessions.values()].every((s) => s.gateway.live);
  }

  /** Channels of every enabled account, as of the last sync. */
  channelIds(): ReadonlySet<string> {
    return this.channels;
  }

  /** Starts sessions for new accounts and stops those of disabled, removed, re-tokened or re-proxied ones. */
  async sync(): Promise<void> {
    const wanted = new Map<string, { account: Account; token: string }>();
    for (const account of await this.deps.registry.list()) {
      const token = account.enabled ? await this.deps.registry.token(account.id) : undefined;
      if (token) wanted.set(account.id, { account, token });
    }
    this.channels = new Set([...wanted.values()].map((w) => w.account.channelId));
    this.wantedCount = wanted.size;
    for (const [id, session] of this.sessions) {
      const want = wanted.get(id);
      if (want && want.token === session.token && want.account.channelId === session.channelId && want.account.proxy === session.proxy) continue;
      session.gateway.stop();
      this.sessions.delete(id);
    }
    for (const [id, { account, token }] of wanted) {
      if (!this.sessions.has(id)) await this.open(account, token);
    }
  }

  private async open(account: Account, token: string): Promise<void> {
    const { log, registry, apiUrl, midjourneyId, onEvent } = this.deps;
    const resumeFrom = await this.deps.handoffs?.take(account.id).catch(() => undefined);
    if (resumeFrom) log.info({ accountId: account.id }, 'resuming a gateway session handed over by a stopped listener');
    const gateway = new UserGateway({
      resumeFrom,
      apiUrl,
      token,
      browser: mergeBrowserIdentity(this.deps.browser ?? DEFAULT_BROWSER_IDENTITY, account.browser),
      routes: this.deps.routes,
      proxy: account.proxy,
      log: log.child({ accountId: account.id }),
      onDispatch: (event, data) => {
        const message = toMessageEvent({ t: event, d: data }, new Set([account.channelId]), midjourneyId);
        if (message) return onEvent(message);
        if (event === 'MESSAGE_CREATE') void this.seedAnswered(data);
        if (event === 'INTERACTION_SUCCESS' || event === 'INTERACTION_CREATE') void this.linkInteraction(data);
        else if (event === 'INTERACTION_MODAL_CREATE' || event === 'INTERACTION_IFRAME_MODAL_CREATE') void this.modalOpened(account.id, data);
      },
      onSession: (sessionId) => this.deps.sessions.set(account.id, sessionId),
      onFatal: (reason) => {
        log.error({ accountId: account.id, reason }, 'account gateway refused: disabling the account');
        this.sessions.delete(account.id);
        void registry.disable(account.id, reason);
      },
    });
    this.sessions.set(account.id, { token, channelId: account.channelId, proxy: account.proxy, gateway });
    try {
      await gateway.start();
    } catch (err) {
      // Discord unreachable right now: drop the session, the next sync tries again.
      gateway.stop();
      this.sessions.delete(account.id);
      log.warn({ accountId: account.id, ...failureLogFields(err) }, 'could not open the account gateway');
    }
  }

  /**
   * INTERACTION_CREATE / INTERACTION_SUCCESS {id, nonce}: the bridge from our nonce to Discord's
   * interaction id (§1.10), linked to the task (the job's result carries that id and no nonce;
   * the task records it with the job's first message, plan-update.ts), and
   * the evidence that the interaction reached Discord: a send whose answer was lost is then not
   * sent again. (A modal opening follows these events, and moves its task on by itself.)
   */
  private async linkInteraction(data: unknown): Promise<void> {
    const { id, nonce } = (data ?? {}) as { id?: string; nonce?: string | number };
    if (!id || nonce === undefined) return;
    const { store, log } = this.deps;
    try {
      const taskId = await this.links.find('nonce', String(nonce), (n) => store.findByNonce(n));
      if (!taskId) return;
      // Each written once per process, whichever of the two events (or the job's first message) came first.
      const writes: Promise<void>[] = [];
      if (this.links.remember('interaction', id, taskId)) writes.push(store.linkInteraction(id, taskId));
      if (this.links.remember('landed', String(nonce), taskId)) writes.push(store.markLanded(String(nonce)));
      await Promise.all(writes);
    } catch (err) {
      // Written again at the next sighting.
      this.links.forget('interaction', id);
      this.links.forget('landed', String(nonce));
      log.warn({ err, interactionId: id }, 'could not link an interaction to its task');
    }
  }

  /** Midjourney's DM answering a ✉️ (§2.4): the seed goes on the task that asked for it. */
  private async seedAnswered(data: unknown): Promise<void> {
    const d = (data ?? {}) as { guild_id?: string; author?: { id?: string }; content?: string };
    if (d.guild_id || d.author?.id !== this.deps.midjourneyId) return;
    const answer = parseSeedMessage(d.content ?? '');
    if (!answer) return;
    const { store, log } = this.deps;
    try {
      const taskId = await findSeedRequest(store, answer.jobId);
      if (taskId) await keepSeed(store, taskId, answer.seed);
      log.info({ taskId, jobId: answer.jobId }, taskId ? 'seed received' : 'seed of no task of ours');
    } catch (err) {
      log.warn({ err, jobId: answer.jobId }, 'could not record a seed');
    }
  }

  private async modalOpened(accountId: string, data: unknown): Promise<void> {
    const { store, events, registry, log, submitModal } = this.deps;
    try {
      await onModalOpened({ store, events, registry, log, submitModal }, data, accountId);
    } catch (err) {
      log.error({ err, accountId }, 'failed to record a modal');
    }
  }
}
