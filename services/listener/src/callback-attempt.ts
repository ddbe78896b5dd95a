import { jobIds, type CallbackJob } from '@mjq/common';
import { isForbiddenTarget, type CallbackEgress } from './callback-egress.js';
import type { CallbackSigner } from './callback-signer.js';

export type AttemptResult = { ok: true; status: number } | { ok: false; refused: boolean; reason: string; status?: number };

const REFUSED = 'callback target not allowed';

/** A failure reason that says the SSRF guard refused the target (as a retry job's `givenUp` carries it). */
export const isRefusal = (reason: string): boolean => reason.startsWith(REFUSED);

/** The callback's `webhook-id`, also its retry job's id: one per applied change. */
export const webhookIdOf = (c: Pick<CallbackJob, 'taskId' | 'revision' | 'event'>): string => jobIds.callback(c.taskId, c.revision, c.event);

/**
 * One POST of a callback, signed (Standard Webhooks) with its stable webhook-id. 2xx is
 * delivered; a target the SSRF guard refuses is `refused` (retrying cannot make it allowed);
 * anything else is a failure worth retrying.
 */
export async function attemptDelivery(egress: CallbackEgress, signer: CallbackSigner, callback: CallbackJob): Promise<AttemptResult> {
  const payload = JSON.stringify(callback.body);
  const headers = { 'user-agent': 'mjq-callback/1', 'x-mjq-event': callback.event, 'x-mjq-task-id': callback.taskId };
  let status: number;
  try {
    status = await egress.post(callback.url, payload, { ...headers, ...signer.headers(webhookIdOf(callback), payload) });
  } catch (err) {
    const message = (err as Error).message;
    if (isForbiddenTarget(err)) return { ok: false, refused: true, reason: `${REFUSED}: ${message}` };
    return { ok: false, refused: false, reason: `callback delivery failed: ${message}` };
  }
  if (status >= 200 && status < 300) return { ok: true, status };
  return { ok: false, refused: false, reason: `callback receiver answered HTTP ${status}`, status };
}

/**
 * A `generating` callback whose task has moved on (later callbacks pending) is dropped once it
 * has failed before or waited `coalesceAfterMs`: the callbacks after it carry newer progress.
 * In a healthy run every step is sent. Never the terminal one.
 */
export function isCoalescible(callback: { event: string; at: number }, pending: number, failedBefore: boolean, coalesceAfterMs: number, now = Date.now()): boolean {
  if (callback.event !== 'generating' || pending < 2) return false;
  return failedBefore || now - callback.at >= coalesceAfterMs;
}
