import { AppError, type MessageRequest, type Task } from '@mjq/common';
import type { RequestContext } from './context.js';
import { waitForEnd } from './task-completion.js';
import { submitTask } from './task-submitter.js';
import { findUploads } from './uploads.js';

/**
 * The seed's /message, synchronous like the seed's: queues a MESSAGE task (the dispatcher posts
 * the image in the account's channel and finishes the task with the attachment's CDN URL) and
 * waits for its end. The Discord link, not mjq's, is the answer: it is what Midjourney accepts as
 * an image prompt.
 */
export async function submitMessage(ctx: RequestContext, req: MessageRequest, signal?: AbortSignal): Promise<{ task: Task; picurl: string }> {
  const uploads = await findUploads(ctx, [req.upload_filename]);
  const task = await submitTask(ctx, { action: 'MESSAGE', prompt: '', uploads, callbackUrl: req.callbackUrl });
  const end = await waitForEnd(ctx.taskEvents, task.id, ctx.messageWaitMs, signal);
  if (!end) {
    throw new AppError('STILL_RUNNING', `Task ${task.id} did not finish within ${ctx.messageWaitMs} ms; follow it by its trigger_id`, { trigger_id: task.id });
  }
  const picurl = end.discordImageUrl ?? end.imageUrl;
  if (end.status !== 'SUCCESS' || !picurl) {
    const failReason = end.failReason ?? (end.status === 'SUCCESS' ? 'the posted message has no image URL' : `the task ended ${end.status}`);
    throw new AppError('TASK_FAILED', `Posting the image failed: ${failReason}`, {
      trigger_id: task.id,
      failCode: end.failCode,
      failReason,
    });
  }
  return { task: end, picurl };
}
