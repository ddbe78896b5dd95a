/** Which REST routes a REST fault hits: `POST /interactions` only (default) or every authenticated route. */
export interface RouteScope {
  allRoutes?: boolean;
}

/** §2.3: 429s exactly as Discord sends them. */
export interface RateLimit429Fault extends RouteScope {
  /** Chance per request, 0–1. */
  probability: number;
  /** `true`: every injected 429 is global; a number: the share of them that is (0–1). */
  global?: boolean | number;
  /** `retry_after` of the injected 429s; default 1000 ms. */
  retryAfterMs?: number;
}

export interface ServerError5xxFault extends RouteScope {
  /** Chance per request, 0–1; the answer is 502 or 503 (even odds), with a JSON body. */
  probability: number;
}

/**
 * The interaction is accepted and its job runs, but the HTTP answer is lost: a 5xx or a cut
 * connection after Discord already acted. What a client must never answer with a blind resend.
 */
export interface AcceptedThenFailedFault {
  /** Chance per accepted `POST /interactions`, 0–1. */
  probability: number;
  /** How the answer is lost: a 502/503 (`"5xx"`), a closed connection (`"cut"`) or either (default). */
  mode?: '5xx' | 'cut' | 'either';
}

/**
 * Cloudflare in front of Discord refuses the request for how the client looks (§5.2): 403 with
 * the text body `error code: 1010`, before Discord's API sees it. Nothing runs, no bucket is used.
 */
export interface EdgeBlockFault extends RouteScope {
  /** Chance per request, 0–1. */
  probability: number;
}

export interface SilentJobsFault {
  /** The next n Midjourney jobs get their 204 and then nothing, ever. */
  dropNextJobs: number;
}

/**
 * Downloads from the CDN (attachment links) answered late, or not at all: what a client copying
 * results meets when Discord's CDN is slow, or a link has expired or was deleted.
 */
export interface CdnFault {
  /** Each download is answered this much later (ms). */
  delayMs?: number;
  /** Each download gets the CDN's 404 for a gone link (§6), after the delay. */
  gone?: boolean;
  /** Downloads wait, unanswered, until the fault is changed or reset (a test decides when they land). */
  hold?: boolean;
}

/** Every fault the sandbox can inject; absent = off. */
export interface FaultSettings {
  /** Seeds the fault dice (same seed, same sequence of decisions); default random. */
  seed?: number;
  rateLimit429?: RateLimit429Fault;
  serverError5xx?: ServerError5xxFault;
  silentJobs?: SilentJobsFault;
  acceptedThenFailed?: AcceptedThenFailedFault;
  edgeBlock?: EdgeBlockFault;
  /** Chance that a gateway dispatch (message and INTERACTION_* events) is sent twice. */
  duplicateEvents?: number;
  /** Chance that a progress MESSAGE_UPDATE (content with `(n%)`) is never sent; results never are. */
  dropEvents?: number;
  cdn?: CdnFault;
}

/** A change to the faults: each key set replaces that fault, `null` turns it off. */
export type FaultPatch = { [K in keyof FaultSettings]?: FaultSettings[K] | null };

const isProbability = (v: unknown): v is number => typeof v === 'number' && v >= 0 && v <= 1;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Validates a JSON fault patch (`POST /_sandbox/faults`); lists every problem at once. */
export function parseFaultPatch(body: unknown): { patch: FaultPatch } | { errors: string[] } {
  if (!isObject(body)) return { errors: ['body must be a JSON object'] };
  const errors: string[] = [];
  for (const [key, value] of Object.entries(body)) {
    const check = CHECKS[key as keyof FaultSettings] as ((v: unknown) => string | undefined) | undefined;
    if (!check) errors.push(`unknown fault ${key}`);
    else if (value !== null) {
      const problem = check(value);
      if (problem) errors.push(problem);
    }
  }
  return errors.length > 0 ? { errors } : { patch: body as FaultPatch };
}

const CHECKS: { [K in keyof FaultSettings]-?: (v: unknown) => string | undefined } = {
  seed: (v) => (Number.isInteger(v) ? undefined : 'seed must be an integer'),
  rateLimit429: (v) => {
    if (!isObject(v) || !isProbability(v.probability)) return 'rateLimit429.probability must be a number in 0..1';
    if (v.global !== undefined && typeof v.global !== 'boolean' && !isProbability(v.global)) return 'rateLimit429.global must be a boolean or a share in 0..1';
    if (v.retryAfterMs !== undefined && !(typeof v.retryAfterMs === 'number' && v.retryAfterMs > 0)) return 'rateLimit429.retryAfterMs must be a positive number';
    return scopeProblem('rateLimit429', v);
  },
  serverError5xx: (v) => (isObject(v) && isProbability(v.probability) ? scopeProblem('serverError5xx', v) : 'serverError5xx.probability must be a number in 0..1'),
  silentJobs: (v) =>
    isObject(v) && Number.isInteger(v.dropNextJobs) && (v.dropNextJobs as number) >= 0 ? undefined : 'silentJobs.dropNextJobs must be a non-negative integer',
  acceptedThenFailed: (v) => {
    if (!isObject(v) || !isProbability(v.probability)) return 'acceptedThenFailed.probability must be a number in 0..1';
    if (v.mode !== undefined && !['5xx', 'cut', 'either'].includes(v.mode as string)) return 'acceptedThenFailed.mode must be "5xx", "cut" or "either"';
    return undefined;
  },
  edgeBlock: (v) => (isObject(v) && isProbability(v.probability) ? scopeProblem('edgeBlock', v) : 'edgeBlock.probability must be a number in 0..1'),
  duplicateEvents: (v) => (isProbability(v) ? undefined : 'duplicateEvents must be a probability in 0..1'),
  dropEvents: (v) => (isProbability(v) ? undefined : 'dropEvents must be a probability in 0..1'),
  cdn: (v) => {
    if (!isObject(v)) return 'cdn must be an object {delayMs?, gone?, hold?}';
    if (v.hold !== undefined && typeof v.hold !== 'boolean') return 'cdn.hold must be a boolean';
    if (v.delayMs !== undefined && !(typeof v.delayMs === 'number' && v.delayMs >= 0 && v.delayMs <= 600_000)) return 'cdn.delayMs must be a number of ms in 0..600000';
    return v.gone === undefined || typeof v.gone === 'boolean' ? undefined : 'cdn.gone must be a boolean';
  },
};

function scopeProblem(name: string, v: Record<string, unknown>): string | undefined {
  return v.allRoutes === undefined || typeof v.allRoutes === 'boolean' ? undefined : `${name}.allRoutes must be a boolean`;
}
