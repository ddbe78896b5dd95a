import { DelayedError, type Job } from 'bullmq';
import {
  accountCommandJobSchema,
  type AccountCommandJob,
  type AccountCommandStore,
  type AccountRegistry,
  type AccountSessions,
  type Logger,
} from '@mjq/common';
import {
  buildButtonInteraction,
  buildSelectInteraction,
  buildSlashCommandInteraction,
  failureLogFields,
  isInvalidCommandVersionError,
  makeNonce,
  type InteractionContext,
} from '@mjq/discord';
import type { AccountClients } from './account-clients.js';
import { DiscordRateLimited, DiscordRejected } from './discord-errors.js';
import type { SendGate } from './send-gate.js';

export interface AccountCommandDeps {
  requests: AccountCommandStore;
  registry: AccountRegistry;
  sessions: AccountSessions;
  gate: SendGate;
  clients: AccountClients;
  applicationId: string;
  log: Logger;
  /** How long a request may wait for a live session or the account's gate before it fails. */
  timeoutMs: number;
}

type Spec = NonNullable<Awaited<ReturnType<AccountCommandStore['get']>>>['spec'];

/**
 * One account command (/info, /settings, a /settings click, /fast, /relax, /turbo) = one
 * interaction, sent the way tasks are (the account's token, a live session of it, its pacing and
 * Discord's limits) but taking no job slot: Midjourney runs no job for it. It is sent once; a
 * failure fails the request (whoever waits sees why, and may ask again). The answer is the
 * listener's to read (account-replies.ts).
 */
export async function processAccountCommand(deps: AccountCommandDeps, job: Job<AccountCommandJob>, token?: string): Promise<'sent' | 'failed' | 'gone'> {
  const { requestId } = accountCommandJobSchema.parse(job.data);
  const request = await deps.requests.get(requestId);
  if (!request || request.status !== 'queued') return 'gone';
  const { spec } = request;
  const fail = async (code: string, message: string) => {
    await deps.requests.fail(requestId, { code, message });
    deps.log.warn({ requestId, accountId: spec.accountId, command: spec.command, code }, `account command failed: ${message}`);
    return 'failed' as const;
  };
  const account = await deps.registry.get(spec.accountId);
  if (!account) return fail('unknown_account', `no account ${spec.accountId}`);
  const overdue = Date.now() - job.timestamp > deps.timeoutMs;
  const sessionId = (await deps.sessions.live([account.id])).get(account.id);
  if (!sessionId) return overdue ? fail('account_offline', `no live gateway session for ${account.id}`) : later(job, token, 500);
  const wait = await deps.gate.take(account.id);
  if (wait > 0) return overdue ? fail('paced', `account ${account.id} may not send yet`) : later(job, token, wait);

  const nonce = makeNonce();
  const ctx: InteractionContext = { applicationId: deps.applicationId, guildId: account.guildId, channelId: account.channelId, sessionId, nonce };
  const client = await deps.clients.get(account);
  await deps.requests.linkSend(requestId, nonce, spec.click?.messageId);
  const build = async () => payloadFor(spec, ctx, (name) => client.commands.get(name));
  try {
    try {
      await client.rest.postInteraction(await build());
    } catch (err) {
      if (spec.command === 'click' || !(err instanceof DiscordRejected) || !isInvalidCommandVersionError(err.status, err.body)) throw err;
      client.commands.invalidate();
      await client.rest.postInteraction(await build());
    }
  } catch (err) {
    if (err instanceof DiscordRateLimited) await deps.gate.pause(account.id, err.retryAfterMs);
    deps.log.warn({ ...failureLogFields(err), requestId }, 'account command not sent');
    return fail('discord_rejected', (err as Error).message);
  }
  await deps.requests.markSent(requestId);
  deps.log.info({ requestId, accountId: account.id, command: spec.command, origin: spec.origin }, 'account command sent');
  return 'sent';
}

async function payloadFor(spec: Spec, ctx: InteractionContext, command: (name: string) => Promise<Parameters<typeof buildSlashCommandInteraction>[1]>) {
  if (spec.command !== 'click') return buildSlashCommandInteraction(ctx, await command(spec.command));
  const click = spec.click!;
  return click.values?.length
    ? buildSelectInteraction(ctx, click.messageId, click.customId, click.values, click.messageFlags)
    : buildButtonInteraction(ctx, click.messageId, click.customId, click.messageFlags);
}

async function later(job: Job<AccountCommandJob>, token: string | undefined, ms: number): Promise<never> {
  await job.moveToDelayed(Date.now() + Math.ceil(ms), token);
  throw new DelayedError();
}
