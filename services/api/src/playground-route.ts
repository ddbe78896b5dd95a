import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import express, { type Router } from 'express';
import { AppError } from '@mjq/common';

// The playground (services/api/playground): a static page that uses only the public API. The
// same path from src/ (tests) and dist/ (built) reaches it.
const root = fileURLToPath(new URL('../playground/', import.meta.url));
const publicDir = `${root}public`;
const scriptDir = `${root}dist`;

/**
 * The page's own scripts and styles only, no inline code; images from wherever a task's URLs
 * point (mjq's image store, Discord's CDN, the sandbox), since a preview is Discord's until copied.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "img-src 'self' data: blob: http: https:",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

/** GET / → /playground; the page, its stylesheet and its compiled scripts under /playground. */
export function playgroundRoutes(): Router {
  const router = express.Router();
  router.get('/', (_req, res) => res.redirect(302, '/playground'));
  router.use('/playground', (_req, res, next) => {
    res.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
    next();
  });
  router.get('/playground', (_req, res, next) => {
    if (!existsSync(`${scriptDir}/main.js`)) {
      return next(new AppError('SERVICE_UNAVAILABLE', 'The playground is not built: run `node scripts/build.mjs`'));
    }
    res.sendFile('index.html', { root: publicDir });
  });
  router.use('/playground/js', express.static(scriptDir, { index: false }));
  router.use('/playground', express.static(publicDir, { index: false }));
  return router;
}
