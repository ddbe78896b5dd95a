import type { RecordedSend, TriggerJob } from '@mjq/common';

export type SendAttempt = NonNullable<TriggerJob['attempt']>;

/**
 * The earlier send of a job to look into: the one its task records for the job's kind, else one
 * a job of an earlier version recorded in its own data.
 */
export function earlierSend(recorded: RecordedSend | undefined, kind: RecordedSend['kind'], legacy: SendAttempt | undefined): SendAttempt | undefined {
  return recorded?.kind === kind ? recorded : legacy;
}

export type AttemptVerdict =
  /** Discord took the earlier send: it is not sent again. */
  | { verdict: 'landed' }
  /** No evidence yet, and the window is still open: look again in `ms`. */
  | { verdict: 'wait'; ms: number }
  /** No evidence within the window: send again, with the same nonce. */
  | { verdict: 'resend' };

/**
 * What to do about a send of this job whose outcome is unknown (its answer was lost, or the
 * dispatcher died around it). Evidence that it landed — its INTERACTION_CREATE/SUCCESS, or
 * Midjourney's first message echoing its nonce — is looked for within `windowMs` of the send;
 * only without it is the interaction sent again.
 */
export function judgeEarlierAttempt(attempt: SendAttempt, landed: boolean, now: number, windowMs: number): AttemptVerdict {
  if (landed) return { verdict: 'landed' };
  const left = attempt.at + windowMs - now;
  return left > 0 ? { verdict: 'wait', ms: left } : { verdict: 'resend' };
}
