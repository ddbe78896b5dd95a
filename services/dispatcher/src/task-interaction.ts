import type { Task } from '@mjq/common';
import {
  buildBlendInteraction,
  buildButtonInteraction,
  buildDescribeInteraction,
  buildImagineInteraction,
  buildModalSubmitInteraction,
  buildPromptWithMarker,
  buildShortenInteraction,
  type InteractionContext,
  type InteractionPayload,
  type SlashCommand,
  type UploadedImage,
} from '@mjq/discord';

/** The slash command a task needs from the command index, if any. */
export function commandNameFor(task: Pick<Task, 'action'>): 'imagine' | 'describe' | 'blend' | 'shorten' | undefined {
  switch (task.action) {
    case 'IMAGINE':
      return 'imagine';
    case 'DESCRIBE':
      return 'describe';
    case 'BLEND':
      return 'blend';
    case 'SHORTEN':
      return 'shorten';
    default:
      return undefined;
  }
}

export class TaskNotSendable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TaskNotSendable';
  }
}

/** What a send needs besides the task: the command (for slash commands) and uploaded files. */
export interface SendInputs {
  promptFull: string;
  command?: SlashCommand;
  uploaded: UploadedImage[];
}

/**
 * The interaction that runs a task. Pure: the payload follows from the task, so the same task
 * always produces the same interaction (a retried job sends what the first attempt sent).
 */
export function interactionForTask(task: Task, ctx: InteractionContext, inputs: SendInputs): InteractionPayload<unknown> {
  const command = () => {
    if (!inputs.command) throw new TaskNotSendable(`${task.action} needs a slash command`);
    return inputs.command;
  };
  switch (task.action) {
    case 'IMAGINE':
      return buildImagineInteraction(ctx, command(), inputs.promptFull);
    case 'SHORTEN':
      // No marker: /shorten would analyse it as part of the prompt. Its answer carries the nonce.
      return buildShortenInteraction(ctx, command(), task.prompt);
    case 'DESCRIBE': {
      const image = inputs.uploaded[0];
      if (!image) throw new TaskNotSendable('describe has no uploaded image');
      return buildDescribeInteraction(ctx, command(), { image });
    }
    case 'BLEND':
      return buildBlendInteraction(ctx, command(), inputs.uploaded, task.dimensions);
    case 'UPSCALE':
    case 'VARIATION':
    case 'REROLL':
    case 'ACTION':
      if (!task.customId || !task.parentMessageId) throw new TaskNotSendable(`${task.action} task without a button to click`);
      return buildButtonInteraction(ctx, task.parentMessageId, task.customId, task.parentMessageFlags ?? 0);
    default:
      throw new TaskNotSendable(`${task.action} is not sent as an interaction`);
  }
}

/**
 * The submit of the modal a click opened. The client's text gets this task's marker (any other
 * marker removed: Midjourney prefills the parent's prompt, marker included), so that the
 * result's prompt names this task rather than its parent.
 */
export function modalSubmitForTask(task: Task, ctx: InteractionContext): InteractionPayload<unknown> {
  const modal = task.modal;
  if (!modal?.prompt || !modal.inputId) throw new TaskNotSendable('the task has no modal input to submit');
  return buildModalSubmitInteraction(ctx, modal.interactionId, modal.customId, [{ customId: modal.inputId, value: markedModalText(task) }]);
}

function markedModalText(task: Task): string {
  return buildPromptWithMarker(task.id, (task.modal?.prompt ?? '').replace(/<#\w+?#>/g, '').trim());
}

/** What Vary (Region)'s editor posts to Midjourney's activity host (§3.4); ids are "0" there. */
export interface InpaintSubmit {
  customId: string;
  prompt: string;
  mask: string;
  userId: '0';
  username: '0';
}

/** The editor's submit: the iframe token, the marked text and the mask (base64, no `data:` prefix). */
export function inpaintSubmitForTask(task: Task, mask: Buffer): InpaintSubmit {
  const modal = task.modal;
  if (!modal?.prompt || !modal.customId.startsWith('MJ::iframe::')) throw new TaskNotSendable('the task has no Vary (Region) edit to submit');
  return { customId: modal.customId.slice('MJ::iframe::'.length), prompt: markedModalText(task), mask: mask.toString('base64'), userId: '0', username: '0' };
}
