import { Body, Controller, Post, Response, Route, Security, Tags } from '@tsoa/runtime';
import {
  mjActionSchema,
  mjBlendSchema,
  mjChangeSchema,
  mjDescribeSchema,
  mjImagineSchema,
  mjModalSchema,
  mjShortenSchema,
  mjSimpleChangeSchema,
  mjUploadDiscordImagesSchema,
} from '@mjq/common';
import type { RequestContext } from '../context.js';
import type {
  MjActionBody,
  MjBlendBody,
  MjChangeBody,
  MjDescribeBody,
  MjImagineBody,
  MjModalBody,
  MjShortenBody,
  MjSimpleChangeBody,
  MjSubmitResultView,
  MjUploadDiscordImagesBody,
  MjUploadResultView,
} from '../mj/mj-dto.js';
import { mjAction, mjBlend, mjChange, mjDescribe, mjImagine, mjModal, mjShorten, mjSimpleChange, mjUploadDiscordImages } from '../mj/mj-submit.js';
import { parseRequest } from '../request-validation.js';

/**
 * midjourney-proxy's submit API (novicezk's, with trueai's action/modal), as relays such as
 * new-api and one-api call it. Also under `/mj-fast`, `/mj-relax`, `/mj-turbo` (the mode). Every
 * refusal is HTTP 200 with the proxy's code, except 401 (key) and 429 (key over its limits).
 */
@Route('mj/submit')
@Tags('midjourney-proxy')
@Security('api')
@Response<MjSubmitResultView>(401, 'Missing or invalid API key')
@Response<MjSubmitResultView>(429, 'The key is over its requests per second (Retry-After) or its task limits')
export class MjSubmitController extends Controller {
  constructor(private readonly ctx: RequestContext) {
    super();
  }

  /** Imagine; base64Array images are posted to Discord first and used as image prompts. */
  @Post('imagine')
  public async imagine(@Body() body: MjImagineBody): Promise<MjSubmitResultView> {
    return mjImagine(this.ctx, parseRequest(mjImagineSchema, body));
  }

  /** Clicks a button of a finished task (its `buttons[].customId`). A Remix modal it opens is submitted with the prompt; Custom Zoom and Vary (Region) answer 21: continue with /mj/submit/modal. */
  @Post('action')
  public async action(@Body() body: MjActionBody): Promise<MjSubmitResultView> {
    return mjAction(this.ctx, parseRequest(mjActionSchema, body));
  }

  /** The text (and Vary (Region)'s mask) of a task that answered 21. */
  @Post('modal')
  public async modal(@Body() body: MjModalBody): Promise<MjSubmitResultView> {
    return mjModal(this.ctx, parseRequest(mjModalSchema, body));
  }

  @Post('blend')
  public async blend(@Body() body: MjBlendBody): Promise<MjSubmitResultView> {
    return mjBlend(this.ctx, parseRequest(mjBlendSchema, body));
  }

  /** Describe an image (base64); the four prompts come in the task's `description` and `properties.prompts`. */
  @Post('describe')
  public async describe(@Body() body: MjDescribeBody): Promise<MjSubmitResultView> {
    return mjDescribe(this.ctx, parseRequest(mjDescribeSchema, body));
  }

  @Post('shorten')
  public async shorten(@Body() body: MjShortenBody): Promise<MjSubmitResultView> {
    return mjShorten(this.ctx, parseRequest(mjShortenSchema, body));
  }

  /** U1–U4, V1–V4 or reroll of a grid (the old API). */
  @Post('change')
  public async change(@Body() body: MjChangeBody): Promise<MjSubmitResultView> {
    return mjChange(this.ctx, parseRequest(mjChangeSchema, body));
  }

  /** The same as one string: "<taskId> U2". */
  @Post('simple-change')
  public async simpleChange(@Body() body: MjSimpleChangeBody): Promise<MjSubmitResultView> {
    return mjSimpleChange(this.ctx, parseRequest(mjSimpleChangeSchema, body));
  }

  /** Posts images to Discord and answers their links (each waits for its message). */
  @Post('upload-discord-images')
  public async uploadDiscordImages(@Body() body: MjUploadDiscordImagesBody): Promise<MjUploadResultView> {
    return mjUploadDiscordImages(this.ctx, parseRequest(mjUploadDiscordImagesSchema, body).base64Array);
  }
}
