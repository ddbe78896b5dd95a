import type { RequestHandler } from 'express';
import type { RequestLocals } from '../context.js';

const PREFIX = /^\/mj-(fast|relax|turbo)(\/mj\/.*)$/;

/**
 * trueai's path prefixes: `/mj-fast/mj/…`, `/mj-relax/mj/…`, `/mj-turbo/mj/…` are the `/mj/…`
 * routes with the task's mode chosen (an account in that mode, and Midjourney's --fast/--relax/
 * --turbo). The prefix is removed before routing, so one set of routes serves all four.
 */
export const relayModePrefix: RequestHandler = (req, res, next) => {
  const match = PREFIX.exec(req.url);
  if (match) {
    (res.locals as RequestLocals).relayMode = match[1] as 'fast' | 'relax' | 'turbo';
    req.url = match[2]!;
  }
  next();
};
