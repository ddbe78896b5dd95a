import type { Account, Task } from '@mjq/common';
import { buildPromptWithMarker } from '@mjq/discord';

/** Accounts that may run the task: enabled, and in the task's mode when it asks for one. */
export function eligibleAccounts(accounts: Account[], mode?: Task['mode']): Account[] {
  return accounts.filter((a) => a.enabled && (!mode || a.mode === mode));
}

/**
 * Accounts that may run this task. A task already bound to an account (a button on its
 * parent's message, a modal it received) runs there whatever its mode: the message and the
 * modal only exist for that account.
 */
export function accountsForTask(accounts: Account[], task: Pick<Task, 'accountId' | 'mode'>): Account[] {
  if (task.accountId) return accounts.filter((a) => a.enabled && a.id === task.accountId);
  return eligibleAccounts(accounts, task.mode);
}

const MODE_FLAG = /(^|\s)--(fast|relax|turbo)\b/;

/**
 * The prompt as sent: image URLs, the task marker, the text, and the mode as Midjourney's own
 * `--fast/--relax/--turbo` parameter (unless the prompt has one): the task's mode, or the
 * account's when it is not fast (an account moved to relax after running out of fast hours).
 */
export function promptForTask(task: Pick<Task, 'id' | 'prompt' | 'imageUrls' | 'mode'>, accountMode: Account['mode'] = 'fast'): string {
  const mode = task.mode ?? (accountMode === 'fast' ? undefined : accountMode);
  const withMode = mode && !MODE_FLAG.test(task.prompt) ? `${task.prompt} --${mode}` : task.prompt;
  return buildPromptWithMarker(task.id, withMode, task.imageUrls);
}
