import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Express } from 'express';
import { authenticate } from './authentication.js';
import { contextFor, type ApiContext } from './context.js';
import { errorAnswer } from './error-handler.js';
import { matchIntake, type IntakeMatch } from './intake-routes.js';

/** What body-parser answers for a body that is not a JSON object or array (rendered as INVALID_JSON). */
const PARSE_FAILED = Object.assign(new Error('Body is not valid JSON'), { status: 400, type: 'entity.parse.failed' });

/**
 * The JSON body as express.json() (strict) reads it: an object or an array, a UTF-8 BOM ignored;
 * `undefined` when it is not valid JSON.
 */
export function parseJsonBody(raw: Buffer): unknown {
  const text = raw.toString('utf8').replace(/^\uFEFF/, '');
  const first = /^[\x20\x09\x0a\x0d]*(.)/s.exec(text)?.[1];
  if (first !== '{' && first !== '[') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The API's request listener. The submit routes' common case — a small JSON body its schema
 * accepts — is served here, straight from node:http: express's per-request machinery (prototype
 * swaps, a walk over some 60 routes, body-parser, tsoa's wrappers) costs more CPU than the submit
 * itself, and intake is what a relay's burst is made of. The request still meets the same
 * authentication, controller method, status, headers and error rendering as through express; the
 * answer has no ETag (meaningless on a POST). A body the schema refuses is handed to express as
 * already read, so validation errors keep tsoa's exact wording; everything else goes to express
 * untouched (intake-routes.ts says what qualifies).
 */
export function intakeListener(ctx: ApiContext, app: Express): RequestListener {
  return (req, res) => {
    const match = matchIntake(req.method, req.url, req.headers);
    if (!match) {
      app(req, res);
      return;
    }
    readBody(req, match.length, (raw) => void serve(ctx, app, match, req, res, raw));
  };
}

/** Calls `done` with the whole body; a client gone (or lying about the length) gets nothing. */
function readBody(req: IncomingMessage, length: number, done: (raw: Buffer) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size <= length) chunks.push(chunk);
  });
  req.on('end', () => {
    if (size === length) done(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    else req.socket.destroy();
  });
  req.on('error', () => undefined);
}

async function serve(ctx: ApiContext, app: Express, match: IntakeMatch, req: IncomingMessage, res: ServerResponse, raw: Buffer): Promise<void> {
  const where = { method: 'POST', url: req.url ?? match.path, path: match.path };
  try {
    const body = parseJsonBody(raw);
    if (body === undefined) throw PARSE_FAILED;
    if (!match.route.accepts(body)) {
      // body-parser skips a request whose body has been read and keeps `req.body`.
      (req as IncomingMessage & { body?: unknown }).body = body;
      app(req, res);
      return;
    }
    const caller = await authenticate(ctx, req, 'api');
    const { controller, result } = match.route.run(contextFor(ctx, caller, match.mode), body);
    const data = await result;
    // As tsoa's returnHandler: the controller may have set a status or headers.
    const headers = controller.getHeaders() as Record<string, string | string[] | undefined>;
    send(res, controller.getStatus(), headers, data);
  } catch (err) {
    const answer = errorAnswer(err, ctx.log, where);
    send(res, answer.status, answer.headers, answer.body);
  }
}

function send(res: ServerResponse, status: number | undefined, headers: Record<string, string | string[] | undefined>, data: unknown): void {
  if (res.headersSent || res.destroyed) return;
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) res.setHeader(name, value);
  if (data === undefined || data === null) {
    res.statusCode = status ?? 204;
    res.end();
    return;
  }
  const text = JSON.stringify(data);
  res.statusCode = status ?? 200;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}
