import { Body, Controller, Post, Response, Route, Security, SuccessResponse, Tags } from '@tsoa/runtime';
import { expandRequestSchema, releaseRequestSchema, soloButtonRequestSchema, zoomOutRequestSchema } from '@mjq/common';
import type { RequestContext } from '../context.js';
import type { ErrorView } from '../dto.js';
import { submitSoloButton } from '../button-submitter.js';
import { parseRequest } from '../request-validation.js';
import { cancelTask } from '../task-canceller.js';
import type { ExpandBody, ReleaseBody, SoloButtonBody, TriggerAnswer, ZoomOutBody } from '../trigger-dto.js';
import type { SoloButton } from '../solo-buttons.js';

/**
 * The seed's routes for the buttons of an upscaled image (msg_id + msg_hash of the upscale).
 * Each finds its button on that message whatever the model version names it; /action clicks
 * any button by custom_id.
 */
@Route('v1/api/trigger')
@Tags('Trigger (seed-compatible)')
@Security('api')
@Response<ErrorView>(400, 'VALIDATION_ERROR, or INVALID_ACTION: the message has no such button, or msg_hash / trigger_id do not match')
@Response<ErrorView>(404, 'UNKNOWN_MESSAGE')
@Response<ErrorView>(429, 'QUEUE_FULL')
export class SoloButtonController extends Controller {
  constructor(private readonly ctx: RequestContext) {
    super();
  }

  private async click(body: SoloButtonBody, button: SoloButton): Promise<TriggerAnswer> {
    const task = await submitSoloButton(this.ctx, parseRequest(soloButtonRequestSchema, body), button);
    return { message: 'success', trigger_id: task.id, trigger_type: button.route };
  }

  /** Vary (Strong) of an upscale ("Make Variations" on v5 messages). */
  @Post('solo_variation')
  @SuccessResponse(200, 'Accepted and queued')
  public async soloVariation(@Body() body: SoloButtonBody): Promise<TriggerAnswer> {
    return this.click(body, { route: 'solo_variation' });
  }

  /** Vary (Subtle) of an upscale. */
  @Post('solo_low_variation')
  @SuccessResponse(200, 'Accepted and queued')
  public async soloLowVariation(@Body() body: SoloButtonBody): Promise<TriggerAnswer> {
    return this.click(body, { route: 'solo_low_variation' });
  }

  /** Vary (Strong) of an upscale. */
  @Post('solo_high_variation')
  @SuccessResponse(200, 'Accepted and queued')
  public async soloHighVariation(@Body() body: SoloButtonBody): Promise<TriggerAnswer> {
    return this.click(body, { route: 'solo_high_variation' });
  }

  /** Upscale (Max), where the model offers it (v5). */
  @Post('max_upscale')
  @SuccessResponse(200, 'Accepted and queued')
  public async maxUpscale(@Body() body: SoloButtonBody): Promise<TriggerAnswer> {
    return this.click(body, { route: 'max_upscale' });
  }

  /** Pan ⬅️ ➡️ ⬆️ ⬇️ of an upscale. */
  @Post('expand')
  @SuccessResponse(200, 'Accepted and queued')
  public async expand(@Body() body: ExpandBody): Promise<TriggerAnswer> {
    const req = parseRequest(expandRequestSchema, body);
    return this.click(req, { route: 'expand', direction: req.direction });
  }

  /** Zoom Out 2x (`zoomout: 50`) or 1.5x (`75`) of an upscale. */
  @Post('zoomout')
  @SuccessResponse(200, 'Accepted and queued')
  public async zoomOut(@Body() body: ZoomOutBody): Promise<TriggerAnswer> {
    const req = parseRequest(zoomOutRequestSchema, body);
    return this.click(req, { route: 'zoomout', zoomout: req.zoomout });
  }

  /**
   * Stops waiting for a task (the seed's queue release): it ends CANCEL, its account slot is
   * freed and a `cancel` callback goes out. A finished task is left as it is.
   */
  @Post('queue/release')
  @SuccessResponse(200, 'Released')
  @Response<ErrorView>(404, 'UNKNOWN_TASK')
  public async release(@Body() body: ReleaseBody): Promise<TriggerAnswer> {
    const task = await cancelTask(this.ctx, parseRequest(releaseRequestSchema, body).trigger_id);
    return { message: 'success', trigger_id: task.id, trigger_type: 'release' };
  }
}
