import {
  AppError,
  BLEND_DIMENSION_OF,
  isTerminal,
  parseSimpleChange,
  type MjChangeRequest,
  type MjImagineRequest,
  type Task,
} from '@mjq/common';
import { assertButtonOn, assertFinished, childDraft, clickOf, gridCustomId, rerollCustomId } from '../button-choice.js';
import type { RequestContext } from '../context.js';
import { submitModalInput } from '../modal-submitter.js';
import { assertRedisReady } from '../storage-guard.js';
import { knownTask } from '../task-lookup.js';
import { submitTask, type TaskDraft } from '../task-submitter.js';
import { MJ_CODES, submittedAnswer, type MjSubmitResult } from './mj-answer.js';
import { decodeBase64Image, decodeBase64Images } from './mj-base64.js';
import { discordLinks, storeImage } from './mj-images.js';
import { waitForModal } from './mj-modal-wait.js';

// Thin adapters from the proxy API's requests to mjq's submitters: the same admission, banned
// words, accounts and queue as /v1, with the proxy's fields (state, botType, notifyHook).

interface ProxyFields {
  notifyHook?: string;
  state?: string;
  botType?: string;
}

/** What every task of the proxy API records: callbacks to its notifyHook carry the proxy's Task object. */
function proxyDraft(ctx: RequestContext, fields: ProxyFields): Pick<TaskDraft, 'callbackUrl' | 'callbackFormat' | 'state' | 'botType' | 'mode'> {
  return { callbackUrl: fields.notifyHook, callbackFormat: 'proxy', state: fields.state, botType: fields.botType, mode: ctx.mode };
}

export async function mjImagine(ctx: RequestContext, req: MjImagineRequest, signal?: AbortSignal): Promise<MjSubmitResult> {
  assertRedisReady(ctx);
  const images = decodeBase64Images(req.base64Array, 'base64Array');
  // A prompt refused anyway is refused before its images are posted to Discord.
  const banned = images.length ? (await ctx.bannedWords.match(req.prompt)).length > 0 : false;
  const imageUrls = images.length && !banned ? await discordLinks(ctx, images, signal) : [];
  const task = await submitTask(ctx, { action: 'IMAGINE', prompt: req.prompt, imageUrls, ...proxyDraft(ctx, req) }, { screen: req.prompt });
  return submittedAnswer(ctx, task);
}

/** Buttons whose modal needs the client's own input: the answer is 21 and /mj/submit/modal continues. */
const needsClientModal = (customId: string) => /^MJ::(CustomZoom|Inpaint)::/.test(customId);

/** A click on a finished task's button; a Remix modal it opens is submitted with its own prompt. */
async function clickButton(ctx: RequestContext, parent: Task, customId: string, fields: ProxyFields): Promise<MjSubmitResult> {
  assertFinished(parent);
  assertButtonOn(parent, customId);
  const own = needsClientModal(customId);
  const draft: TaskDraft = {
    ...childDraft(parent, clickOf(customId)),
    ...proxyDraft(ctx, fields),
    // A child reports where its parent does only if that is a notifyHook (a /v1 callback expects the seed's body).
    callbackUrl: fields.notifyHook ?? (parent.callbackFormat === 'proxy' ? parent.callbackUrl : undefined),
    mode: parent.mode,
    state: fields.state ?? parent.state,
    botType: fields.botType ?? parent.botType,
    autoModal: !own,
  };
  const task = await submitTask(ctx, draft);
  if (own) {
    return { code: MJ_CODES.EXISTED, description: 'Waiting for window confirm', result: task.id, properties: { finalPrompt: parent.prompt, remix: true } };
  }
  return submittedAnswer(ctx, task);
}

export async function mjAction(ctx: RequestContext, req: ProxyFields & { taskId: string; customId: string }): Promise<MjSubmitResult> {
  assertRedisReady(ctx);
  return clickButton(ctx, await knownTask(ctx, req.taskId), req.customId, req);
}

