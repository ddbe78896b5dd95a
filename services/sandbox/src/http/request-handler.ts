import type { IncomingMessage, ServerResponse } from 'node:http';
import type { InpaintEndpoint } from '../activity/inpaint-endpoint.js';
import type { Cdn } from '../cdn/cdn.js';
import { isUploadPath, type UploadEndpoint } from '../cdn/upload-endpoint.js';
import { MAX_UPLOAD_BYTES } from '../cdn/upload-store.js';
import type { RestApi } from '../rest/rest-api.js';
import { BodyTooLarge, INVALID_JSON, json, parseJsonBody, readBody, writeReply, type Reply } from './http-io.js';

export interface HttpParts {
  rest: RestApi;
  cdn: Cdn;
  uploads: UploadEndpoint;
  /** Midjourney's activity host (Vary (Region) submits), served on the same port (§3.4). */
  inpaint: InpaintEndpoint;
  control: Map<string, (body: unknown) => Reply>;
  log: (msg: string) => void;
}

/** §2.1: `/api/v9` and `/api/v10` are the same API. */
const API_PREFIX = /^\/api\/v(?:9|10)(?=\/|$)/;

/** Splits the one HTTP port into REST, CDN, uploads, Midjourney's activity host and the control API. */
export function createRequestHandler(parts: HttpParts): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    route(parts, req)
      .catch((err: unknown) => {
        if (err instanceof BodyTooLarge) return json(413, { message: 'Request entity too large', code: 40005 });
        parts.log(`http: ${req.method} ${req.url} failed: ${err instanceof Error ? err.stack : String(err)}`);
        return json(500, { message: '500: Internal Server Error', code: 0 });
      })
      .then((reply) => writeReply(res, reply))
      .catch((err: unknown) => parts.log(`http: could not answer ${req.method} ${req.url}: ${String(err)}`));
  };
}

async function route(parts: HttpParts, req: IncomingMessage): Promise<Reply> {
  const url = new URL(req.url ?? '/', 'http://sandbox');
  const method = req.method ?? 'GET';
  // Uploads may be up to 25 MB (§2.4); every other body stays small.
  const raw = await readBody(req, isUploadPath(url.pathname) ? MAX_UPLOAD_BYTES : undefined);
  const api = API_PREFIX.exec(url.pathname);
  if (api) return parts.rest.handle(req, url.pathname.slice(api[0].length) || '/', url.searchParams, raw);
  const control = parts.control.get(`${method} ${url.pathname}`);
  if (control) {
    const body = parseJsonBody(raw);
    return body === INVALID_JSON ? json(400, { message: 'Invalid JSON body' }) : control(body);
  }
  const upload = parts.uploads.handle(method, url.pathname, url.searchParams, req.headers, raw);
  if (upload) return upload;
  const inpaint = parts.inpaint.handle(method, url.pathname, raw);
  if (inpaint) return inpaint;
  return (await parts.cdn.handle(method, url.pathname, url.searchParams)) ?? json(404, { message: '404: Not Found', code: 0 });
}
