import { randomUUID } from 'node:crypto';
import { AppError, imageKeys, isIframeModal, MAX_IMAGE_BYTES, sniffImageType, type ModalRequest, type Task } from '@mjq/common';
import type { ApiContext, RequestContext } from './context.js';
import { assertRedisReady, withStorage } from './storage-guard.js';
import { knownTask } from './task-lookup.js';
import { enqueueTrigger } from './task-submitter.js';

/**
 * Gives a task waiting in MODAL (Remix, Custom Zoom…) its text and enqueues the modal submit.
 * A banned text is refused without failing the task: the modal stays open for another text.
 * The text is recorded once (atomically), so two concurrent calls cannot both submit.
 */
export async function submitModalInput(ctx: RequestContext, req: ModalRequest): Promise<Task> {
  assertRedisReady(ctx);
  await knownTask(ctx, req.trigger_id);
  const task = await withStorage(ctx, async () => {
    const terms = await ctx.bannedWords.match(req.prompt);
    if (terms.length) throw new AppError('BANNED_PROMPT', `Banned prompt: ${terms.join(', ')}`, { terms, trigger_id: req.trigger_id });
    const maskKey = await storeMask(ctx, req);
    const outcome = await ctx.store.submitModal(req.trigger_id, req.prompt, maskKey);
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

const maskField = (message: string) => ({ fields: [{ path: 'maskBase64', message }] });

/**
 * Vary (Region) needs a mask, every other modal refuses one. The mask is decoded and checked here
 * (a PNG or WebP by its bytes) and stored under a key of its own for the dispatcher.
 */
async function storeMask(ctx: ApiContext, req: ModalRequest): Promise<string | undefined> {
  const task = await ctx.store.get(req.trigger_id);
  const iframe = task?.status === 'MODAL' && task.modal ? isIframeModal(task.modal) : false;
  if (!iframe) {
    if (req.maskBase64 && task?.status === 'MODAL') {
      throw new AppError('VALIDATION_ERROR', 'maskBase64 is only for Vary (Region)', maskField('not accepted for this modal'));
    }
    return undefined;
  }
  if (!req.maskBase64) throw new AppError('VALIDATION_ERROR', 'Vary (Region) needs maskBase64: the area to redraw', maskField('required'));
  const mask = Buffer.from(req.maskBase64.replace(/^data:[^,]*,/, ''), 'base64');
  if (mask.length > MAX_IMAGE_BYTES) throw new AppError('FILE_TOO_LARGE', `The mask is over ${MAX_IMAGE_BYTES} bytes`);
  const type = sniffImageType(mask);
  if (type !== 'image/png' && type !== 'image/webp') throw new AppError('NOT_AN_IMAGE', 'maskBase64 must be a base64 PNG or WebP');
  const key = imageKeys.mask(req.trigger_id, randomUUID());
  await ctx.images.put(key, { data: mask, contentType: type });
  return key;
}
