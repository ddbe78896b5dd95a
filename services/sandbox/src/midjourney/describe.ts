import { storeUpload } from '../cdn/store-upload.js';
import type { UploadedFile } from '../cdn/upload-store.js';
import type { DiscordMessage } from '../discord-types.js';
import { renderGrid } from '../images/grid-render.js';
import { imageInfo } from '../images/image-size.js';
import { decodeImage } from '../images/decode.js';
import { encodePng } from '../images/png.js';
import type { AcceptedInteraction, CommandInteraction, ComponentInteraction } from '../interaction.js';
import type { ActionContext, MidjourneyAction } from './action.js';
import { describeComponents, keycap } from './buttons.js';
import { deferredReply } from './deferred-reply.js';
import { describePrompts } from './describe-text.js';
import { errorMessage } from './mj-messages.js';

type Refusal = { title: string; description: string };

const INVALID_LINK: Refusal = { title: 'Invalid link', description: 'The link does not point to an image Midjourney can read.' };

/**
 * /describe (§3.2, §4.5) with an uploaded `image` or a `link`: the deferred create with the nonce,
 * then the edit with four numbered prompts, the image (keeping its file name, with width and
 * height — the seed needs both) and the PicReader buttons.
 */
export const describe: MidjourneyAction<CommandInteraction> = async (ctx, ix) => {
  const source = commandSource(ctx, ix);
  if ('title' in source) {
    ctx.feed.create(errorMessage(ctx, ix, source.title, source.description));
    return;
  }
  await describeFile(ctx, ix, source);
};

/** 🔄 `MJ::Picread::Retry` on a describe answer: the same image described anew, as a reply. */
export async function describeAgain(ctx: ActionContext, ix: ComponentInteraction): Promise<void> {
  const url = ix.message.embeds[0]?.image?.url;
  const file = url === undefined ? undefined : ctx.attachments.open(url);
  if (!file) {
    ctx.feed.create(errorMessage(ctx, ix, INVALID_LINK.title, INVALID_LINK.description));
    return;
  }
  await describeFile(ctx, ix, file, ix.message);
}

async function describeFile(ctx: ActionContext, ix: AcceptedInteraction, file: UploadedFile, parent?: DiscordMessage): Promise<void> {
  const info = imageInfo(file.bytes);
  if (!info) {
    ctx.feed.create(errorMessage(ctx, ix, 'Invalid parameter', 'The file is not an image Midjourney can read (PNG, JPEG, GIF or WebP).'));
    return;
  }
  await deferredReply(ctx, ix, { slot: true, ...(parent ? { parent } : {}) }, () => {
    const hosted = storeUpload(ctx.attachments, ix.channelId, file);
    const pixels = decodeImage(file.bytes);
    const prompts = describePrompts({ filename: file.filename, width: info.width, height: info.height, ...(pixels ? { pixels } : {}) }, ix.id);
    const description = prompts.map((prompt, i) => `${keycap(i + 1)} ${prompt}`).join('\n\n');
    const image = { url: hosted.url, proxy_url: hosted.proxy_url, width: info.width, height: info.height };
    return { embeds: [{ type: 'rich', description, image }], components: describeComponents() };
  });
}

/**
 * The image to describe: the upload, one of our own CDN links (it must still be valid, as on
 * Discord), or any other http(s) link. Midjourney would download the latter; the sandbox never
 * leaves the machine, so it draws a stand-in from the link, named after it.
 */
function commandSource(ctx: ActionContext, ix: CommandInteraction): UploadedFile | Refusal {
  const upload = ix.files.image;
  if (upload) return upload;
  const link = typeof ix.options.link === 'string' ? ix.options.link.trim() : '';
  if (link === '') return { title: 'Invalid request', description: 'Attach an image or give a link to describe.' };
  if (ctx.attachments.owns(link)) return ctx.attachments.open(link) ?? INVALID_LINK;
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return INVALID_LINK;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return INVALID_LINK;
  return { filename: lastSegment(url) || 'image.png', contentType: 'image/png', bytes: encodePng(renderGrid(link, 512)) };
}

function lastSegment(url: URL): string {
  const segment = url.pathname.split('/').pop() ?? '';
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
