import got from 'got';
import type { Job } from 'bullmq';
import { callbackJobSchema, type CallbackJob, type Logger } from '@mjq/common';

const TIMEOUT = { connect: 5000, response: 10_000 };

/**
 * Delivers one callback: a JSON POST; any 2xx is delivered, anything else throws so that the
 * queue retries with backoff. Redirects are not followed (a receiver must answer where it was
 * registered).
 */
export async function deliverCallback(job: Job<CallbackJob>, log: Logger): Promise<number> {
  const { url, body, taskId, event } = callbackJobSchema.parse(job.data);
  let status: number;
  try {
    const res = await got.post(url, {
      json: body,
      headers: { 'user-agent': 'mjq-callback/1', 'x-mjq-event': event, 'x-mjq-task-id': taskId },
      throwHttpErrors: false,
      followRedirect: false,
      retry: { limit: 0 },
      timeout: TIMEOUT,
    });
    status = res.statusCode;
  } catch (err) {
    log.warn({ taskId, event, attempt: job.attemptsMade + 1, err: (err as Error).message }, 'callback delivery failed');
    throw err;
  }
  if (status < 200 || status >= 300) {
    log.warn({ taskId, event, attempt: job.attemptsMade + 1, status }, 'callback receiver refused');
    throw new Error(`callback receiver answered HTTP ${status}`);
  }
  log.debug({ taskId, event, status }, 'callback delivered');
  return status;
}
