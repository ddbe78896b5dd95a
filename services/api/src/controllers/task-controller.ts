import { Security, Controller, Get, Path, Post, Query, Response, Route, Tags } from '@tsoa/runtime';
import { AppError, keptSeed } from '@mjq/common';
import type { RequestContext } from '../context.js';
import type { ErrorView, TaskActionView, TaskListView, TaskSeedView, TaskStatusView, TaskView } from '../dto.js';
import { taskSeed } from '../task-seed.js';
import { listTasks, validateListQuery } from '../task-listing.js';
import { assertRedisReady } from '../storage-guard.js';
import { cancelTask } from '../task-canceller.js';
import { shownTask, visibleTask } from '../task-lookup.js';

@Route('v1/tasks')
@Tags('Tasks')
@Security('api')
export class TaskController extends Controller {
  constructor(private readonly ctx: RequestContext) {
    super();
  }

  /**
   * The caller's tasks, newest first (every task for an admin key, or while no key is configured).
   * Filters combine; `from`/`to` bound the submit time (epoch ms). Pass `nextCursor` as `cursor`
   * for the next page; a page may be short when filters skip many tasks, and still have a cursor.
   */
  @Get()
  @Response<ErrorView>(400, 'VALIDATION_ERROR')
  public async listTasks(
    @Query() status?: TaskStatusView,
    @Query() action?: TaskActionView,
    @Query() from?: number,
    @Query() to?: number,
    @Query() cursor?: string,
    @Query() limit?: number,
  ): Promise<TaskListView> {
    const page = await listTasks(this.ctx, validateListQuery({ status, action, from, to, cursor, limit }));
    return { tasks: page.tasks.map((task) => shownTask(this.ctx, task)), nextCursor: page.nextCursor };
  }

  /** The task with every step recorded so far. */
  @Get('{id}')
  @Response<ErrorView>(404, 'No such task')
  @Response<ErrorView>(503, 'Redis unavailable')
  public async getTask(@Path() id: string): Promise<TaskView> {
    if (!/^\d{1,25}$/.test(id)) throw new AppError('NOT_FOUND', `No task ${id}`);
    assertRedisReady(this.ctx);
    const task = await visibleTask(this.ctx, id);
    if (!task) throw new AppError('NOT_FOUND', `No task ${id}`);
    const seed = task.seed ?? (await keptSeed(this.ctx.store, task.id));
    return shownTask(this.ctx, seed ? { ...task, seed } : task);
  }

  /**
   * Stops waiting for the task: a task not finished yet ends CANCEL (its account slot freed, a
   * `cancel` callback sent); a finished one is returned as it is. Same as the seed's /queue/release.
   */
  /**
   * The seed of a finished task: reacts ✉️ to its result with the task's account and answers with
   * the seed Midjourney sends by DM (kept on the task). 504 STILL_RUNNING when Midjourney has not
   * answered in time; ask again.
   */
  @Get('{id}/seed')
  @Response<ErrorView>(400, 'INVALID_ACTION: the task has not finished')
  @Response<ErrorView>(404, 'No such task')
  @Response<ErrorView>(504, 'STILL_RUNNING')
  public async getSeed(@Path() id: string): Promise<TaskSeedView> {
    if (!/^\d{1,25}$/.test(id)) throw new AppError('NOT_FOUND', `No task ${id}`);
    assertRedisReady(this.ctx);
    const task = await visibleTask(this.ctx, id);
    if (!task) throw new AppError('NOT_FOUND', `No task ${id}`);
    return { id: task.id, seed: await taskSeed(this.ctx, task) };
  }

  @Post('{id}/cancel')
  @Response<ErrorView>(404, 'UNKNOWN_TASK')
  @Response<ErrorView>(503, 'Redis unavailable')
  public async cancel(@Path() id: string): Promise<TaskView> {
    if (!/^\d{1,25}$/.test(id)) throw new AppError('UNKNOWN_TASK', `No task ${id}`);
    return shownTask(this.ctx, await cancelTask(this.ctx, id));
  }
}
