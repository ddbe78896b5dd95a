import type { Account, ImageStore, Task, TaskEventPublisher, TaskStore } from '@mjq/common';
import { toTaskAttachments } from '@mjq/discord';
import type { AccountClient } from './account-clients.js';
import { uploadImages } from './upload-images.js';

export interface PostMessageDeps {
  store: TaskStore;
  events: TaskEventPublisher;
  images: ImageStore;
}

/**
 * MESSAGE: posts the uploaded image in the account's channel. No Midjourney job is involved,
 * so the answer itself finishes the task: its CDN link is what an imagine's picurl can use.
 */
export async function postMessageTask(deps: PostMessageDeps, client: AccountClient, task: Task, account: Account): Promise<void> {
  const startTime = Date.now();
  const uploaded = await uploadImages(client.rest, deps.images, account.channelId, task.uploads ?? []);
  const message = await client.rest.postMessage(
    account.channelId,
    uploaded.map((u, i) => ({ id: String(i), filename: u.filename, uploaded_filename: u.uploadedFilename })),
  );
  const attachments = toTaskAttachments(message.attachments ?? []);
  // postMessage answers only a message that carries its attachment.
  const url = attachments[0]!.url;
  const applied = await deps.store.apply(task.id, {
    status: 'SUCCESS',
    progress: 100,
    fields: { messageId: message.id, imageUrl: url, discordImageUrl: url, attachments, startTime, finishTime: Date.now() },
  });
  if (applied) await deps.events.publish('end', applied);
}
