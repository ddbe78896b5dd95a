import type { CallbackEvent, Task, TaskUpdate } from '@mjq/common';
import { toTaskAttachments, type DiscordMessage, type ParsedMessage } from '@mjq/discord';

export interface PlannedUpdate {
  update: TaskUpdate;
  event: CallbackEvent;
}

const MODES = { fast: 'fast', relaxed: 'relax', turbo: 'turbo' } as const;

function toButtons(parsed: ParsedMessage): Task['buttons'] {
  return parsed.buttons.map((b) => ({ customId: b.customId, label: b.label, emoji: b.emoji, style: b.style, url: b.url }));
}

function toEmbeds(message: DiscordMessage): Task['embeds'] {
  return (message.embeds ?? []).map((e) => ({ title: e.title, description: e.description, color: e.color, imageUrl: e.image?.url }));
}

/**
 * What a Midjourney message means for its task: the status change to try and the callback to
 * send if the store accepts it. Pure; the store decides whether the change still applies
 * (forward-only), which is what makes replays and duplicates harmless.
 */
export function planTaskUpdate(parsed: ParsedMessage, message: DiscordMessage): PlannedUpdate | undefined {
  // The message's flags: a click on its buttons must carry them (message_flags, §3.1).
  // The interaction that started the job (its id comes with INTERACTION_SUCCESS too, which is
  // only linked to the task: recorded here, the task takes one write fewer).
  const base = { messageId: parsed.messageId, content: message.content, flags: message.flags, ...(parsed.interactionId && { interactionId: parsed.interactionId }) };
  // The job id is known before any image (a Cancel Job button, a preview's name): recorded at
  // once, it is how the job's later messages are told from a sibling's (correlation.ts).
  const job = { ...base, messageHash: parsed.messageHash };
  switch (parsed.stage) {
    case 'waiting':
    // An acknowledgement (§4.8) is the job's first message: started, nothing finished yet.
    case 'acknowledged':
      return { update: { status: 'IN_PROGRESS', progress: 0, fields: job }, event: 'start' };
    case 'progress':
      return {
        update: { status: 'IN_PROGRESS', progress: Math.min(99, parsed.progress ?? 0), fields: { ...job, imageUrl: parsed.imageUrl } },
        event: 'generating',
      };
    case 'done':
      return success({
        ...base,
        // Discord's URL until the pipeline has copied the image (result-image.ts).
        imageUrl: parsed.imageUrl,
        discordImageUrl: parsed.imageUrl,
        messageHash: parsed.messageHash,
        attachments: toTaskAttachments(message.attachments ?? []),
        buttons: toButtons(parsed),
        mode: parsed.mode ? MODES[parsed.mode] : undefined,
      });
    case 'text_result':
      // describe/shorten answer in an edit of the deferred message; a rating (❤️) in one reply,
      // the whole answer to its click (§4.8). Other text answers without numbered prompts
      // (settings, info, prefer…) belong to no task of ours: they finish nothing.
      if (parsed.kind === 'bookmark') return success(base);
      if (!parsed.prompts?.length) return undefined;
      return success({ ...base, prompts: parsed.prompts, embeds: toEmbeds(message), buttons: toButtons(parsed), imageUrl: parsed.imageUrl });
    case 'stopped':
      return failure(base, 'midjourney_error', 'Midjourney stopped the job', 'error');
    case 'error': {
      const e = parsed.error;
      const reason = e ? [e.title, e.description].filter(Boolean).join(': ') : 'Midjourney reported an error';
      return failure(base, e?.code ?? 'midjourney_error', reason, e?.code === 'banned_prompt' ? 'banned' : 'error');
    }
    default:
      return undefined;
  }
}

function success(fields: NonNullable<TaskUpdate['fields']>): PlannedUpdate {
  return { update: { status: 'SUCCESS', progress: 100, fields: { ...fields, finishTime: Date.now() } }, event: 'end' };
}

function failure(base: { messageId: string; content: string }, failCode: string, failReason: string, event: CallbackEvent): PlannedUpdate {
  return { update: { status: 'FAILURE', fields: { ...base, failCode, failReason, finishTime: Date.now() } }, event };
}
