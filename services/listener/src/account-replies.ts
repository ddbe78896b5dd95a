import { accountReplyName, parseAccountReply, type AccountReplyName, type DiscordMessage } from '@mjq/discord';
import type { AccountCommandResult, AccountCommandStore, AccountObserved, AccountRegistry, Logger } from '@mjq/common';
import type { FastHoursFallback } from './fast-hours-fallback.js';
import type { GatewayMessageEvent } from './gateway-events.js';

/**
 * Midjourney's answers to account commands (/info, /settings and its clicks, /fast, /relax,
 * /turbo): ephemeral, so only the account view sees them, and named after their command
 * (interaction metadata), which sets them apart from jobs before any lookup. The request is found
 * by the placeholder's nonce, then by the message id (the nonce-less edit carrying the answer, a
 * click's update); the answer resolves it once and is kept on the account (AccountObserved).
 * Taken one at a time, in arrival order: the placeholder links the id its edit is found by.
 */
export class AccountReplies {
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly deps: { requests: AccountCommandStore; registry: AccountRegistry; fallback: FastHoursFallback; log: Logger },
  ) {}

  /** The command an event answers, if it is an account command's message. */
  static commandOf(event: GatewayMessageEvent): AccountReplyName | undefined {
    return event.kind === 'delete' ? undefined : accountReplyName(event.message as DiscordMessage);
  }

  push(name: AccountReplyName, message: DiscordMessage): Promise<void> {
    const next = this.chain.then(() => this.apply(name, message));
    this.chain = next.catch((err: unknown) => this.deps.log.error({ err, messageId: message.id }, 'failed to apply an account command answer'));
    return this.chain;
  }

  drain(): Promise<void> {
    return this.chain;
  }

  private async apply(name: AccountReplyName, message: DiscordMessage): Promise<void> {
    const { requests, log } = this.deps;
    const nonce = message.nonce == null ? undefined : String(message.nonce);
    const requestId = await requests.findByMessage(message.id, nonce);
    const reply = parseAccountReply(name, message, Date.now());
    if (reply.kind === 'pending') return;
    const request = requestId ? await requests.get(requestId) : undefined;
    if (!requestId || !request) {
      log.debug({ messageId: message.id, command: name }, 'answer to an account command mjq did not send');
      return;
    }
    const { accountId } = request.spec;
    if (reply.kind === 'error') {
      if (await requests.fail(requestId, { code: reply.code, message: reply.message })) log.warn({ accountId, command: name, code: reply.code }, 'Midjourney refused an account command');
      return;
    }
    const [result, seen] = outcome(reply);
    if (!(await requests.resolve(requestId, result))) return;
    await requests.observe(accountId, seen);
    // An admin's switch that Midjourney confirmed: the account takes that mode even when the admin
    // API stopped waiting before the answer came (the API sets it too, the same value).
    if (reply.kind === 'mode' && request.spec.origin === 'admin') {
      await this.deps.registry.update(accountId, { mode: reply.jobMode });
      await requests.observe(accountId, { relaxedFrom: null });
    }
    log.info({ accountId, command: request.spec.command, jobMode: seen.jobMode }, 'account command answered');
    if (result.info) await this.deps.fallback.onInfo(accountId, result.info);
  }
}

function outcome(reply: Exclude<ReturnType<typeof parseAccountReply>, { kind: 'pending' | 'error' }>): [AccountCommandResult, Partial<AccountObserved>] {
  switch (reply.kind) {
    case 'info':
      return [{ info: reply.info, jobMode: reply.info.jobMode }, { info: reply.info, ...(reply.info.jobMode ? { jobMode: reply.info.jobMode } : {}) }];
    case 'settings':
      return [{ settings: reply.settings, jobMode: reply.settings.jobMode }, { settings: reply.settings, ...(reply.settings.jobMode ? { jobMode: reply.settings.jobMode } : {}) }];
    case 'mode':
      return [{ jobMode: reply.jobMode, content: reply.content }, { jobMode: reply.jobMode }];
  }
}
