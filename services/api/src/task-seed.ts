import { AppError, discordClientHeaders, keptSeed, linkSeedRequest, mergeBrowserIdentity, type Task } from '@mjq/common';
import { SEED_REACTION } from '@mjq/discord';
import type { ApiContext } from './context.js';

const POLL_MS = 200;

/**
 * The seed of a finished task (§2.4): Midjourney tells it only in a DM to whoever reacts ✉️ to
 * the result, so the API reacts with the task's account, then waits until the listener has put
 * the DM's seed on the task. Kept on the task: asked again, it answers at once.
 */
export async function taskSeed(ctx: ApiContext, task: Task, waitMs = ctx.messageWaitMs): Promise<string> {
  const known = task.seed ?? (await keptSeed(ctx.store, task.id));
  if (known) return known;
  if (task.status !== 'SUCCESS' || !task.messageId || !task.messageHash || !task.accountId) {
    throw new AppError('INVALID_ACTION', `Task ${task.id} is ${task.status}: only a finished task's result has a seed`, { status: task.status });
  }
  const account = await ctx.accounts.get(task.accountId);
  const token = account?.enabled ? await ctx.accounts.token(task.accountId) : undefined;
  if (!account || !token) throw new AppError('NO_ACCOUNT', `The account of task ${task.id} is not available to ask for its seed`);
  await linkSeedRequest(ctx.store, task.messageHash, task.id);
  const identity = mergeBrowserIdentity(ctx.config.discord.browser, account.browser);
  const url = `${ctx.config.discord.apiUrl}/api/v9/channels/${account.channelId}/messages/${task.messageId}/reactions/${SEED_REACTION}/@me`;
  const res = await fetch(url, { method: 'PUT', headers: { ...discordClientHeaders(identity), Authorization: token }, signal: AbortSignal.timeout(10_000) });
  if (!res.ok) {
    ctx.log.warn({ taskId: task.id, status: res.status }, 'seed reaction refused by Discord');
    throw new AppError('SERVICE_UNAVAILABLE', `Discord refused the ✉️ reaction (HTTP ${res.status})`);
  }
  const deadline = Date.now() + waitMs;
  for (;;) {
    const seed = await keptSeed(ctx.store, task.id);
    if (seed) return seed;
    if (Date.now() > deadline) throw new AppError('STILL_RUNNING', `No seed from Midjourney for task ${task.id} yet: ask again later`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}
