import type { Account, Task } from '@mjq/common';
import { buildPromptWithMarker } from '@mjq/discord';

/** Accounts that may run the task: enabled, and in the task's mode when it asks for one. */
export function eligibleAccounts(accounts: Account[], mode?: Task['mode']): Account[] {
  return accounts.filter((a) => a.enabled && (!mode || a.mode === mode));
}

const MODE_FLAG = /(^|\s)--(fast|relax|turbo)\b/;

/**
 * The prompt as sent: image URLs, the task marker, the text, and the requested mode as
 * Midjourney's own `--fast/--relax/--turbo` parameter (unless the prompt already has one).
 */
export function promptForTask(task: Pick<Task, 'id' | 'prompt' | 'imageUrls' | 'mode'>): string {
  const withMode = task.mode && !MODE_FLAG.test(task.prompt) ? `${task.prompt} --${task.mode}` : task.prompt;
  return buildPromptWithMarker(task.id, withMode, task.imageUrls);
}
