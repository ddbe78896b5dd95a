import type { Reply } from '../http/http-io.js';
import type { Identity } from '../world.js';

export interface PublicRequest {
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
}

export interface AuthedRequest extends PublicRequest {
  identity: Identity;
}

/** `path` uses `{name}` placeholders, e.g. `/channels/{channelId}/messages/{messageId}`. */
export type RestRoute =
  | { method: string; path: string; auth: 'none'; handle(req: PublicRequest): Reply }
  | { method: string; path: string; auth: 'any' | 'bot' | 'user'; handle(req: AuthedRequest): Reply };

interface CompiledRoute {
  route: RestRoute;
  pattern: RegExp;
}

export type RouteMatch = { route: RestRoute; params: Record<string, string> } | 'not-found' | 'method-not-allowed';

export class Router {
  private readonly compiled: CompiledRoute[];

  constructor(routes: RestRoute[]) {
    this.compiled = routes.map((route) => ({ route, pattern: compile(route.path) }));
  }

  match(method: string, path: string): RouteMatch {
    let pathMatched = false;
    for (const { route, pattern } of this.compiled) {
      const m = pattern.exec(path);
      if (!m) continue;
      pathMatched = true;
      if (route.method === method) return { route, params: { ...m.groups } };
    }
    return pathMatched ? 'method-not-allowed' : 'not-found';
  }
}

function compile(path: string): RegExp {
  const source = path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, '(?<$1>[^/]+)');
  return new RegExp(`^${source}$`);
}
