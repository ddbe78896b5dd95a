import { AppError } from '@mjq/common';
import type { ApiContext } from './context.js';

/**
 * Refuses (400 CALLBACK_URL_FORBIDDEN) a callback URL whose host is or resolves to a loopback,
 * private, link-local, CGNAT, multicast or metadata address, unless CALLBACK_ALLOW_HOSTS lists
 * it. Checked at submit time so that the caller learns at once; the listener checks the socket
 * again at delivery time (DNS answers may have changed by then).
 */
export async function assertCallbackAllowed(ctx: ApiContext, callbackUrl: string | undefined): Promise<void> {
  if (!callbackUrl) return;
  const verdict = await ctx.callbackGuard.check(callbackUrl);
  if (!verdict.allowed) {
    throw new AppError('CALLBACK_URL_FORBIDDEN', `callbackUrl not allowed: ${verdict.reason}`, { callbackUrl });
  }
}
