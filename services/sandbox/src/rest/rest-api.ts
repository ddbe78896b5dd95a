import type { IncomingMessage } from 'node:http';
import { tooManyRequests } from '../faults/rest-fault-replies.js';
import { INVALID_JSON, parseJsonBody, type Reply } from '../http/http-io.js';
import type { RateLimitBan, RequestLog } from '../measurements/request-log.js';
import type { Identity, World } from '../world.js';
import { errorReply, InvalidJson, methodNotAllowed, routeNotFound, unauthorized } from './errors.js';
import type { RateLimiter } from './rate-limiter.js';
import type { RestRoute, Router } from './router.js';

/** What the sandbox adds around Discord's own behaviour: fault injection and measurement. */
export interface RestHooks {
  /** An injected answer (edge 403, 429, 5xx) for `METHOD /route`, decided before the route runs. */
  fault?: (route: string, now: number) => Reply | undefined;
  /** Every request and its answer, and the 429s clients disregard. */
  log?: RequestLog;
}

interface Answer {
  reply: Reply;
  route?: RestRoute;
  identity?: Identity;
  /** Rate-limit bucket: route and major parameter (§2.3), as the limiter keys it. */
  bucket: string;
  /** The 429 still in force when the request came (a violation). */
  ban?: RateLimitBan;
  injected?: boolean;
}

/**
 * Discord REST under `/api/v9` and `/api/v10`, served identically (§2.1): route → auth → a 429
 * still in force → injected fault → rate limit → body → handler, with the bucket headers added to
 * whatever the handler answers. Every request is logged with its answer.
 */
export class RestApi {
  constructor(
    private readonly router: Router,
    private readonly world: World,
    private readonly limiter: RateLimiter,
    private readonly hooks: RestHooks = {},
  ) {}

  handle(req: IncomingMessage, path: string, query: URLSearchParams, rawBody: Buffer): Reply {
    const receivedAt = Date.now();
    const answer = this.answer(req, path, query, rawBody, receivedAt);
    const { reply, route, identity } = answer;
    this.hooks.log?.record(
      {
        receivedAt,
        method: req.method ?? 'GET',
        path,
        route: route ? `${route.method} ${route.path}` : null,
        token: identity?.token ?? req.headers.authorization ?? null,
        userId: identity?.user.id ?? null,
        status: reply.status,
        peerPort: req.socket.remotePort,
        ...(answer.injected ? { injected: true } : {}),
        ...(path === '/interactions' ? nonceOf(rawBody) : {}),
        ...this.hooks.log?.clientHeaders(req.headers),
      },
      answer.bucket,
      answer.ban,
      reply.body,
    );
    return reply;
  }

  private answer(req: IncomingMessage, path: string, query: URLSearchParams, rawBody: Buffer, now: number): Answer {
    const match = this.router.match(req.method ?? 'GET', path.replace(/\/+$/, '') || '/');
    if (match === 'not-found') return { reply: routeNotFound(), bucket: '' };
    if (match === 'method-not-allowed') return { reply: methodNotAllowed(), bucket: '' };
    const { route, params } = match;
    const body = parseJsonBody(rawBody);
    if (route.auth === 'none') return { reply: body === INVALID_JSON ? errorReply(InvalidJson) : route.handle({ params, query, body }), route, bucket: '' };

    // §2.1: the header name is case-insensitive (Node lower-cases it for us).
    const identity = this.world.identityFromAuthorization(req.headers.authorization);
    if (!identity || !allows(route, identity.kind)) return { reply: unauthorized(), route, bucket: '' };
    const routeName = `${route.method} ${route.path}`;
    const major = params.channelId ?? params.guildId ?? '';
    const bucket = `${routeName} ${major}`;
    // A client that did not wait out its 429 gets another one for the time left, as on Discord.
    const ban = this.hooks.log?.activeBan(identity.token, bucket, now);
    if (ban) {
      const reply = tooManyRequests({ retryAfterMs: ban.until - now, global: ban.global, route: routeName, limit: this.limiter.limit(), now });
      return { reply, route, identity, bucket, ban };
    }
    const injected = this.hooks.fault?.(routeName, now);
    if (injected) return { reply: injected, route, identity, bucket, injected: true };
    const decision = this.limiter.take(identity.token, routeName, major, now);
    if (!decision.allowed) return { reply: decision.reply, route, identity, bucket };
    const reply = body === INVALID_JSON ? errorReply(InvalidJson) : route.handle({ params, query, body, identity });
    return { reply: { ...reply, headers: { ...decision.headers, ...reply.headers } }, route, identity, bucket };
  }
}

function allows(route: RestRoute, kind: 'user' | 'bot'): boolean {
  return route.auth === 'any' || route.auth === kind;
}

function nonceOf(rawBody: Buffer): { nonce?: string } {
  const body = parseJsonBody(rawBody) as { nonce?: unknown } | undefined;
  return typeof body === 'object' && body !== null && typeof body.nonce === 'string' ? { nonce: body.nonce } : {};
}
