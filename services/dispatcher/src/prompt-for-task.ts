import type { Account, Task } from '@mjq/common';
import { buildPromptWithMarker } from '@mjq/discord';

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
