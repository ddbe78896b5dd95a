import type { IncomingHttpHeaders } from 'node:http';
import type { Controller } from '@tsoa/runtime';
import {
  actionRequestSchema,
  gridButtonRequestSchema,
  imagineRequestSchema,
  mjActionSchema,
  mjBlendSchema,
  mjChangeSchema,
  mjDescribeSchema,
  mjImagineSchema,
  mjModalSchema,
  mjShortenSchema,
  mjSimpleChangeSchema,
  modalRequestSchema,
  resetRequestSchema,
  shortenRequestSchema,
  type Task,
} from '@mjq/common';
import type { RequestContext } from './context.js';
import { ButtonController } from './controllers/button-controller.js';
import { MjSubmitController } from './controllers/mj-submit-controller.js';
import { TriggerController } from './controllers/trigger-controller.js';
import { splitRelayMode } from './mj/mj-mode.js';

/**
 * The submit routes the intake serves without express (intake-server.ts): POSTs with a small
 * JSON body, each answered by the same controller method and zod schema as its tsoa route.
 */
export interface IntakeRoute {
  path: string;
  /** The zod schema the controller validates with: only a body it accepts takes the fast path. */
  accepts(body: unknown): boolean;
  /** Runs the route's controller method; its status and headers are read as tsoa reads them. */
  run(ctx: RequestContext, body: unknown): { controller: Controller; result: Promise<unknown> };
}

interface Schema {
  safeParse(body: unknown): { success: boolean };
}

function route<C extends Controller>(path: string, schema: Schema, Ctl: new (ctx: RequestContext) => C, call: (c: C, body: never) => Promise<unknown>): IntakeRoute {
  return {
    path,
    accepts: (body) => schema.safeParse(body).success,
    run: (ctx, body) => {
      const controller = new Ctl(ctx);
      return { controller, result: call(controller, body as never) };
    },
  };
}

export const INTAKE_ROUTES: readonly IntakeRoute[] = [
  route('/v1/api/trigger/imagine', imagineRequestSchema, TriggerController, (c, b) => c.imagine(b)),
  route('/v1/api/trigger/shorten', shortenRequestSchema, TriggerController, (c, b) => c.shorten(b)),
  route('/v1/api/trigger/upscale', gridButtonRequestSchema, ButtonController, (c, b) => c.upscale(b)),
  route('/v1/api/trigger/variation', gridButtonRequestSchema, ButtonController, (c, b) => c.variation(b)),
  route('/v1/api/trigger/reset', resetRequestSchema, ButtonController, (c, b) => c.reset(b)),
  route('/v1/api/trigger/action', actionRequestSchema, ButtonController, (c, b) => c.action(b)),
  route('/v1/api/trigger/modal', modalRequestSchema, ButtonController, (c, b) => c.modal(b)),
  route('/mj/submit/imagine', mjImagineSchema, MjSubmitController, (c, b) => c.imagine(b)),
  route('/mj/submit/action', mjActionSchema, MjSubmitController, (c, b) => c.action(b)),
  route('/mj/submit/modal', mjModalSchema, MjSubmitController, (c, b) => c.modal(b)),
  route('/mj/submit/blend', mjBlendSchema, MjSubmitController, (c, b) => c.blend(b)),
  route('/mj/submit/describe', mjDescribeSchema, MjSubmitController, (c, b) => c.describe(b)),
  route('/mj/submit/shorten', mjShortenSchema, MjSubmitController, (c, b) => c.shorten(b)),
  route('/mj/submit/change', mjChangeSchema, MjSubmitController, (c, b) => c.change(b)),
  route('/mj/submit/simple-change', mjSimpleChangeSchema, MjSubmitController, (c, b) => c.simpleChange(b)),
];

/** Larger bodies (base64 images) go through express, which streams them against its limits. */
export const INTAKE_MAX_BODY = 64 * 1024;

const BY_PATH = new Map(INTAKE_ROUTES.map((r) => [r.path, r]));

export interface IntakeMatch {
  route: IntakeRoute;
  /** The path without a relay's mode prefix (what express routes on). */
  path: string;
  mode?: NonNullable<Task['mode']>;
  length: number;
}

/**
 * Whether a request takes the fast path: a POST to one of the routes' exact paths (a mode prefix
 * allowed, no query string), a body of known length up to INTAKE_MAX_BODY, neither compressed nor
 * multipart nor in a charset other than UTF-8. Anything else — trailing slashes, other cases,
 * chunked or encoded bodies — is express's, with its own rules and errors.
 */
export function matchIntake(method: string | undefined, url: string | undefined, headers: IncomingHttpHeaders): IntakeMatch | undefined {
  if (method !== 'POST' || !url) return undefined;
  const prefixed = splitRelayMode(url);
  const path = prefixed?.url ?? url;
  const route = BY_PATH.get(path);
  if (!route) return undefined;
  const length = Number(headers['content-length']);
  if (!Number.isInteger(length) || length < 1 || length > INTAKE_MAX_BODY || headers['transfer-encoding'] !== undefined) return undefined;
  const encoding = headers['content-encoding'];
  if (encoding !== undefined && encoding.toLowerCase() !== 'identity') return undefined;
  const type = headers['content-type']?.toLowerCase() ?? '';
  if (type.startsWith('multipart/')) return undefined;
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/.exec(type)?.[1];
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') return undefined;
  return { route, path, mode: prefixed?.mode, length };
}
