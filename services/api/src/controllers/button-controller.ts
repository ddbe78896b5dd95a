import { Security, Body, Controller, Post, Response, Route, SuccessResponse, Tags } from '@tsoa/runtime';
import { actionRequestSchema, gridButtonRequestSchema, modalRequestSchema, resetRequestSchema } from '@mjq/common';
import { submitAction, submitGridButton, submitReset } from '../button-submitter.js';
import type { RequestContext } from '../context.js';
import type { ErrorView } from '../dto.js';
import { submitModalInput } from '../modal-submitter.js';
import { parseRequest } from '../request-validation.js';
import type { ActionBody, GridButtonBody, ModalBody, ResetBody, TriggerAnswer } from '../trigger-dto.js';

/**
 * Clicks on the buttons of a finished task's result (the seed's upscale, variation and reset,
 * plus any button by custom_id) and the text of a modal a click opened. Each click is a new task,
 * a child of the clicked task, run on the same Midjourney account (the only one that can click
 * that message).
 */
@Route('v1/api/trigger')
@Tags('Trigger (seed-compatible)')
@Security('api')
@Response<ErrorView>(401, 'Missing or invalid API key')
@Response<ErrorView>(503, 'REDIS_UNAVAILABLE, or NO_ACCOUNT: the parent task\'s account is not enabled')
export class ButtonController extends Controller {
  constructor(private readonly ctx: RequestContext) {
    super();
  }

  /** Clicks U{index} on a grid: upscales one of its four images. */
  @Post('upscale')
  @SuccessResponse(200, 'Accepted and queued')
  @Response<ErrorView>(400, 'VALIDATION_ERROR, or INVALID_ACTION: the task is not finished, msg_hash or trigger_id do not match, or the message has no such button')
  @Response<ErrorView>(404, 'UNKNOWN_MESSAGE: no task produced msg_id')
  @Response<ErrorView>(429, 'QUEUE_FULL')
  public async upscale(@Body() body: GridButtonBody): Promise<TriggerAnswer> {
    const task = await submitGridButton(this.ctx, parseRequest(gridButtonRequestSchema, body), 'upsample');
    return { message: 'success', trigger_id: task.id, trigger_type: 'upscale' };
  }

  /** Clicks V{index} on a grid: four variations of one of its images. */
  @Post('variation')
  @SuccessResponse(200, 'Accepted and queued')
  @Response<ErrorView>(400, 'VALIDATION_ERROR or INVALID_ACTION')
  @Response<ErrorView>(404, 'UNKNOWN_MESSAGE')
  @Response<ErrorView>(429, 'QUEUE_FULL')
  public async variation(@Body() body: GridButtonBody): Promise<TriggerAnswer> {
    const task = await submitGridButton(this.ctx, parseRequest(gridButtonRequestSchema, body), 'variation');
    return { message: 'success', trigger_id: task.id, trigger_type: 'variation' };
  }

  /** Clicks 🔄 on a grid: runs its prompt again. */
  @Post('reset')
  @SuccessResponse(200, 'Accepted and queued')
  @Response<ErrorView>(400, 'VALIDATION_ERROR or INVALID_ACTION (e.g. the message has no reroll button)')
  @Response<ErrorView>(404, 'UNKNOWN_MESSAGE')
  @Response<ErrorView>(429, 'QUEUE_FULL')
  public async reset(@Body() body: ResetBody): Promise<TriggerAnswer> {
    const task = await submitReset(this.ctx, parseRequest(resetRequestSchema, body));
    return { message: 'success', trigger_id: task.id, trigger_type: 'reset' };
  }

  /**
   * Clicks any button of a finished task's result by its custom_id (as listed in the task's
   * `buttons`): upscale subtle/creative, vary strong/subtle, zoom out, pan, describe picks… A
   * button that opens a modal (Remix mode, Custom Zoom) leaves the new task in MODAL: send its
   * text with /modal. `trigger_type` is the new task's action, lower-cased.
   */
  @Post('action')
  @SuccessResponse(200, 'Accepted and queued')
  @Response<ErrorView>(400, 'VALIDATION_ERROR or INVALID_ACTION: the task is not finished or has no such button')
  @Response<ErrorView>(404, 'UNKNOWN_TASK')
  @Response<ErrorView>(429, 'QUEUE_FULL')
  public async action(@Body() body: ActionBody): Promise<TriggerAnswer> {
    const task = await submitAction(this.ctx, parseRequest(actionRequestSchema, body));
    return { message: 'success', trigger_id: task.id, trigger_type: task.action.toLowerCase() };
  }

  /**
   * The text for a task waiting in MODAL (its `modal` says what Midjourney asks, and what it
   * prefilled). A banned text is refused and the task keeps waiting for another.
   */
  @Post('modal')
  @SuccessResponse(200, 'Accepted and queued')
  @Response<ErrorView>(400, 'VALIDATION_ERROR or BANNED_PROMPT (the task is left as it was)')
  @Response<ErrorView>(404, 'UNKNOWN_TASK')
  @Response<ErrorView>(409, 'NOT_IN_MODAL: the task is not waiting for a modal input, or already got one')
  public async modal(@Body() body: ModalBody): Promise<TriggerAnswer> {
    const task = await submitModalInput(this.ctx, parseRequest(modalRequestSchema, body));
    return { message: 'success', trigger_id: task.id, trigger_type: 'modal' };
  }
}
