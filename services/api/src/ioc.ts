import type { Request } from 'express';
import type { IocContainer, IocContainerFactory } from '@tsoa/runtime';
import { requestContext, type ApiContext, type RequestContext } from './context.js';

/**
 * tsoa builds a controller per request through this factory, after authentication. Controllers
 * take the request's context: the API instance's (from the express app, so that several instances
 * — tests, replicas in one process — never share state through module globals) with its caller.
 */
export const iocContainer: IocContainerFactory<Request> = (request): IocContainer => ({
  get: <T>(Controller: unknown): T => {
    const ctx = requestContext(request.app.locals.ctx as ApiContext, request);
    return new (Controller as new (c: RequestContext) => T)(ctx);
  },
});
