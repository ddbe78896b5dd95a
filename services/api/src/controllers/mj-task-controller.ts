import { Body, Controller, Get, Path, Post, Response, Route, Security, Tags } from '@tsoa/runtime';
import { AppError, mjListByConditionSchema } from '@mjq/common';
import type { RequestContext } from '../context.js';
import { MJ_CODES } from '../mj/mj-answer.js';
import type { MjAccountView, MjListByConditionBody, MjSubmitResultView, MjTaskView } from '../mj/mj-dto.js';
import { latestTasks, listByIds, queuedTasks, viewFor } from '../mj/mj-query.js';
import { parseRequest } from '../request-validation.js';
import { assertRedisReady } from '../storage-guard.js';
import { visibleTask } from '../task-lookup.js';
import { taskSeed } from '../task-seed.js';

/** midjourney-proxy's query API: tasks as the proxy's Task object, scoped to the caller's key. */
@Route('mj')
@Tags('midjourney-proxy')
@Security('api')
@Response<MjSubmitResultView>(401, 'Missing or invalid API key')
export class MjTaskController extends Controller {
  constructor(private readonly ctx: RequestContext) {
    super();
  }

  /** One task (the same task as /v1/tasks/{id}). */
  @Get('task/{id}/fetch')
  @Response<MjSubmitResultView>(404, 'code 3: no such task (or another key\'s)')
  public async fetchTask(@Path() id: string): Promise<MjTaskView> {
    assertRedisReady(this.ctx);
    const task = /^\d{1,25}$/.test(id) ? await visibleTask(this.ctx, id) : undefined;
    if (!task) throw new AppError('NOT_FOUND', `No task ${id} (or it expired)`);
    return viewFor(this.ctx, task);
  }

  /** The tasks named by `ids`, in order, one per id: an unknown or expired id comes back as a FAILURE. */
  @Post('task/list-by-condition')
  public async listByCondition(@Body() body?: MjListByConditionBody): Promise<MjTaskView[]> {
    return listByIds(this.ctx, parseRequest(mjListByConditionSchema, body ?? {}).ids);
  }

  /** Same as list-by-condition. */
  @Post('task/list-by-ids')
  public async listByIds(@Body() body?: MjListByConditionBody): Promise<MjTaskView[]> {
    return this.listByCondition(body);
  }

  /** The caller's latest 100 tasks, newest first. */
  @Get('task/list')
  public async list(): Promise<MjTaskView[]> {
    return latestTasks(this.ctx);
  }

  /** The caller's tasks waiting to run, oldest first. */
  @Get('task/queue')
  public async queue(): Promise<MjTaskView[]> {
    return queuedTasks(this.ctx);
  }

  /** The seed of a finished task (✉️ reaction, Midjourney's DM): code 1 with the seed as `result`; code 4 when it cannot be had. */
  @Get('task/{id}/image-seed')
  public async imageSeed(@Path() id: string): Promise<MjSubmitResultView> {
    assertRedisReady(this.ctx);
    const task = /^\d{1,25}$/.test(id) ? await visibleTask(this.ctx, id) : undefined;
    if (!task) throw new AppError('UNKNOWN_TASK', `No task ${id} (or it expired)`);
    try {
      return { code: MJ_CODES.SUCCESS, description: 'Success', result: await taskSeed(this.ctx, task), properties: {} };
    } catch (err) {
      if (!(err instanceof AppError) || err.code === 'INTERNAL_ERROR') throw err;
      return { code: MJ_CODES.VALIDATION_ERROR, description: `The image seed is not available: ${err.message}`, result: null, properties: {} };
    }
  }

  /** The Midjourney accounts (no tokens); for admin keys, or while no key is configured. */
  @Get('account/list')
  public async accounts(): Promise<MjAccountView[]> {
    if (this.ctx.caller.role === 'client') throw new AppError('FORBIDDEN', 'Only an admin key may list accounts');
    assertRedisReady(this.ctx);
    return (await this.ctx.accounts.list()).map((a) => ({ id: a.id, enabled: a.enabled, mode: a.mode, concurrency: a.concurrency, waitSize: a.waitSize }));
  }
}
