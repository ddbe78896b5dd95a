import { parseAcknowledgement } from './acknowledgements.js';
import {
  isBlendPrompt,
  isRatingAnswer,
  jobLinkIn,
  parseJobTail,
  parseNumberedPrompts,
  splitBoldPrompt,
  textErrorCode,
} from './content-patterns.js';
import { MESSAGE_FLAG_EPHEMERAL, MESSAGE_FLAG_LOADING, type DiscordEmbed, type DiscordMessage } from './discord-types.js';
import { classifyMidjourneyEmbed } from './embed-classifier.js';
import { flattenButtons, hashFromButtons } from './message-buttons.js';
import { extractMessageHash } from './message-hash.js';
import type { ParsedMessage, ResultKind } from './parsed-message.js';
import { extractTaskMarker } from './task-marker.js';

/** Commands whose answer is text, not an image job (§4.5). */
const TEXT_COMMANDS = new Set(['describe', 'shorten', 'info', 'settings', 'fast', 'relax', 'turbo', 'prefer remix']);

/**
 * Reads any Midjourney message (create or update) into one flat shape. Never throws: input that
 * matches nothing, or is not even shaped like a message, yields stage `unknown` (§4, §5.1).
 */
export function parseMidjourneyMessage(msg: DiscordMessage): ParsedMessage {
  const parsed = envelope(msg);
  try {
    return classify(msg, parsed);
  } catch {
    return parsed;
  }
}

function envelope(msg: DiscordMessage): ParsedMessage {
  const parsed: ParsedMessage = {
    messageId: String(msg?.id ?? ''),
    channelId: String(msg?.channel_id ?? ''),
    stage: 'unknown',
    kind: 'unknown',
    imageUrls: [],
    buttons: [],
    ephemeral: ((msg?.flags ?? 0) & MESSAGE_FLAG_EPHEMERAL) !== 0,
  };
  if (msg?.nonce !== undefined && msg.nonce !== null) parsed.nonce = String(msg.nonce);
  const interactionId = msg?.interaction_metadata?.id ?? msg?.interaction?.id;
  if (interactionId) parsed.interactionId = interactionId;
  const interactionName = msg?.interaction_metadata?.name ?? msg?.interaction?.name;
  if (interactionName) parsed.interactionName = interactionName;
  const reference = msg?.message_reference?.message_id ?? msg?.interaction_metadata?.interacted_message_id;
  if (reference) parsed.referencedMessageId = reference;
  return parsed;
}

