import type { Request } from 'express';
import type { IocContainer, IocContainerFactory } from '@tsoa/runtime';
import type { ApiContext } from './context.js';

/**
 * tsoa builds a controller per request through this factory. Controllers take the API context
 * from the express app, so that several API instances (tests, replicas in one process) never
 * share state through module globals.
 */
export const iocContainer: IocContainerFactory<Request> = (request): IocContainer => ({
  get: <T>(Controller: unknown): T => {
    const ctx = request.app.locals.ctx as ApiContext;
    return new (Controller as new (c: ApiContext) => T)(ctx);
  },
});
