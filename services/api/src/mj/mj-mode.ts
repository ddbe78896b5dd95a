import type { RequestHandler } from 'express';
import type { RequestLocals } from '../context.js';

const PREFIX = /^\/mj-(fast|relax|turbo)(\/mj\/.*)$/;

/** A URL with a relay's mode prefix: the mode and the URL without it; undefined for any other. */
export function splitRelayMode(url: string): { mode: 'fast' | 'relax' | 'turbo'; url: string } | undefined {
  const match = url.startsWith('/mj-') ? PREFIX.exec(url) : null;
  return match ? { mode: match[1] as 'fast' | 'relax' | 'turbo', url: match[2]! } : undefined;
}

/**
 * trueai's path prefixes: `/mj-fast/mj/…`, `/mj-relax/mj/…`, `/mj-turbo/mj/…` are the `/mj/…`
 * routes with the task's mode chosen (an account in that mode, and Midjourney's --fast/--relax/
 * --turbo). The prefix is removed before routing, so one set of routes serves all four.
 */
export const relayModePrefix: RequestHandler = (req, res, next) => {
  const split = splitRelayMode(req.url);
  if (split) {
    (res.locals as RequestLocals).relayMode = split.mode;
    req.url = split.url;
  }
  next();
};
