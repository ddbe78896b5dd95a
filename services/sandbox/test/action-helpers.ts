import { PNG } from 'pngjs';
import { expect } from 'vitest';
import { decodePng } from '../src/images/png.js';
import type { Raster } from '../src/images/raster.js';
import { decodeWebpLossless } from '../src/images/webp-lossless.js';
import type { DiscordMessage, Sandbox } from '../src/index.js';
import { buttonPayload, eventually, findCommand, imagine, newNonce, liveSessionId, postInteraction, resultOf, userHeaders } from './helpers.js';

/** A PNG whose colours come from `seed`, so two seeds give two different images. */
export function pngBytes(seed: number, width = 64, height = 48): Buffer {
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      png.data[i] = (seed * 67 + x * 3) % 256;
      png.data[i + 1] = (seed * 131 + y * 5) % 256;
      png.data[i + 2] = (seed * 29 + x + y) % 256;
      png.data[i + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}

export interface Slot {
  id: unknown;
  upload_filename: string;
  upload_url: string;
}

/** `POST /channels/{id}/attachments` then `PUT upload_url` (§2.4); returns the slot. */
export async function upload(sandbox: Sandbox, filename: string, bytes: Buffer, id: unknown = '0'): Promise<Slot> {
  const res = await fetch(`${sandbox.apiBase}/v9/channels/${sandbox.channelId}/attachments`, {
    method: 'POST',
    headers: userHeaders(sandbox),
    body: JSON.stringify({ files: [{ id, filename, file_size: bytes.length }] }),
  });
  expect(res.status).toBe(200);
  const slot = ((await res.json()) as { attachments: Slot[] }).attachments[0]!;
  const put = await fetch(slot.upload_url, { method: 'PUT', headers: { 'Content-Type': 'image/png' }, body: bytes });
  expect(put.status).toBe(200);
  return slot;
}

export type Option = { type: number; name: string; value?: unknown; options?: Option[] };

/** A slash command with options and `data.attachments` (§3.2), as a user client sends it. */
export async function command(
  sandbox: Sandbox,
  name: string,
  options: Option[],
  attachments: Array<{ id: string; filename: string; uploaded_filename: string }> = [],
  nonce = newNonce(),
): Promise<{ res: Response; nonce: string }> {
  const { id, version } = await findCommand(sandbox, name);
  const body = {
    type: 2,
    application_id: sandbox.applicationId,
    guild_id: sandbox.guildId,
    channel_id: sandbox.channelId,
    session_id: liveSessionId(sandbox),
    nonce,
    data: { version, id, name, type: 1, options, attachments },
  };
  return { res: await postInteraction(sandbox, body), nonce };
}

/** Clicks `customId` on `message`; returns the answer and the click's nonce. */
export async function click(sandbox: Sandbox, message: { id: string }, customId: string): Promise<{ res: Response; nonce: string }> {
  const body = buttonPayload(sandbox, message.id, customId);
  return { res: await postInteraction(sandbox, body), nonce: body.nonce as string };
}

/** A type 5 submit of the modal opened under `interactionId` (§3.4). */
export async function submitModal(sandbox: Sandbox, interactionId: string, customId: string, inputId: string, value: string, nonce = newNonce()) {
  const body = {
    type: 5,
    application_id: sandbox.applicationId,
    guild_id: sandbox.guildId,
    channel_id: sandbox.channelId,
    session_id: liveSessionId(sandbox),
    nonce,
    data: { id: interactionId, custom_id: customId, components: [{ type: 1, components: [{ type: 4, custom_id: inputId, value }] }] },
  };
  return { res: await postInteraction(sandbox, body), nonce };
}

export function customIds(message: DiscordMessage): string[] {
  return message.components.flatMap((row) => row.components.map((c) => c.custom_id ?? c.url ?? ''));
}

/**
 * The live message replying to `parentId` that holds a result: an image and buttons other than
 * Cancel Job (today's progress messages have a preview and that one, §4.8).
 */
export function replyTo(sandbox: Sandbox, parentId: string, match: (m: DiscordMessage) => boolean = () => true): Promise<DiscordMessage> {
  return eventually(() =>
    sandbox.state.messages
      .all()
      .map((s) => (s.deleted ? undefined : s.message))
      .find((m) => m?.message_reference?.message_id === parentId && m.attachments.length > 0 && isResult(m) && match(m)),
  );
}

function isResult(message: DiscordMessage): boolean {
  return customIds(message).some((id) => !id.startsWith('MJ::CancelJob::'));
}

/** A finished /imagine of `prompt`. */
export async function grid(sandbox: Sandbox, prompt: string): Promise<DiscordMessage> {
  expect((await imagine(sandbox, prompt)).status).toBe(204);
  return eventually(() => resultOf(sandbox, prompt));
}

/** Job id of a result, from its file name `<user>_<slug>_<uuid>.png` (§3.5), `.webp` for today's grids (§4.8). */
export function jobIdOf(message: DiscordMessage): string {
  return /_([0-9a-f-]{36})\.(?:png|webp)$/.exec(message.attachments[0]!.filename)![1]!;
}

/** What today's grids of button jobs say between the mention and the mode (§4.8). */
export function website(message: DiscordMessage): string {
  return `[(Open on website for full quality)](<https://midjourney.com/jobs/${jobIdOf(message)}>) `;
}

/** Downloads and decodes an image the sandbox serves: a PNG, or one of its own `.webp` grids. */
export async function downloadImage(url: string, contentType?: 'image/png' | 'image/webp'): Promise<Raster> {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  const type = res.headers.get('content-type');
  if (contentType) expect(type).toBe(contentType);
  const bytes = Buffer.from(await res.arrayBuffer());
  const image = type === 'image/webp' ? decodeWebpLossless(bytes) : decodePng(bytes);
  expect(image, `${type} at ${url}`).toBeDefined();
  return image!;
}

/** Mean RGB of a region. */
export function meanColour(image: Raster, x0 = 0, y0 = 0, width = image.width, height = image.height): number[] {
  const sum = [0, 0, 0];
  for (let y = y0; y < y0 + height; y++) {
    for (let x = x0; x < x0 + width; x++) for (let c = 0; c < 3; c++) sum[c]! += image.data[(y * image.width + x) * 4 + c]!;
  }
  return sum.map((s) => s / (width * height));
}

export async function errorBody(res: Response): Promise<{ status: number; code: unknown; inner?: unknown }> {
  const body = (await res.json()) as { code: unknown; errors?: unknown };
  const inner = JSON.stringify(body.errors ?? {}).match(/"code":"(\w+)"/)?.[1];
  return { status: res.status, code: body.code, ...(inner ? { inner } : {}) };
}
