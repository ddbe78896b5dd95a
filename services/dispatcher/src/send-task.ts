import { failureLogFields, isInvalidCommandVersionError, type InteractionContext } from '@mjq/discord';
import { isIframeModal, type ImageStore, type Logger, type Task } from '@mjq/common';
import type { AccountClient } from './account-clients.js';
import { DiscordRejected } from './discord-errors.js';
import type { BucketState } from './discord-rest.js';
import { commandNameFor, inpaintSubmitForTask, interactionForTask, modalSubmitForTask, TaskNotSendable } from './task-interaction.js';
import { uploadImages } from './upload-images.js';

export interface SendTaskInput {
  client: AccountClient;
  images: ImageStore;
  ctx: InteractionContext;
  task: Task;
  promptFull: string;
  kind: 'send' | 'modal';
  /** Midjourney's activity host (Vary (Region) submits). */
  activityUrl: string;
  log: Logger;
  /** Runs right before the request that starts the job leaves (the account's gate); may throw. */
  beforePost: () => Promise<void>;
}

/**
 * Sends the task's interaction: uploads its images first (describe, blend), looks up the
 * command it needs; on "command outdated" refreshes the command index and resends once (§5.2).
 */
export async function sendTask(input: SendTaskInput): Promise<BucketState> {
  const { client, ctx, task, log } = input;
  if (input.kind === 'modal') {
    if (task.modal && isIframeModal(task.modal)) return submitRegion(input);
    const submit = modalSubmitForTask(task, ctx);
    await input.beforePost();
    return client.rest.postInteraction(submit);
  }
  const uploaded = task.uploads?.length ? await uploadImages(client.rest, input.images, ctx.channelId, task.uploads) : [];
  const name = commandNameFor(task);
  const build = async () =>
    interactionForTask(task, ctx, { promptFull: input.promptFull, uploaded, command: name ? await client.commands.get(name) : undefined });
  try {
    const payload = await build();
    await input.beforePost();
    return await client.rest.postInteraction(payload);
  } catch (err) {
    if (!name || !(err instanceof DiscordRejected) || !isInvalidCommandVersionError(err.status, err.body)) throw err;
    client.commands.invalidate();
    log.warn({ ...failureLogFields(err), command: name }, 'command version outdated: refreshed the command index');
    return client.rest.postInteraction(await build());
  }
}

async function submitRegion({ client, images, task, activityUrl, beforePost }: SendTaskInput): Promise<BucketState> {
  const mask = task.modal?.maskKey ? await images.get(task.modal.maskKey) : undefined;
  if (!mask) throw new TaskNotSendable('the Vary (Region) mask is missing or expired');
  await beforePost();
  await client.rest.submitInpaint(activityUrl, inpaintSubmitForTask(task, mask.data));
  return {};
}
