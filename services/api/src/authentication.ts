import { timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { AppError } from '@mjq/common';
import type { ApiContext } from './context.js';

/** The key a caller presents: `Authorization: Bearer <key>`, `x-api-key`, or the proxies' `mj-api-secret`. */
export function presentedKey(req: Request, headers: string[]): string | undefined {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
  for (const name of headers) {
    const value = req.headers[name];
    if (typeof value === 'string' && value) return value;
  }
  return undefined;
}

/** Constant-time membership: a key's bytes never decide how long the comparison takes. */
export function oneOf(key: string | undefined, keys: string[]): boolean {
  if (!key) return false;
  const given = Buffer.from(key);
  return keys.some((k) => {
    const expected = Buffer.from(k);
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
}

/**
 * tsoa's authentication hook. `api`: open when API_KEYS is empty (a laptop), else one of them is
 * required. `admin`: always requires one of ADMIN_KEYS; with none configured the admin API is off.
 */
export async function expressAuthentication(req: Request, securityName: string): Promise<{ role: string }> {
  const { config } = req.app.locals.ctx as ApiContext;
  if (securityName === 'admin') {
    if (!config.adminKeys.length) throw new AppError('ADMIN_DISABLED', 'The admin API is disabled: set ADMIN_KEYS');
    if (!oneOf(presentedKey(req, ['x-admin-key']), config.adminKeys)) throw new AppError('UNAUTHORIZED', 'Missing or invalid admin key');
    return { role: 'admin' };
  }
  if (config.apiKeys.length && !oneOf(presentedKey(req, ['x-api-key', 'mj-api-secret']), config.apiKeys)) {
    throw new AppError('UNAUTHORIZED', 'Missing or invalid API key');
  }
  return { role: 'client' };
}