function classify(msg: DiscordMessage, parsed: ParsedMessage): ParsedMessage {
  const content = typeof msg.content === 'string' ? msg.content : '';
  const embed: DiscordEmbed | undefined = Array.isArray(msg.embeds) ? msg.embeds[0] : undefined;
  const attachments = Array.isArray(msg.attachments) ? msg.attachments : [];
  parsed.buttons = flattenButtons(Array.isArray(msg.components) ? msg.components : []);
  parsed.imageUrls = attachments.map((a) => a.url).filter((url) => typeof url === 'string');
  if (parsed.imageUrls.length === 0 && embed?.image?.url) parsed.imageUrls = [embed.image.url];
  if (parsed.imageUrls[0]) parsed.imageUrl = parsed.imageUrls[0];
  const hash =
    attachments.map((a) => extractMessageHash(a.filename ?? a.url ?? '')).find(Boolean) ??
    hashFromButtons(parsed.buttons) ??
    extractMessageHash(jobLinkIn(content) ?? '');
  if (hash) parsed.messageHash = hash;
  parsed.kind = kindOfCommand(parsed.interactionName);

  const { prompt, tail } = splitBoldPrompt(content);
  if (prompt !== undefined) parsed.prompt = prompt;
  // Error embeds have no bold prompt but echo the command (`/imagine <prompt>`) in the footer (§5.1).
  const markerText = prompt ?? [content, embed?.title, embed?.description, embed?.footer?.text].filter(Boolean).join('\n');
  const taskId = extractTaskMarker(markerText);
  if (taskId) parsed.taskId = taskId;

  if (embed) {
    const { stage, code } = classifyMidjourneyEmbed(embed);
    if (stage === 'queued') return { ...parsed, stage };
    if (stage === 'error' && code)
      return { ...parsed, stage, error: { code, title: embed.title ?? '', description: embed.description ?? '' } };
  }
  const textError = textErrorCode(tail);
  if (textError) {
    const text = tail.trim();
    return { ...parsed, stage: 'error', error: { code: textError, title: text.split('\n', 1)[0] ?? '', description: text } };
  }

  if (prompt === undefined && isRatingAnswer(content)) return { ...parsed, stage: 'text_result', kind: 'bookmark' };
  const ack = prompt === undefined ? parseAcknowledgement(content) : undefined;
  if (ack) {
    // The marker was already read from the whole content, the bold prompt included.
    return { ...parsed, ...ack };
  }

  const job = prompt !== undefined ? parseJobTail(tail) : undefined;
  if (job) {
    const { stage, ...details } = job;
    const kind = job.kind === 'imagine' && isVideo(msg, parsed, prompt ?? '') ? 'video' : jobKind(job.kind, parsed.interactionName, prompt ?? '');
    const result: ParsedMessage = { ...parsed, ...details, kind };
    if (stage !== 'final') return { ...result, stage };
    return attachments.length > 0 ? { ...result, stage: 'done', progress: 100 } : result;
  }

  if (((msg.flags ?? 0) & MESSAGE_FLAG_LOADING) !== 0) return { ...parsed, stage: 'waiting' };
  return textResult(parsed, embed);
}

/** describe/shorten answers arrive as an embed edit of the same message (§4.5). */
function textResult(parsed: ParsedMessage, embed: DiscordEmbed | undefined): ParsedMessage {
  const prompts = parseNumberedPrompts(embed?.description ?? '');
  const shorten = parsed.interactionName === 'shorten' || /shortened prompts/i.test(embed?.footer?.text ?? '');
  if (prompts.length > 0) return { ...parsed, stage: 'text_result', kind: shorten ? 'shorten' : 'describe', prompts };
  if (parsed.kind === 'describe' || parsed.kind === 'shorten') return { ...parsed, stage: 'waiting' };
  if (parsed.interactionName && TEXT_COMMANDS.has(parsed.interactionName)) return { ...parsed, stage: 'text_result' };
  return parsed;
}

/**
 * A video job reads like an imagine (§4.8): `**<prompt> --video 1** - <@uid> (35%) (fast)`. Its
 * prompt carries `--video`, its progress frames are `<job id>_<clip>_step_<n>.jpeg`, and the
 * finished video has `video_virtual_upscale` buttons.
 */
const VIDEO_PARAMETER = /(?:^|\s)--video(?:\s|$)/;
const STEP_FRAME = /_\d+_step_\d+\.\w+$/;

function isVideo(msg: DiscordMessage, parsed: ParsedMessage, prompt: string): boolean {
  if (VIDEO_PARAMETER.test(prompt)) return true;
  if ((msg.attachments ?? []).some((a) => STEP_FRAME.test(a.filename ?? ''))) return true;
  return parsed.buttons.some((b) => b.customId.startsWith('MJ::JOB::video_virtual_upscale::'));
}

function kindOfCommand(name: string | undefined): ResultKind {
  return name === 'imagine' || name === 'blend' || name === 'describe' || name === 'shorten' ? name : 'unknown';
}

/**
 * /blend results read like imagine ones (§4.3). A blend cannot carry our marker, so a prompt of
 * only image links and parameters is taken as a blend when no interaction name says otherwise.
 */
function jobKind(kind: ResultKind, interactionName: string | undefined, prompt: string): ResultKind {
  if (kind !== 'imagine') return kind;
  if (interactionName === 'blend') return 'blend';
  return interactionName === undefined && isBlendPrompt(prompt) ? 'blend' : 'imagine';
}
