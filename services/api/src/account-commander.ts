import type { Queue } from 'bullmq';
import {
  AppError,
  JOB_POLICIES,
  type Account,
  type AccountCommandJob,
  type AccountCommandResult,
  type AccountCommandSpec,
  type AccountCommandStore,
  type AccountInfo,
  type AccountRegistry,
  type AccountSettings,
} from '@mjq/common';
import { settingsButton } from '@mjq/discord';

type Mode = Account['mode'];

/**
 * The admin side of account commands: asks the dispatcher to send one (a job of its own queue),
 * then waits for the listener's answer in Redis (any replica may hold it) until
 * ACCOUNT_COMMAND_TIMEOUT_MS, 504 MJ_TIMEOUT after that.
 */
export class AccountCommander {
  constructor(
    readonly queue: Queue<AccountCommandJob>,
    readonly requests: AccountCommandStore,
    private readonly registry: AccountRegistry,
    private readonly timeoutMs: number,
  ) {}

  async info(accountId: string): Promise<AccountInfo> {
    const { info } = await this.run({ accountId: await this.known(accountId), command: 'info' });
    if (!info) throw new AppError('MJ_REFUSED', 'Midjourney answered /info without an info embed');
    return info;
  }

  /** `/fast`, `/relax` or `/turbo`, then the account's own mode: the tasks it takes, the mode mjq asks for. */
  async setMode(accountId: string, mode: Mode): Promise<Account> {
    await this.run({ accountId: await this.known(accountId), command: mode });
    const account = await this.registry.update(accountId, { mode });
    // An admin's choice: the fast-hours fallback no longer switches it back on its own.
    await this.requests.observe(accountId, { relaxedFrom: null });
    return found(accountId, account);
  }

  /**
   * Reads /settings and clicks what differs from the change (the version selector, the Remix
   * button), each click answered by the panel updated; returns the panel as it ends.
   */
  async settings(accountId: string, change: { remix?: boolean; version?: string }): Promise<AccountSettings> {
    let panel = await this.panel({ accountId: await this.known(accountId), command: 'settings' });
    if (change.version !== undefined && panel.version !== change.version) {
      const select = panel.versionSelect;
      if (!select?.values.includes(change.version)) {
        throw new AppError('VALIDATION_ERROR', `version must be one of the panel's: ${select?.values.join(', ') ?? '(no version selector)'}`, { values: select?.values });
      }
      panel = await this.panel({ accountId, command: 'click', click: { messageId: panel.messageId, messageFlags: panel.messageFlags, customId: select.customId, values: [change.version] } });
    }
    if (change.remix !== undefined && panel.remix !== change.remix) {
      const button = settingsButton(panel, 'Remix mode');
      if (!button) throw new AppError('MJ_REFUSED', 'the /settings panel has no Remix mode button');
      panel = await this.panel({ accountId, command: 'click', click: { messageId: panel.messageId, messageFlags: panel.messageFlags, customId: button.customId } });
    }
    return panel;
  }

  private async panel(spec: AccountCommandSpec): Promise<AccountSettings> {
    const { settings } = await this.run(spec);
    if (!settings) throw new AppError('MJ_REFUSED', 'Midjourney answered without the /settings panel');
    return settings;
  }

  private async known(accountId: string): Promise<string> {
    found(accountId, await this.registry.get(accountId));
    return accountId;
  }

  private async run(spec: AccountCommandSpec): Promise<AccountCommandResult> {
    const requestId = await this.requests.create(spec);
    await this.queue.add(spec.command, { requestId }, { ...JOB_POLICIES.accountCommand, jobId: `cmd-${requestId}` });
    const state = await this.requests.wait(requestId, this.timeoutMs);
    if (state?.status === 'done') return state.result;
    if (state?.status === 'failed') {
      const { code, message } = state.error;
      if (code === 'unknown_account') throw new AppError('NOT_FOUND', message);
      if (code === 'account_offline') throw new AppError('SERVICE_UNAVAILABLE', message, { code });
      throw new AppError('MJ_REFUSED', message, { code });
    }
    throw new AppError('MJ_TIMEOUT', `Midjourney did not answer /${spec.command === 'click' ? 'settings' : spec.command} within ${this.timeoutMs} ms`, {
      requestId,
      status: state?.status ?? 'expired',
    });
  }
}

function found<T>(id: string, value: T | undefined): T {
  if (!value) throw new AppError('NOT_FOUND', `No account ${id}`);
  return value;
}
