import type { Account, AccountRegistry, Logger, Task } from '@mjq/common';

/** Midjourney refusals that mean the account itself cannot go on until a human looks (§5.1). */
const ACCOUNT_STOPPERS = new Set(['action_needed', 'blocked', 'pending_mod', 'subscription_required', 'tos_not_accepted', 'restricted']);

/**
 * What a failed task says about its account: a captcha / block / subscription problem disables
 * the account (an admin re-enables it); running out of fast hours moves it to relax mode when its
 * `relaxFallback` allows.
 */
export class AccountHealth {
  constructor(
    private readonly registry: AccountRegistry,
    private readonly log: Logger,
    /** Switches Midjourney's own mode too (`/relax`) and remembers to switch back (fast-hours-fallback.ts). */
    private readonly fallback?: { onCreditsExhausted(account: Account): Promise<void> },
  ) {}

  async onTaskFailed(task: Task): Promise<void> {
    if (!task.accountId || !task.failCode) return;
    if (ACCOUNT_STOPPERS.has(task.failCode)) {
      await this.registry.disable(task.accountId, `${task.failCode}: ${task.failReason ?? ''}`.trim());
      this.log.error({ accountId: task.accountId, failCode: task.failCode, taskId: task.id }, 'account disabled by Midjourney refusal');
      return;
    }
    if (task.failCode === 'credits_exhausted') {
      const account = await this.registry.get(task.accountId);
      if (account && this.fallback) return this.fallback.onCreditsExhausted(account);
      if (account?.relaxFallback && account.mode !== 'relax') {
        await this.registry.update(account.id, { mode: 'relax' });
        this.log.warn({ accountId: account.id }, 'out of fast hours: account switched to relax mode');
      }
    }
  }
}
