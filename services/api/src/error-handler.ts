import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ValidateError } from '@tsoa/runtime';
import { AppError, type Logger } from '@mjq/common';

/** body-parser's error types, as our codes. */
const BODY_ERROR_CODES: Record<string, string> = {
  'entity.parse.failed': 'INVALID_JSON',
  'entity.too.large': 'PAYLOAD_TOO_LARGE',
  'charset.unsupported': 'UNSUPPORTED_CHARSET',
  'encoding.unsupported': 'UNSUPPORTED_ENCODING',
};

/** Every error leaves as JSON `{code, message, details?}` with a stable code. */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (res.headersSent) return next(err);
    if (err instanceof AppError) {
      res.status(err.status).json(err.toBody());
      return;
    }
    if (err instanceof ValidateError) {
      const fields = Object.entries(err.fields).map(([path, f]) => ({ path: path.replace(/^body\.?/, ''), message: f.message }));
      res.status(400).json({
        code: 'VALIDATION_ERROR',
        message: fields.map((f) => `${f.path || 'body'}: ${f.message}`).join('; ') || 'Invalid request',
        details: { fields },
      });
      return;
    }
    // body-parser errors carry a status and a type (entity.parse.failed, entity.too.large, …).
    const status = typeof err?.status === 'number' ? err.status : 500;
    if (status >= 400 && status < 500) {
      const code = BODY_ERROR_CODES[String(err.type)] ?? 'BAD_REQUEST';
      res.status(status).json({ code, message: err.type === 'entity.parse.failed' ? 'Body is not valid JSON' : String(err.message) });
      return;
    }
    log.error({ err, method: req.method, url: req.originalUrl }, 'unhandled error');
    res.status(500).json({ code: 'INTERNAL_ERROR', message: 'Internal error' });
  };
}

export const notFoundHandler: RequestHandler = (req, res) => {
  res.status(404).json({ code: 'NOT_FOUND', message: `No route ${req.method} ${req.path}` });
};
