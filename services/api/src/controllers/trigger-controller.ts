import { Security, Body, Controller, Post, Response, Route, SuccessResponse, Tags } from '@tsoa/runtime';
import { AppError, imagineRequestSchema } from '@mjq/common';
import type { ApiContext } from '../context.js';
import type { ErrorView, ImagineBody, TriggerAnswer } from '../dto.js';
import { submitImagine } from '../task-submitter.js';

/** The seed's (midjourney-api) trigger endpoints, with its request and response shapes. */
@Route('v1/api/trigger')
@Tags('Trigger (seed-compatible)')
@Security('api')
export class TriggerController extends Controller {
  constructor(private readonly ctx: ApiContext) {
    super();
  }

  /** Queues an /imagine. The answer comes at once; follow the task by id, callback or SSE. */
  @Post('imagine')
  @SuccessResponse(200, 'Accepted and queued')
  @Response<ErrorView>(400, 'Invalid body')
  @Response<ErrorView>(503, 'Redis unavailable')
  public async imagine(@Body() body: ImagineBody): Promise<TriggerAnswer> {
    const parsed = imagineRequestSchema.safeParse(body);
    if (!parsed.success) {
      throw new AppError('VALIDATION_ERROR', parsed.error.issues.map((i) => i.message).join('; '), {
        fields: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      });
    }
    const task = await submitImagine(this.ctx, parsed.data);
    return { message: 'success', trigger_id: task.id, trigger_type: 'generate' };
  }
}
