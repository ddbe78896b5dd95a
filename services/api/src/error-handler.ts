import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ValidateError } from '@tsoa/runtime';
import { AppError, type Logger } from '@mjq/common';
import { mjError } from './mj/mj-answer.js';

/** body-parser's error types, as our codes. */
const BODY_ERROR_CODES: Record<string, string> = {
  'entity.parse.failed': 'INVALID_JSON',
  'entity.too.large': 'PAYLOAD_TOO_LARGE',
  'charset.unsupported': 'UNSUPPORTED_CHARSET',
  'encoding.unsupported': 'UNSUPPORTED_ENCODING',
};

interface Rendered {
  status: number;
  code: string;
  message: string;
  details?: unknown;
}

/** Every error as one shape first; then written as mjq's `{code, message, details?}` or, on /mj routes, the proxy's envelope. */
function render(err: unknown, log: Logger, where: { method: string; url: string }): Rendered {
  if (err instanceof AppError) return { status: err.status, code: err.code, message: err.message, details: err.details };
  if (err instanceof ValidateError) {
    const fields = Object.entries(err.fields).map(([path, f]) => ({ path: path.replace(/^body\.?/, ''), message: f.message }));
    const message = fields.map((f) => `${f.path || 'body'}: ${f.message}`).join('; ') || 'Invalid request';
    return { status: 400, code: 'VALIDATION_ERROR', message, details: { fields } };
  }
  // body-parser errors carry a status and a type (entity.parse.failed, entity.too.large, …).
  const e = err as { status?: unknown; type?: unknown; message?: unknown };
  const status = typeof e?.status === 'number' ? e.status : 500;
  if (status >= 400 && status < 500) {
    const code = BODY_ERROR_CODES[String(e.type)] ?? 'BAD_REQUEST';
    return { status, code, message: e.type === 'entity.parse.failed' ? 'Body is not valid JSON' : String(e.message) };
  }
  log.error({ err, ...where }, 'unhandled error');
  return { status: 500, code: 'INTERNAL_ERROR', message: 'Internal error' };
}

/** What an error is answered with: status, headers and JSON body (mjq's shape, or the proxy's envelope on /mj routes). */
export interface ErrorAnswer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export function errorAnswer(err: unknown, log: Logger, where: { method: string; url: string; path: string }): ErrorAnswer {
  const r = render(err, log, where);
  const retryAfterS = (r.details as { retryAfterS?: unknown } | undefined)?.retryAfterS;
  const headers: Record<string, string> = typeof retryAfterS === 'number' ? { 'Retry-After': String(retryAfterS) } : {};
  if (where.path.startsWith('/mj/')) return { headers, ...mjError(r.status, r.code, r.message, r.details) };
  return { status: r.status, headers, body: r.details === undefined ? { code: r.code, message: r.message } : { code: r.code, message: r.message, details: r.details } };
}

export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (res.headersSent) return next(err);
    const answer = errorAnswer(err, log, { method: req.method, url: req.originalUrl, path: req.path });
    res.status(answer.status).set(answer.headers).json(answer.body);
  };
}

export const notFoundHandler: RequestHandler = (req, res) => {
  const message = `No route ${req.method} ${req.path}`;
  // A proxy route mjq does not offer (swap_face, video…): the proxy's envelope, so a relay can read it.
  if (req.path.startsWith('/mj/')) {
    res.status(404).json({ code: 4, description: message, result: null, properties: { error: 'NOT_FOUND' } });
    return;
  }
  res.status(404).json({ code: 'NOT_FOUND', message });
};
