import type { RequestHandler } from 'express';
import multer from 'multer';
import { AppError, MAX_IMAGE_BYTES } from '@mjq/common';

/** What tsoa hands an @UploadedFile parameter (multer's memory-storage file). */
export type UploadedImage = Express.Multer.File;

/** A multer failure as the error the client should get: multer's own would be a 500. */
export function uploadError(err: unknown): AppError {
  if (err instanceof multer.MulterError) {
    if (err.code === 'LIMIT_FILE_SIZE') return new AppError('FILE_TOO_LARGE', `The image is over ${MAX_IMAGE_BYTES} bytes`, { maxBytes: MAX_IMAGE_BYTES });
    if (err.code === 'LIMIT_UNEXPECTED_FILE') return new AppError('MISSING_FILE', `Send the image in the form field "file" (got "${err.field}")`);
    return new AppError('VALIDATION_ERROR', `Invalid upload: ${err.message}`, { multerCode: err.code });
  }
  // busboy's parse errors (no boundary, truncated body, …): the body, not the server, is at fault.
  return new AppError('VALIDATION_ERROR', `Unreadable multipart body: ${(err as Error)?.message ?? String(err)}`);
}

/**
 * The multer instance tsoa's generated routes use for @UploadedFile: in memory (the image goes to
 * Redis anyway), capped at MAX_IMAGE_BYTES (Discord's own limit) while it streams in, one file.
 * Its middleware reports failures as AppErrors.
 */
export function uploadParser(): multer.Multer {
  const parser = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: MAX_IMAGE_BYTES, files: 1, fields: 20, parts: 25 },
  });
  const fields = parser.fields.bind(parser);
  parser.fields = (spec) => {
    const middleware = fields(spec);
    const mapped: RequestHandler = (req, res, next) =>
      middleware(req, res, (err?: unknown) => {
        if (err) return next(uploadError(err));
        // multer skips a body that is not multipart, and tsoa then reads `req.files` unguarded:
        // an empty set lets the controller answer MISSING_FILE instead of a TypeError's 500.
        req.files ??= {};
        next();
      });
    return mapped;
  };
  return parser;
}
