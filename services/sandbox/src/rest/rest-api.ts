import type { IncomingMessage } from 'node:http';
import { INVALID_JSON, parseJsonBody, type Reply } from '../http/http-io.js';
import type { World } from '../world.js';
import { errorReply, InvalidJson, methodNotAllowed, routeNotFound, unauthorized } from './errors.js';
import type { RateLimiter } from './rate-limiter.js';
import type { RestRoute, Router } from './router.js';

/**
 * Discord REST under `/api/v9` and `/api/v10`, served identically (§2.1): route → auth → rate
 * limit → body → handler, with the bucket headers added to whatever the handler answers.
 */
export class RestApi {
  constructor(
    private readonly router: Router,
    private readonly world: World,
    private readonly limiter: RateLimiter,
  ) {}

  handle(req: IncomingMessage, path: string, query: URLSearchParams, rawBody: Buffer): Reply {
    const match = this.router.match(req.method ?? 'GET', path.replace(/\/+$/, '') || '/');
    if (match === 'not-found') return routeNotFound();
    if (match === 'method-not-allowed') return methodNotAllowed();
    const { route, params } = match;
    const body = parseJsonBody(rawBody);
    if (route.auth === 'none') return body === INVALID_JSON ? errorReply(InvalidJson) : route.handle({ params, query, body });

    // §2.1: the header name is case-insensitive (Node lower-cases it for us).
    const identity = this.world.identityFromAuthorization(req.headers.authorization);
    if (!identity || !allows(route, identity.kind)) return unauthorized();
    const decision = this.limiter.take(identity.token, `${route.method} ${route.path}`, params.channelId ?? params.guildId ?? '');
    if (!decision.allowed) return decision.reply;
    const reply = body === INVALID_JSON ? errorReply(InvalidJson) : route.handle({ params, query, body, identity });
    return { ...reply, headers: { ...decision.headers, ...reply.headers } };
  }
}

function allows(route: RestRoute, kind: 'user' | 'bot'): boolean {
  return route.auth === 'any' || route.auth === kind;
}
