import { AppError, type Task } from '@mjq/common';
import { buildCustomId, parseCustomId } from '@mjq/discord';
import type { TaskDraft } from './task-submitter.js';

// Which button a request clicks, and whether it may: pure checks of the parent task as stored.
// A click Discord would refuse costs an account's interaction budget and ends as a FAILURE
// much later; refused here, the client learns at once and nothing is queued.

/** The grid buttons the seed's /upscale and /variation click (wire job types, §3.3). */
export type GridJob = 'upsample' | 'variation';

/** How the seed names a message: its id and hash, and optionally the task that produced it. */
export interface MessageRef {
  msg_id: string;
  msg_hash: string;
  trigger_id?: string;
}

export interface Click {
  customId: string;
  action: Extract<Task['action'], 'UPSCALE' | 'VARIATION' | 'REROLL' | 'ACTION'>;
  index?: number;
}

const invalid = (message: string, details?: unknown) => new AppError('INVALID_ACTION', message, details);

/** Buttons exist only on the result message of a finished task. */
export function assertFinished(parent: Task): asserts parent is Task & { messageId: string } {
  if (parent.status !== 'SUCCESS' || !parent.messageId) {
    throw invalid(`Task ${parent.id} is ${parent.status}: only the result of a finished (SUCCESS) task has buttons`, {
      trigger_id: parent.id,
      status: parent.status,
    });
  }
}

/**
 * The task found for msg_id must be the one the client means: the given trigger_id, finished,
 * with msg_id as its result message (progress messages are linked to the task too but carry no
 * buttons) and msg_hash as that message's hash.
 */
export function assertMessageOf(parent: Task, ref: MessageRef): asserts parent is Task & { messageId: string } {
  if (ref.trigger_id !== undefined && ref.trigger_id !== parent.id) {
    throw invalid(`Message ${ref.msg_id} belongs to task ${parent.id}, not to task ${ref.trigger_id}`);
  }
  assertFinished(parent);
  if (parent.messageId !== ref.msg_id) {
    throw invalid(`Message ${ref.msg_id} is not the result message of task ${parent.id} (that is ${parent.messageId})`);
  }
  if (parent.messageHash !== ref.msg_hash) throw invalid(`msg_hash does not match message ${ref.msg_id}`);
}

export function assertButtonOn(parent: Task, customId: string): void {
  if (!parent.buttons.some((b) => b.customId === customId)) {
    throw invalid(`The message of task ${parent.id} has no button ${customId}`, {
      custom_id: customId,
      buttons: parent.buttons.map((b) => b.customId),
    });
  }
}

/** U1–U4 / V1–V4 as Midjourney names them on a grid: `MJ::JOB::upsample::2::<hash>`. */
export function gridCustomId(job: GridJob, index: number, hash: string): string {
  return buildCustomId({ kind: 'job', jobType: job, index, hash, solo: false });
}

/** The 🔄 button; its index (0) and suffix vary with the message, hence the prefix match. */
export function rerollCustomId(parent: Task): string {
  const button = parent.buttons.find((b) => b.customId.startsWith('MJ::JOB::reroll::'));
  if (!button) throw invalid(`The message of task ${parent.id} has no reroll button`);
  return button.customId;
}

/**
 * What clicking a custom id does, for the task's `action` and `index`: the plain U/V/reroll
 * job buttons keep their seed names; every other button is an ACTION. Index 0 (the reroll's)
 * names no image, so it is not recorded.
 */
export function clickOf(customId: string): Click {
  const parsed = parseCustomId(customId);
  const index = parsed && 'index' in parsed && typeof parsed.index === 'number' && parsed.index > 0 ? parsed.index : undefined;
  const action =
    parsed?.kind !== 'job' ? 'ACTION' : parsed.action === 'upsample' ? 'UPSCALE' : parsed.action === 'variation' ? 'VARIATION' : parsed.action === 'reroll' ? 'REROLL' : 'ACTION';
  return { customId, action, index };
}

/**
 * The task that clicks a button of the parent's result: same prompt and mode, and the parent's
 * account, the only one that can click that message. Without a callbackUrl of its own it reports
 * where the parent does.
 */
export function childDraft(parent: Task & { messageId: string }, click: Click, callbackUrl?: string): TaskDraft {
  return {
    action: click.action,
    prompt: parent.prompt,
    parentId: parent.id,
    index: click.index,
    customId: click.customId,
    parentMessageId: parent.messageId,
    parentMessageFlags: parent.flags,
    accountId: parent.accountId,
    mode: parent.mode,
    callbackUrl: callbackUrl ?? parent.callbackUrl,
  };
}
