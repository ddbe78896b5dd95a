import type { IncomingMessage, ServerResponse } from 'node:http';

export interface Reply {
  status: number;
  /** JSON body; absent for 204 and the like. */
  body?: unknown;
  /** Raw bytes (CDN); takes precedence over `body`. */
  bytes?: { data: Buffer; contentType: string };
  headers?: Record<string, string>;
  /** Runs after the reply is written: Discord acknowledges before the app answers (§4.2 step 1). */
  afterSend?: () => void;
  /** Close the connection instead of answering (fault injection: an answer lost on the wire). */
  cut?: boolean;
}

export const json = (status: number, body: unknown, headers?: Record<string, string>): Reply => ({
  status,
  body,
  ...(headers ? { headers } : {}),
});

/** §2.2: every JSON body carries `Content-Type: application/json`, errors included. */
export function writeReply(res: ServerResponse, reply: Reply): void {
  if (reply.cut) {
    res.socket?.destroy();
    if (reply.afterSend) setImmediate(reply.afterSend);
    return;
  }
  const headers: Record<string, string | number> = { ...reply.headers };
  let payload: Buffer | undefined;
  if (reply.bytes) {
    payload = reply.bytes.data;
    headers['Content-Type'] = reply.bytes.contentType;
  } else if (reply.body !== undefined) {
    payload = Buffer.from(JSON.stringify(reply.body));
    headers['Content-Type'] = 'application/json';
  }
  if (payload) headers['Content-Length'] = payload.length;
  res.writeHead(reply.status, headers);
  res.end(payload);
  if (reply.afterSend) setImmediate(reply.afterSend);
}

const MAX_BODY_BYTES = 8 * 1024 * 1024;

export class BodyTooLarge extends Error {}

/**
 * The whole body, up to `limit` bytes. A declared oversize body is refused before reading (Node
 * discards it after the reply); an undeclared one is drained first, so the client still reads
 * the 413 instead of a reset connection.
 */
export async function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  if (Number(req.headers['content-length'] ?? 0) > limit) throw new BodyTooLarge('request body too large');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= limit) chunks.push(chunk);
  }
  if (size > limit) throw new BodyTooLarge('request body too large');
  return Buffer.concat(chunks);
}

export const INVALID_JSON = Symbol('invalid-json');

/** An empty body is `undefined`; unparseable JSON is `INVALID_JSON`. */
export function parseJsonBody(raw: Buffer): unknown {
  if (raw.length === 0) return undefined;
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    return INVALID_JSON;
  }
}
