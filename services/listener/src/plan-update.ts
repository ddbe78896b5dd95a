import type { CallbackEvent, Task, TaskUpdate } from '@mjq/common';
import type { DiscordAttachment, ParsedMessage } from '@mjq/discord';

export interface PlannedUpdate {
  update: TaskUpdate;
  event: CallbackEvent;
}

const MODES = { fast: 'fast', relaxed: 'relax', turbo: 'turbo' } as const;

function toAttachments(raw: DiscordAttachment[]): Task['attachments'] {
  return raw.map((a) => ({
    id: a.id,
    filename: a.filename,
    url: a.url,
    proxyUrl: a.proxy_url,
    size: a.size,
    width: a.width,
    height: a.height,
    contentType: a.content_type,
  }));
}


/**
 * What a Midjourney message means for its task: the status change to try and the callback to
 * send if the store accepts it. Pure; the store decides whether the change still applies
 * (forward-only), which is what makes replays and duplicates harmless.
 */
export function planTaskUpdate(parsed: ParsedMessage, content: string, attachments: DiscordAttachment[]): PlannedUpdate | undefined {
  const base = { messageId: parsed.messageId, content };
  switch (parsed.stage) {
    case 'waiting':
      return { update: { status: 'IN_PROGRESS', progress: 0, fields: base }, event: 'start' };
    case 'progress':
      return {
        update: { status: 'IN_PROGRESS', progress: Math.min(99, parsed.progress ?? 0), fields: { ...base, imageUrl: parsed.imageUrl } },
        event: 'generating',
      };
    case 'done':
      return {
        update: {
          status: 'SUCCESS',
          progress: 100,
          fields: {
            ...base,
            imageUrl: parsed.imageUrl,
            messageHash: parsed.messageHash,
            attachments: toAttachments(attachments),
            buttons: parsed.buttons.map((b) => ({ customId: b.customId, label: b.label, emoji: b.emoji, style: b.style, url: b.url })),
            mode: parsed.mode ? MODES[parsed.mode] : undefined,
            finishTime: Date.now(),
          },
        },
        event: 'end',
      };
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

function failure(base: { messageId: string; content: string }, failCode: string, failReason: string, event: CallbackEvent): PlannedUpdate {
  return { update: { status: 'FAILURE', fields: { ...base, failCode, failReason, finishTime: Date.now() } }, event };
}
