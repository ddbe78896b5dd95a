import { Security, Controller, Get, Path, Post, Response, Route, Tags } from '@tsoa/runtime';
import { AppError } from '@mjq/common';
import type { ApiContext } from '../context.js';
import type { ErrorView, TaskView } from '../dto.js';
import { assertRedisReady } from '../storage-guard.js';
import { cancelTask } from '../task-canceller.js';

@Route('v1/tasks')
@Tags('Tasks')
@Security('api')
export class TaskController extends Controller {
  constructor(private readonly ctx: ApiContext) {
    super();
  }

  /** The task with every step recorded so far. */
  @Get('{id}')
  @Response<ErrorView>(404, 'No such task')
  @Response<ErrorView>(503, 'Redis unavailable')
  public async getTask(@Path() id: string): Promise<TaskView> {
    if (!/^\d{1,25}$/.test(id)) throw new AppError('NOT_FOUND', `No task ${id}`);
    assertRedisReady(this.ctx);
    const task = await this.ctx.store.get(id);
    if (!task) throw new AppError('NOT_FOUND', `No task ${id}`);
    return task;
  }

  /**
   * Stops waiting for the task: a task not finished yet ends CANCEL (its account slot freed, a
   * `cancel` callback sent); a finished one is returned as it is. Same as the seed's /queue/release.
   */
  @Post('{id}/cancel')
  @Response<ErrorView>(404, 'UNKNOWN_TASK')
  @Response<ErrorView>(503, 'Redis unavailable')
  public async cancel(@Path() id: string): Promise<TaskView> {
    if (!/^\d{1,25}$/.test(id)) throw new AppError('UNKNOWN_TASK', `No task ${id}`);
    return cancelTask(this.ctx, id);
  }
}
