import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import express, { type Express } from 'express';
import swaggerUi from 'swagger-ui-express';
import { checkReadiness, redisAnswers, renderMetrics } from '@mjq/common';
import { mountAdminDashboard } from './admin-dashboard.js';
import type { ApiContext } from './context.js';
import { relayModePrefix } from './mj/mj-mode.js';
import { errorHandler, notFoundHandler } from './error-handler.js';
import { RegisterRoutes } from './generated/routes.js';
import { imageRoute } from './image-route.js';
import { playgroundRoutes } from './playground-route.js';
import { taskEventsRoute } from './task-events-route.js';
import { uploadParser } from './upload-parser.js';

const spec = JSON.parse(readFileSync(new URL('../openapi/openapi.json', import.meta.url), 'utf8')) as object;

export function createApp(ctx: ApiContext, options: { sseHeartbeatMs?: number } = {}): Express {
  const app = express();
  app.locals.ctx = ctx;
  app.disable('x-powered-by');
  app.set('trust proxy', true);
  // The seed's clients (and the README's curl) send JSON without a Content-Type: parse every
  // non-multipart body as JSON.
  app.use(relayModePrefix);
  // Relays send GETs with a JSON `null` body (new-api's fetch): a GET's body is never read.
  const hasJsonBody = (req: IncomingMessage) =>
    req.method !== 'GET' && req.method !== 'HEAD' && !String(req.headers['content-type'] ?? '').startsWith('multipart/');
  // Proxy-API bodies carry base64 images (up to 5 in a blend); the rest stays small.
  app.use(/^\/mj\//, express.json({ limit: '40mb', type: hasJsonBody }));
  app.use(express.json({ limit: '1mb', type: hasJsonBody }));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const { ready, checks } = await checkReadiness({ redis: redisAnswers(ctx.redis), queues: redisAnswers(ctx.queueRedis) });
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable', ...checks });
  });
  app.get('/metrics', async (_req, res) => {
    const { contentType, body } = await renderMetrics();
    res.type(contentType).send(body);
  });
  mountAdminDashboard(app, ctx);
  app.get('/openapi.json', (_req, res) => {
    res.json(spec);
  });
  app.use('/docs', swaggerUi.serve, swaggerUi.setup(spec));
  app.use(playgroundRoutes());

  app.get('/v1/tasks/:id/events', taskEventsRoute(ctx, options.sseHeartbeatMs));
  app.get('/v1/images/*key', imageRoute(ctx));
  RegisterRoutes(app, { multer: uploadParser() });
  app.use(notFoundHandler);
  app.use(errorHandler(ctx.log));
  return app;
}
