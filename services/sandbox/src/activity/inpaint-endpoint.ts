import { INVALID_JSON, json, parseJsonBody, type Reply } from '../http/http-io.js';
import { isMaskImage } from '../images/mask.js';
import type { RegionSubmit } from '../interaction.js';
import type { RegionEditors } from '../midjourney/region-editors.js';

/** Real: `https://936929561302675456.discordsays.com/inpaint/api/submit-job` (§3.4). */
export const INPAINT_SUBMIT_PATH = '/inpaint/api/submit-job';

/** Standard base64, padding optional: no `data:` prefix, no whitespace. */
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const fail = (status: number, error: string): Reply => json(status, { success: false, error });

/**
 * Midjourney's activity host, where the Vary (Region) editor (an iframe in the Discord client)
 * posts `{customId, prompt, mask, userId, username}` (§3.4). The token alone says whose editor it
 * is: the real page is authorised by the Discord activity it runs in, which the sandbox does not
 * simulate, so any `authorization` header (or none) is accepted. An unknown, used or expired token
 * answers 404; a missing prompt or a mask that is not base64 of a PNG/WebP 400; else 200 and the job starts.
 */
export class InpaintEndpoint {
  constructor(
    private readonly editors: RegionEditors,
    private readonly submit: (edit: RegionSubmit) => void,
  ) {}

  /** The reply for the submit path, or undefined when `pathname` is not it. */
  handle(method: string, pathname: string, raw: Buffer): Reply | undefined {
    if (pathname !== INPAINT_SUBMIT_PATH) return undefined;
    if (method !== 'POST') return fail(405, 'Method not allowed');
    const body = parseJsonBody(raw);
    if (body === INVALID_JSON || !isRecord(body)) return fail(400, 'The body must be a JSON object');
    const editor = this.editors.find(body.customId);
    if (!editor) return fail(404, 'Unknown, used or expired customId');
    const prompt = typeof body.prompt === 'string' ? body.prompt.trim() : '';
    if (prompt === '') return fail(400, 'prompt is required');
    const mask = decodeMask(body.mask);
    if (typeof mask === 'string') return fail(400, mask);
    this.editors.close(editor.token);
    const { id, user, guildId, channelId, sessionId } = editor.click;
    this.submit({ kind: 'region', id, receivedAt: Date.now(), user, guildId, channelId, sessionId, prompt, mask, message: editor.parent });
    return json(200, { success: true });
  }
}

/** The mask's bytes, or why they are refused. */
function decodeMask(value: unknown): Buffer | string {
  if (typeof value !== 'string' || value === '') return 'mask is required';
  if (!BASE64.test(value)) return 'mask must be base64 without a data: prefix';
  const bytes = Buffer.from(value, 'base64');
  return isMaskImage(bytes) ? bytes : 'mask must be a PNG or WebP image';
}
