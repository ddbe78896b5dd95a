import type { Queue } from 'bullmq';
import {
  JOB_POLICIES,
  type Account,
  type AccountCommandJob,
  type AccountCommandStore,
  type AccountInfo,
  type AccountObserved,
  type AccountRegistry,
  type Logger,
} from '@mjq/common';

export type FallbackMove = { to: 'relax'; from: 'fast' | 'turbo' } | { to: 'fast' | 'turbo'; from: 'relax' };

/**
 * What an /info says the account's mode should be. Out of fast hours while not in relax (and its
 * `relaxFallback` allows): relax, before a job fails "Credits exhausted". Fast hours back on an
 * account mjq moved to relax itself: the mode it had. An admin's own relax is never undone. Pure.
 */
export function planFallback(account: Pick<Account, 'mode' | 'relaxFallback'>, observed: AccountObserved, info: AccountInfo): FallbackMove | undefined {
  const hours = info.fastTimeRemaining?.hours;
  if (hours === undefined) return undefined;
  if (hours <= 0 && account.mode !== 'relax' && account.relaxFallback) return { to: 'relax', from: account.mode };
  if (hours > 0 && account.mode === 'relax' && observed.relaxedFrom) return { to: observed.relaxedFrom, from: 'relax' };
  return undefined;
}

/**
 * Moves an account between fast and relax on its own: the account record's mode (which tasks it
 * takes, the `--relax` mjq appends) and Midjourney's own (`/relax`, `/fast`), so that jobs sent
 * without a mode flag run in it too.
 */
export class FastHoursFallback {
  constructor(
    private readonly deps: { registry: AccountRegistry; requests: AccountCommandStore; queue: Queue<AccountCommandJob>; log: Logger },
  ) {}

  async onInfo(accountId: string, info: AccountInfo): Promise<void> {
    const account = await this.deps.registry.get(accountId);
    if (!account) return;
    const move = planFallback(account, await this.deps.requests.observed(accountId), info);
    if (move) await this.apply(accountId, move);
  }

  /** A job failed "Credits exhausted": relax now, if the account allows. */
  async onCreditsExhausted(account: Account): Promise<void> {
    if (account.relaxFallback && account.mode !== 'relax') await this.apply(account.id, { to: 'relax', from: account.mode });
  }

  private async apply(accountId: string, move: FallbackMove): Promise<void> {
    const { registry, requests, queue, log } = this.deps;
    await registry.update(accountId, { mode: move.to });
    await requests.observe(accountId, { relaxedFrom: move.to === 'relax' ? move.from : null });
    const requestId = await requests.create({ accountId, command: move.to, origin: 'fallback' });
    await queue.add(move.to, { requestId }, { ...JOB_POLICIES.accountCommand, jobId: `cmd-${requestId}` });
    if (move.to === 'relax') log.warn({ accountId, from: move.from }, 'out of fast hours: account switched to relax mode');
    else log.info({ accountId, to: move.to }, 'fast hours back: account switched back from relax mode');
  }
}
