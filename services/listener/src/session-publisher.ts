import type { AccountSessions, Logger } from '@mjq/common';
import { KeyedChains } from './keyed-chains.js';

/**
 * Keeps this listener's live user-gateway session ids published for the dispatchers (account-
 * sessions.ts): the id a session reports is published at once and renewed while it lives; a lost
 * session is withdrawn at once, and a stopped listener withdraws all of its own. Changes of one
 * account apply in the order they happened (a fast id → none → new id stays correct).
 */
export class SessionPublisher {
  private readonly current = new Map<string, string>();
  private readonly chains = new KeyedChains();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly sessions: AccountSessions,
    private readonly log: Logger,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.renewAll(), Math.max(1000, Math.floor(this.sessions.leaseMs / 3)));
  }

  /** The account's session as the gateway reports it: an id, or undefined when it is gone. */
  set(accountId: string, sessionId: string | undefined): void {
    const previous = this.current.get(accountId);
    if (previous === sessionId) return;
    if (sessionId) this.current.set(accountId, sessionId);
    else this.current.delete(accountId);
    this.run(accountId, async () => {
      if (previous) await this.sessions.withdraw(accountId, previous);
      if (sessionId) await this.sessions.publish(accountId, sessionId);
    });
  }

  /** Withdraws every session this listener published. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    for (const accountId of [...this.current.keys()]) this.set(accountId, undefined);
    await this.chains.drain();
  }

  private renewAll(): void {
    for (const [accountId, sessionId] of this.current) {
      this.run(accountId, async () => {
        // Renew only what is still current: a withdraw queued meanwhile must not be undone.
        if (this.current.get(accountId) === sessionId) await this.sessions.publish(accountId, sessionId, Date.now(), true);
      });
    }
  }

  private run(accountId: string, step: () => Promise<void>): void {
    this.chains.run(accountId, step).catch((err: unknown) => this.log.warn({ err, accountId }, 'could not publish the account session'));
  }
}
