import type { IncomingHttpHeaders } from 'node:http';
import type { Reply } from '../http/http-io.js';
import { imageInfo } from '../images/image-size.js';
import type { UploadStore } from './upload-store.js';

/** `upload_url` paths: `/upload/<uuid>/<filename>?upload_id=…` (§2.4; Google Cloud Storage on Discord). */
const UPLOAD_PATH = /^\/upload\/([0-9a-f-]{36})\/([^/]+)$/;

export function isUploadPath(pathname: string): boolean {
  return UPLOAD_PATH.test(pathname);
}

/**
 * The storage host behind upload slots: `PUT <upload_url>` with the raw bytes answers 200 and
 * fills the slot; an unknown slot or upload id answers 404. Size is capped before this runs.
 */
export class UploadEndpoint {
  constructor(private readonly uploads: UploadStore) {}

  /** The reply for an upload path, or undefined when `pathname` is not one. */
  handle(method: string, pathname: string, query: URLSearchParams, headers: IncomingHttpHeaders, body: Buffer): Reply | undefined {
    const m = UPLOAD_PATH.exec(pathname);
    if (!m) return undefined;
    if (method !== 'PUT') return { status: 405, body: { message: '405: Method Not Allowed', code: 0 } };
    let filename: string;
    try {
      filename = decodeURIComponent(m[2]!);
    } catch {
      return NOT_FOUND;
    }
    // A client that sends no type (or a generic one) still gets the right one from the bytes.
    const declared = headers['content-type'];
    const contentType = declared && declared !== 'application/octet-stream' ? declared : (imageInfo(body)?.contentType ?? 'application/octet-stream');
    return this.uploads.receive(`${m[1]}/${filename}`, query.get('upload_id'), body, contentType) ? { status: 200 } : NOT_FOUND;
  }
}

const NOT_FOUND: Reply = { status: 404, bytes: { data: Buffer.from('No such upload.'), contentType: 'text/plain' } };
