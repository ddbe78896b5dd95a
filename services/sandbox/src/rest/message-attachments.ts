import type { UploadedFile, UploadStore } from '../cdn/upload-store.js';
import type { Reply } from '../http/http-io.js';
import { invalidFormBody } from './errors.js';

const MAX_ATTACHMENTS = 10;

/**
 * The uploads a posted message attaches (§2.4 "Sending an uploaded image as a message"):
 * `attachments: [{id, filename, uploaded_filename}]`, each naming a slot this user filled. An
 * unknown or empty slot is a 400 50035, as is an entry without `uploaded_filename` (the multipart
 * form, `files[n]`, is not simulated).
 */
export function uploadedAttachments(uploads: UploadStore, userId: string, list: unknown): UploadedFile[] | Reply {
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) return invalidFormBody(['attachments'], 'BASE_TYPE_LIST', 'Must be a list.');
  if (list.length > MAX_ATTACHMENTS) return invalidFormBody(['attachments'], 'BASE_TYPE_MAX_LENGTH', `Must be ${MAX_ATTACHMENTS} or fewer in length.`);
  const files: UploadedFile[] = [];
  for (const [i, entry] of list.entries()) {
    const record = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>) : {};
    const uploaded = uploads.uploaded(record.uploaded_filename, userId);
    if (!uploaded) return invalidFormBody(['attachments', String(i), 'uploaded_filename'], 'ATTACHMENT_NOT_FOUND', 'Unknown uploaded file.');
    const filename = typeof record.filename === 'string' && record.filename !== '' ? record.filename : uploaded.filename;
    files.push({ ...uploaded, filename });
  }
  return files;
}