/** U1–U4, V1–V4 or 🔄 of a grid, named as the old proxy API names them. */
export async function mjChange(ctx: RequestContext, req: ProxyFields & Pick<MjChangeRequest, 'taskId' | 'action' | 'index'>): Promise<MjSubmitResult> {
  assertRedisReady(ctx);
  const parent = await knownTask(ctx, req.taskId);
  assertFinished(parent);
  if (req.action === 'REROLL') return clickButton(ctx, parent, rerollCustomId(parent), req);
  if (!req.index || req.index < 1 || req.index > 4) throw new AppError('VALIDATION_ERROR', 'index must be 1–4');
  return clickButton(ctx, parent, gridCustomId(req.action === 'UPSCALE' ? 'upsample' : 'variation', req.index, parent.messageHash ?? ''), req);
}

export async function mjSimpleChange(ctx: RequestContext, req: ProxyFields & { content: string }): Promise<MjSubmitResult> {
  return mjChange(ctx, { ...req, ...parseSimpleChange(req.content) });
}

/** The text (and, for Vary (Region), the mask) of a task waiting for its modal. */
export async function mjModal(ctx: RequestContext, req: { taskId: string; prompt?: string; maskBase64?: string }): Promise<MjSubmitResult> {
  assertRedisReady(ctx);
  let task = await knownTask(ctx, req.taskId);
  // Answered 21 at once, the click may still be on its way to Discord: wait for its modal.
  if (!isTerminal(task.status) && task.status !== 'MODAL') task = (await waitForModal(ctx, task.id)) ?? task;
  if (req.maskBase64) decodeBase64Image(req.maskBase64, 'maskBase64');
  const prompt = req.prompt ?? task.modal?.value ?? task.prompt;
  await submitModalInput(ctx, { trigger_id: task.id, prompt, maskBase64: req.maskBase64 });
  return submittedAnswer(ctx, task);
}

export async function mjBlend(ctx: RequestContext, req: ProxyFields & { base64Array: string[]; dimensions: keyof typeof BLEND_DIMENSION_OF }): Promise<MjSubmitResult> {
  assertRedisReady(ctx);
  const images = decodeBase64Images(req.base64Array, 'base64Array');
  const uploads = [];
  for (const image of images) uploads.push(await storeImage(ctx, image));
  const task = await submitTask(ctx, { action: 'BLEND', prompt: '', uploads, dimensions: BLEND_DIMENSION_OF[req.dimensions], ...proxyDraft(ctx, req) });
  return submittedAnswer(ctx, task);
}

export async function mjDescribe(ctx: RequestContext, req: ProxyFields & { base64?: string; link?: string }): Promise<MjSubmitResult> {
  assertRedisReady(ctx);
  if (!req.base64) {
    throw new AppError('VALIDATION_ERROR', req.link ? 'link is not supported: send the image as base64' : 'base64 is required');
  }
  const upload = await storeImage(ctx, decodeBase64Image(req.base64, 'base64'));
  const task = await submitTask(ctx, { action: 'DESCRIBE', prompt: '', uploads: [upload], ...proxyDraft(ctx, req) });
  return submittedAnswer(ctx, task);
}

export async function mjShorten(ctx: RequestContext, req: ProxyFields & { prompt: string }): Promise<MjSubmitResult> {
  assertRedisReady(ctx);
  const task = await submitTask(ctx, { action: 'SHORTEN', prompt: req.prompt, ...proxyDraft(ctx, req) }, { screen: req.prompt });
  return submittedAnswer(ctx, task);
}

/** Posts the images to Discord and answers their CDN links (the proxy's upload-discord-images). */
export async function mjUploadDiscordImages(ctx: RequestContext, base64Array: string[], signal?: AbortSignal): Promise<{ code: number; description: string; result: string[] }> {
  assertRedisReady(ctx);
  const links = await discordLinks(ctx, decodeBase64Images(base64Array, 'base64Array'), signal);
  return { code: MJ_CODES.SUCCESS, description: 'Submit success', result: links };
}
