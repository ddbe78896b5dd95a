import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Request } from 'express';
import { AppError } from '@mjq/common';
import { sha256Hex } from './api-keys.js';
import { OPEN_CALLER, type Caller } from './caller.js';
import type { ApiContext } from './context.js';
import { takeRequest } from './key-limits.js';
import { assertRedisReady, withStorage } from './storage-guard.js';

/** The key a caller presents: `Authorization: Bearer <key>`, `x-api-key`, or the proxies' `mj-api-secret`. */
export function presentedKey(req: Pick<IncomingMessage, 'headers'>, headers: string[]): string | undefined {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
  for (const name of headers) {
    const value = req.headers[name];
    if (typeof value === 'string' && value) return value;
  }
  return undefined;
}

/**
 * The configured key equal to `key`, compared in constant time: both sides are hashed first, so
 * every comparison is of 32 bytes whatever the lengths.
 */
function matchOf(key: string | undefined, keys: string[]): string | undefined {
  if (!key) return undefined;
  const given = Buffer.from(sha256Hex(key), 'hex');
  let found: string | undefined;
  for (const k of keys) {
    if (timingSafeEqual(Buffer.from(sha256Hex(k), 'hex'), given) && found === undefined) found = k;
  }
  return found;
}

/** Whether `key` is one of `keys` (constant time, as matchOf). */
export function oneOf(key: string | undefined, keys: string[]): boolean {
  return matchOf(key, keys) !== undefined;
}

/** A stable id for a configured key (its tasks' owner), derived from its hash: never the key. */
const configuredKeyId = (kind: 'env' | 'admin', key: string) => `${kind}-${sha256Hex(key).slice(0, 12)}`;

/**
 * tsoa's authentication hook. `api`: open while no key exists at all (neither API_KEYS nor a key
 * made through the admin API: a laptop), else an API key or an admin key is required; a managed
 * key's requests per second are counted here. `admin`: always one of ADMIN_KEYS; with none the
 * admin API is off. The caller it returns is the request's (tsoa keeps it as `req.user`; see
 * requestContext): ownership, limits.
 */
export async function expressAuthentication(req: Request, securityName: string): Promise<Caller> {
  return authenticate(req.app.locals.ctx as ApiContext, req, securityName);
}

/** expressAuthentication for a request outside express (the intake's fast path). */
export async function authenticate(ctx: ApiContext, req: Pick<IncomingMessage, 'headers'>, securityName: string): Promise<Caller> {
  const { config } = ctx;
  if (securityName === 'admin') {
    if (!config.adminKeys.length) throw new AppError('ADMIN_DISABLED', 'The admin API is disabled: set ADMIN_KEYS');
    const admin = matchOf(presentedKey(req, ['x-admin-key']), config.adminKeys);
    if (!admin) throw new AppError('UNAUTHORIZED', 'Missing or invalid admin key');
    return { role: 'admin', keyId: configuredKeyId('admin', admin) };
  }
  const key = presentedKey(req, ['x-api-key', 'mj-api-secret', 'x-admin-key']);
  const envKey = matchOf(key, config.apiKeys);
  if (envKey) return { role: 'client', keyId: configuredKeyId('env', envKey) };
  const admin = matchOf(key, config.adminKeys);
  if (admin) return { role: 'admin', keyId: configuredKeyId('admin', admin) };
  // Managed keys live in Redis: without it, 503 at once (never a hang, nor a misleading 401).
  assertRedisReady(ctx);
  const managed = key ? await withStorage(ctx, () => ctx.apiKeys.findByHash(sha256Hex(key))) : undefined;
  if (managed) {
    const caller: Caller = { role: 'client', keyId: managed.id, limits: managed.limits };
    await withStorage(ctx, () => takeRequest(ctx, caller));
    return caller;
  }
  if (config.apiKeys.length || (await withStorage(ctx, () => ctx.apiKeys.any()))) throw new AppError('UNAUTHORIZED', 'Missing or invalid API key');
  return OPEN_CALLER;
}
