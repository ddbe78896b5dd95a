import type { SlashCommand } from './command-index.js';
import {
  buildSlashCommandInteraction,
  type CommandAttachment,
  type CommandOption,
  type InteractionContext,
  type InteractionPayload,
  type SlashCommandData,
} from './interaction-payloads.js';

/** A file uploaded through `POST /channels/{cid}/attachments` + PUT (§2.4). */
export interface UploadedImage {
  filename: string;
  /** `upload_filename` of the slot answer: `<uuid>/<filename>`. */
  uploadedFilename: string;
}

export type DescribeSource = { image: UploadedImage } | { link: string };

/** The three aspect choices /blend offers (§3.2). */
export type BlendDimensions = '2:3' | '1:1' | '3:2';

const STRING = 3;
const ATTACHMENT = 11;

export function buildImagineInteraction(
  ctx: InteractionContext,
  command: SlashCommand,
  prompt: string,
): InteractionPayload<SlashCommandData> {
  expectCommand(command, 'imagine');
  return buildSlashCommandInteraction(ctx, command, [{ type: STRING, name: 'prompt', value: prompt }]);
}

export function buildShortenInteraction(
  ctx: InteractionContext,
  command: SlashCommand,
  prompt: string,
): InteractionPayload<SlashCommandData> {
  expectCommand(command, 'shorten');
  return buildSlashCommandInteraction(ctx, command, [{ type: STRING, name: 'prompt', value: prompt }]);
}

/** /describe takes either an uploaded file (`image`, value = attachment id) or a `link` (§3.2). */
export function buildDescribeInteraction(
  ctx: InteractionContext,
  command: SlashCommand,
  source: DescribeSource,
): InteractionPayload<SlashCommandData> {
  expectCommand(command, 'describe');
  if ('link' in source)
    return buildSlashCommandInteraction(ctx, command, [{ type: STRING, name: 'link', value: source.link }]);
  return buildSlashCommandInteraction(
    ctx,
    command,
    [{ type: ATTACHMENT, name: 'image', value: 0 }],
    [commandAttachment(source.image, 0)],
  );
}

/** /blend: `image1…imageN` with value 0…N-1 and as many attachments; Midjourney takes 2–5 (§3.2). */
export function buildBlendInteraction(
  ctx: InteractionContext,
  command: SlashCommand,
  images: UploadedImage[],
  dimensions?: BlendDimensions,
): InteractionPayload<SlashCommandData> {
  expectCommand(command, 'blend');
  if (images.length < 2 || images.length > 5) throw new RangeError(`blend takes 2 to 5 images, got ${images.length}`);
  const options: CommandOption[] = images.map((_, i) => ({ type: ATTACHMENT, name: `image${i + 1}`, value: i }));
  if (dimensions) options.push({ type: STRING, name: 'dimensions', value: `--ar ${dimensions}` });
  return buildSlashCommandInteraction(ctx, command, options, images.map(commandAttachment));
}

function commandAttachment(image: UploadedImage, index: number): CommandAttachment {
  return { id: String(index), filename: image.filename, uploaded_filename: image.uploadedFilename };
}

/** Sending /imagine data under another command's id is a wiring bug Discord would only reject later. */
function expectCommand(command: SlashCommand, name: string): void {
  if (command.name !== name) throw new TypeError(`expected the "${name}" command, got "${command.name}"`);
}
