import { AppError, type ModalRequest, type Task } from '@mjq/common';
import type { ApiContext } from './context.js';
import { assertRedisReady, enqueueTrigger, withStorage } from './task-submitter.js';

/**
 * Gives a task waiting in MODAL (Remix, Custom Zoom…) its text and enqueues the modal submit.
 * A banned text is refused without failing the task: the modal stays open for another text.
 * The text is recorded once (atomically), so two concurrent calls cannot both submit.
 */
export async function submitModalInput(ctx: ApiContext, req: ModalRequest): Promise<Task> {
  assertRedisReady(ctx);
  const task = await withStorage(ctx, async () => {
    const terms = await ctx.bannedWords.match(req.prompt);
    if (terms.length) throw new AppError('BANNED_PROMPT', `Banned prompt: ${terms.join(', ')}`, { terms, trigger_id: req.trigger_id });
    const outcome = await ctx.store.submitModal(req.trigger_id, req.prompt);
    if (outcome === 'unknown') throw new AppError('UNKNOWN_TASK', `No task ${req.trigger_id} (or it expired)`, { trigger_id: req.trigger_id });
    if (outcome === 'not_modal') throw new AppError('NOT_IN_MODAL', `Task ${req.trigger_id} is not waiting for a modal input`, { trigger_id: req.trigger_id });
    if (outcome === 'already_submitted') {
      throw new AppError('NOT_IN_MODAL', `Task ${req.trigger_id} already received its modal input`, { trigger_id: req.trigger_id });
    }
    return ctx.store.get(req.trigger_id);
  });
  if (!task) throw new AppError('UNKNOWN_TASK', `No task ${req.trigger_id} (or it expired)`, { trigger_id: req.trigger_id });
  await enqueueTrigger(ctx, task, 'modal');
  ctx.log.info({ taskId: task.id }, 'modal input accepted');
  return task;
}
