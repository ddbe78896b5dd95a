import type { AttachmentStore } from '../cdn/attachment-store.js';
import { MAX_UPLOAD_BYTES, type UploadStore } from '../cdn/upload-store.js';
import { json, type Reply } from '../http/http-io.js';
import type { World } from '../world.js';
import { errorReply, invalidFormBody, UnknownChannel } from './errors.js';
import type { RestRoute } from './router.js';

export interface AttachmentRouteDeps {
  world: World;
  uploads: UploadStore;
  attachments: AttachmentStore;
  /** The sandbox's public base URL: upload URLs are absolute, on the sandbox itself (§2.4). */
  baseUrl: string;
}

/** Discord's per-message attachment limit. */
const MAX_FILES = 10;
export const EntityTooLarge = { status: 413, code: 40005, message: 'Request entity too large' } as const;

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Upload slots (§2.4) and fresh signatures for CDN links (§6). */
export function attachmentRoutes(deps: AttachmentRouteDeps): RestRoute[] {
  return [
    {
      method: 'POST',
      path: '/channels/{channelId}/attachments',
      auth: 'any',
      handle: ({ params, body, identity }) =>
        params.channelId !== deps.world.channelId ? errorReply(UnknownChannel) : uploadSlots(deps, params.channelId, identity.user.id, body),
    },
    { method: 'POST', path: '/attachments/refresh-urls', auth: 'any', handle: ({ body }) => refreshUrls(deps.attachments, body) },
  ];
}

/**
 * `{"files":[{"id":"0","filename":"cat.png","file_size":52341}]}` → one slot per file:
 * `{id, upload_filename: "<uuid>/cat.png", upload_url}`. The `id` comes back as it was sent, string
 * or number (§2.4: peers send both; which one Discord returns is unverified).
 */
function uploadSlots(deps: AttachmentRouteDeps, channelId: string, userId: string, body: unknown): Reply {
  const files = isRecord(body) ? body.files : undefined;
  if (!Array.isArray(files) || files.length === 0) return invalidFormBody(['files'], 'BASE_TYPE_REQUIRED', 'This field is required');
  if (files.length > MAX_FILES) return invalidFormBody(['files'], 'BASE_TYPE_MAX_LENGTH', `Must be ${MAX_FILES} or fewer in length.`);
  for (const [i, file] of files.entries()) {
    if (!isRecord(file) || typeof file.filename !== 'string' || file.filename.trim() === '') {
      return invalidFormBody(['files', String(i), 'filename'], 'BASE_TYPE_REQUIRED', 'This field is required');
    }
    if (file.file_size !== undefined && (typeof file.file_size !== 'number' || file.file_size < 0)) {
      return invalidFormBody(['files', String(i), 'file_size'], 'NUMBER_TYPE_COERCE', 'Value is not int.');
    }
    if (typeof file.file_size === 'number' && file.file_size > MAX_UPLOAD_BYTES) return errorReply(EntityTooLarge);
  }
  const attachments = (files as Json[]).map((file, i) => {
    const slot = deps.uploads.open(channelId, userId, file.filename as string);
    const [uuid, ...name] = slot.uploadFilename.split('/');
    const path = `/upload/${uuid}/${encodeURIComponent(name.join('/'))}`;
    return { id: file.id ?? i, upload_filename: slot.uploadFilename, upload_url: `${deps.baseUrl}${path}?upload_id=${slot.uploadId}` };
  });
  return json(200, { attachments });
}

/** `{"attachment_urls":[…]}` → `{"refreshed_urls":[{original, refreshed}]}`; links to nothing of ours come back unchanged. */
function refreshUrls(attachments: AttachmentStore, body: unknown): Reply {
  const urls = isRecord(body) ? body.attachment_urls : undefined;
  if (!Array.isArray(urls) || urls.some((u) => typeof u !== 'string')) {
    return invalidFormBody(['attachment_urls'], 'BASE_TYPE_REQUIRED', 'Must be a list of URLs.');
  }
  return json(200, { refreshed_urls: (urls as string[]).map((original) => ({ original, refreshed: attachments.refresh(original) ?? original })) });
}
