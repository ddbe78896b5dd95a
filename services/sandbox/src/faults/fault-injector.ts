import type { Reply } from '../http/http-io.js';
import { Dice, randomSeed } from './dice.js';
import type { CdnFault, FaultPatch, FaultSettings } from './fault-settings.js';
import { edgeBlocked, serverError, tooManyRequests } from './rest-fault-replies.js';

const INTERACTIONS_ROUTE = 'POST /interactions';
const DEFAULT_RETRY_AFTER_MS = 1_000;
/** §4.7: a progress edit shows `(31%)`; results and describe/shorten edits never do. */
const PROGRESS = /\(\d{1,3}%\)/;

/** The faults in force, with the seed in use and the silent jobs still to drop. */
export interface FaultSnapshot extends FaultSettings {
  seed: number;
  /** Downloads `cdn.hold` is holding now (absent: none). */
  cdnHeld?: number;
}

/**
 * Decides, per request, job and dispatch, whether a configured fault fires. Decisions come from
 * seeded dice — one stream for REST, one for the gateway, so gateway traffic does not shift which
 * requests fail — and the settings can change at any time (`configure({faults})`,
 * `POST /_sandbox/faults`).
 */
export class FaultInjector {
  private settings: FaultSettings = {};
  private seed = 0;
  private restDice = new Dice(0);
  private gatewayDice = new Dice(0);
  private silentLeft = 0;
  /** Downloads held by `cdn.hold`, answered when a change lifts it. */
  private heldDownloads: (() => void)[] = [];

  constructor(
    private readonly initial: FaultSettings,
    /** `X-RateLimit-Limit` for injected route 429s: the bucket size the real limiter uses. */
    private readonly bucketLimit: () => number,
  ) {
    this.reset();
  }

  /** Each key of the patch replaces that fault; `null` (or a `null` patch) turns faults off. */
  configure(patch: FaultPatch | null): void {
    if (patch === null) {
      this.settings = {};
      this.silentLeft = 0;
      this.releaseDownloads();
      return;
    }
    const next: Record<string, unknown> = { ...this.settings };
    for (const [key, value] of Object.entries(patch)) {
      if (value === null || value === undefined) delete next[key];
      else next[key] = value;
    }
    this.settings = next as FaultSettings;
    if (typeof patch.seed === 'number') this.reseed(patch.seed);
    if ('silentJobs' in patch) this.silentLeft = patch.silentJobs?.dropNextJobs ?? 0;
    this.releaseDownloads();
  }

  /** Back to the faults the sandbox started with (and their seed, or a fresh random one). */
  reset(): void {
    this.settings = { ...this.initial };
    this.silentLeft = this.initial.silentJobs?.dropNextJobs ?? 0;
    this.reseed(this.initial.seed ?? randomSeed());
    this.releaseDownloads();
  }

  snapshot(): FaultSnapshot {
    const { silentJobs: _armed, ...rest } = this.settings;
    const held = this.heldDownloads.length;
    return { ...rest, seed: this.seed, ...(this.silentLeft > 0 ? { silentJobs: { dropNextJobs: this.silentLeft } } : {}), ...(held ? { cdnHeld: held } : {}) };
  }

  /**
   * A fault answer for a REST request on `route` (`METHOD /template`), decided before the route
   * and the real limiter run — so a rejected interaction starts no job and uses no bucket.
   */
  restFault(route: string, now = Date.now()): Reply | undefined {
    const { rateLimit429: limited, serverError5xx: failing, edgeBlock: edge } = this.settings;
    const hits = (scope: { allRoutes?: boolean }) => scope.allRoutes === true || route === INTERACTIONS_ROUTE;
    // The edge answers before anything behind it: Discord's limiter or its servers.
    if (edge && hits(edge) && this.restDice.chance(edge.probability)) return edgeBlocked();
    if (limited && hits(limited) && this.restDice.chance(limited.probability)) {
      const share = limited.global === true ? 1 : typeof limited.global === 'number' ? limited.global : 0;
      const global = this.restDice.chance(share);
      return tooManyRequests({ retryAfterMs: limited.retryAfterMs ?? DEFAULT_RETRY_AFTER_MS, global, route, limit: this.bucketLimit(), now });
    }
    if (failing && hits(failing) && this.restDice.chance(failing.probability)) {
      return serverError(this.restDice.next() < 0.5 ? 502 : 503);
    }
    return undefined;
  }

  /**
   * For an interaction the sandbox accepted (its job will run): whether its HTTP answer is lost
   * anyway, and how (fault `acceptedThenFailed`).
   */
  lostAnswer(): 'none' | '5xx' | 'cut' {
    const fault = this.settings.acceptedThenFailed;
    if (!fault || !this.restDice.chance(fault.probability)) return 'none';
    const mode = fault.mode ?? 'either';
    if (mode !== 'either') return mode;
    return this.restDice.next() < 0.5 ? '5xx' : 'cut';
  }

  /** How CDN downloads are answered now (fault `cdn`); undefined: at once, as usual. */
  cdnFault(): CdnFault | undefined {
    return this.settings.cdn;
  }

  /** Resolves once no `cdn.hold` is in force: at once when none is. */
  async cdnGate(): Promise<void> {
    if (this.settings.cdn?.hold) await new Promise<void>((resolve) => this.heldDownloads.push(resolve));
  }

  private releaseDownloads(): void {
    if (!this.settings.cdn?.hold) for (const release of this.heldDownloads.splice(0)) release();
  }

  /** True when this job is to be dropped silently (fault `silentJobs.dropNextJobs`); counts down. */
  takeSilentJob(): boolean {
    if (this.silentLeft <= 0) return false;
    this.silentLeft -= 1;
    return true;
  }

  /**
   * How many times one session gets one dispatch: 0 (a dropped progress update), 1, or 2
   * (duplicated). Results, deletions and READY-type events are never dropped.
   */
  copies(t: string, d: unknown): number {
    if (t === 'MESSAGE_UPDATE' && isProgress(d) && this.gatewayDice.chance(this.settings.dropEvents)) return 0;
    return this.gatewayDice.chance(this.settings.duplicateEvents) ? 2 : 1;
  }

  private reseed(seed: number): void {
    this.seed = seed >>> 0;
    this.restDice = new Dice(this.seed);
    this.gatewayDice = new Dice(this.seed ^ 0x9e3779b9);
  }
}

function isProgress(d: unknown): boolean {
  const content = (d as { content?: unknown } | null)?.content;
  return typeof content === 'string' && PROGRESS.test(content);
}
