import { Security, Body, Controller, Post, Response, Route, SuccessResponse, Tags } from '@tsoa/runtime';
import { imagineRequestSchema, shortenRequestSchema } from '@mjq/common';
import type { RequestContext } from '../context.js';
import type { ErrorView } from '../dto.js';
import { parseRequest } from '../request-validation.js';
import { submitTask } from '../task-submitter.js';
import type { ImagineBody, ShortenBody, TriggerAnswer } from '../trigger-dto.js';

/** The seed's (midjourney-api) trigger endpoints that take a prompt, with its request and response shapes. */
@Route('v1/api/trigger')
@Tags('Trigger (seed-compatible)')
@Security('api')
@Response<ErrorView>(401, 'Missing or invalid API key')
@Response<ErrorView>(429, 'QUEUE_FULL: the wait queue is full')
@Response<ErrorView>(503, 'REDIS_UNAVAILABLE, or NO_ACCOUNT enabled to run it')
export class TriggerController extends Controller {
  constructor(private readonly ctx: RequestContext) {
    super();
  }

  /** Queues an /imagine. The answer comes at once; follow the task by id, callback or SSE. */
  @Post('imagine')
  @SuccessResponse(200, 'Accepted and queued')
  @Response<ErrorView>(400, 'VALIDATION_ERROR, CALLBACK_URL_FORBIDDEN, or BANNED_PROMPT (recorded as a FAILURE task, details.trigger_id)')
  public async imagine(@Body() body: ImagineBody): Promise<TriggerAnswer> {
    const req = parseRequest(imagineRequestSchema, body);
    const task = await submitTask(
      this.ctx,
      { action: 'IMAGINE', prompt: req.prompt, imageUrls: req.picurl ? [req.picurl] : [], mode: req.mode, callbackUrl: req.callbackUrl },
      { screen: req.prompt },
    );
    return { message: 'success', trigger_id: task.id, trigger_type: 'generate' };
  }

  /**
   * Queues a /shorten: Midjourney analyses the prompt and proposes shorter ones, found in the
   * finished task's `prompts` (its buttons pick one, through /action).
   */
  @Post('shorten')
  @SuccessResponse(200, 'Accepted and queued')
  @Response<ErrorView>(400, 'VALIDATION_ERROR, CALLBACK_URL_FORBIDDEN, or BANNED_PROMPT (recorded as a FAILURE task)')
  public async shorten(@Body() body: ShortenBody): Promise<TriggerAnswer> {
    const req = parseRequest(shortenRequestSchema, body);
    const task = await submitTask(this.ctx, { action: 'SHORTEN', prompt: req.prompt, callbackUrl: req.callbackUrl }, { screen: req.prompt });
    return { message: 'success', trigger_id: task.id, trigger_type: 'shorten' };
  }
}
