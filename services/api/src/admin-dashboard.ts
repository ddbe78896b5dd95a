import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Express, NextFunction, Request, Response } from 'express';
import type { Queue } from 'bullmq';
import { AppError, type QUEUE_NAMES } from '@mjq/common';
import { oneOf, presentedKey } from './authentication.js';
import type { ApiContext } from './context.js';

export const DASHBOARD_PATH = '/admin/queues';

/**
 * The admin key as the admin API takes it (x-admin-key or Bearer), or as the password of HTTP
 * Basic: a browser cannot add headers to the dashboard's page and asset loads, but it asks for
 * Basic credentials itself when a 401 says `WWW-Authenticate: Basic`.
 */
function dashboardKey(req: Request): string | undefined {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Basic ')) return Buffer.from(auth.slice(6), 'base64').toString('utf8').split(':').slice(1).join(':');
  return presentedKey(req, ['x-admin-key']);
}

function requireAdmin(ctx: ApiContext) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!ctx.config.adminKeys.length) return next(new AppError('ADMIN_DISABLED', 'The admin API is disabled: set ADMIN_KEYS'));
    if (oneOf(dashboardKey(req), ctx.config.adminKeys)) return next();
    res.setHeader('WWW-Authenticate', 'Basic realm="mjq admin", charset="UTF-8"');
    next(new AppError('UNAUTHORIZED', 'Missing or invalid admin key'));
  };
}

/** bull-board at /admin/queues over every mjq queue (QUEUE_NAMES), behind the admin key. */
export function mountAdminDashboard(app: Express, ctx: ApiContext): void {
  // Typed by the catalog: a queue added to QUEUE_NAMES does not compile until it is shown here.
  const queues: Record<keyof typeof QUEUE_NAMES, Queue> = { trigger: ctx.triggerQueue, callback: ctx.callbackQueue, accountCommand: ctx.accountCommands.queue };
  const serverAdapter = new ExpressAdapter().setBasePath(DASHBOARD_PATH);
  createBullBoard({
    queues: Object.values(queues).map((queue) => new BullMQAdapter(queue)),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'mjq queues' } },
  });
  app.use(DASHBOARD_PATH, requireAdmin(ctx), serverAdapter.getRouter() as (req: Request, res: Response, next: NextFunction) => void);
}
