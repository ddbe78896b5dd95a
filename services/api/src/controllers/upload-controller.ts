import { Security, Body, Controller, Post, Request, Response, Route, SuccessResponse, Tags, UploadedFile } from '@tsoa/runtime';
import type { Request as ExpressRequest } from 'express';
import { blendRequestSchema, describeRequestSchema, messageRequestSchema } from '@mjq/common';
import type { RequestContext } from '../context.js';
import type { ErrorView } from '../dto.js';
import { submitMessage } from '../message-submitter.js';
import { parseRequest } from '../request-validation.js';
import { knownTask } from '../task-lookup.js';
import { submitTask } from '../task-submitter.js';
import type { BlendBody, DescribeBody, MessageAnswer, MessageBody, TriggerAnswer, UploadAnswer } from '../trigger-dto.js';
import type { UploadedImage } from '../upload-parser.js';
import { findUploads, storeUpload } from '../uploads.js';

/** Images in: /upload keeps one, then /describe, /blend and /message use it by upload_filename. */
@Route('v1/api/trigger')
@Tags('Trigger (seed-compatible)')
@Security('api')
@Response<ErrorView>(401, 'Missing or invalid API key')
@Response<ErrorView>(503, 'REDIS_UNAVAILABLE, or NO_ACCOUNT enabled to run it')
export class UploadController extends Controller {
  constructor(private readonly ctx: RequestContext) {
    super();
  }

  /**
   * Keeps an image (PNG, JPEG, GIF or WebP, at most 25 MiB) for /describe, /blend and /message;
   * nothing is sent to Discord yet. The answer's trigger_id is a finished UPLOAD task whose
   * `imageUrl` serves the image. Uploads expire with the tasks (TASK_TTL_DAYS).
   */
  @Post('upload')
  @SuccessResponse(200, 'Stored')
  @Response<ErrorView>(400, 'MISSING_FILE: no file in the form field "file"')
  @Response<ErrorView>(413, 'FILE_TOO_LARGE')
  @Response<ErrorView>(415, 'NOT_AN_IMAGE: the bytes are not a PNG, JPEG, GIF or WebP image')
  public async upload(@UploadedFile('file') file?: UploadedImage): Promise<UploadAnswer> {
    const task = await storeUpload(this.ctx, file);
    const upload = task.uploads![0]!;
    return { message: 'success', upload_filename: upload.uploadFilename, upload_url: task.imageUrl!, trigger_id: task.id, trigger_type: 'upload' };
  }

  /** Queues a /describe of an uploaded image; the finished task's `prompts` are Midjourney's four. */
  @Post('describe')
  @SuccessResponse(200, 'Accepted and queued')
  @Response<ErrorView>(400, 'VALIDATION_ERROR or CALLBACK_URL_FORBIDDEN')
  @Response<ErrorView>(404, 'UNKNOWN_UPLOAD, or UNKNOWN_TASK (trigger_id)')
  @Response<ErrorView>(429, 'QUEUE_FULL')
  public async describe(@Body() body: DescribeBody): Promise<TriggerAnswer> {
    const req = parseRequest(describeRequestSchema, body);
    const uploads = await findUploads(this.ctx, [req.upload_filename]);
    if (req.trigger_id) await knownTask(this.ctx, req.trigger_id);
    const task = await submitTask(this.ctx, { action: 'DESCRIBE', prompt: '', uploads, parentId: req.trigger_id, callbackUrl: req.callbackUrl });
    return { message: 'success', trigger_id: task.id, trigger_type: 'describe' };
  }

  /** Queues a /blend of 2 to 5 uploaded images. */
  @Post('blend')
  @SuccessResponse(200, 'Accepted and queued')
  @Response<ErrorView>(400, 'VALIDATION_ERROR (e.g. fewer than 2 images) or CALLBACK_URL_FORBIDDEN')
  @Response<ErrorView>(404, 'UNKNOWN_UPLOAD (details.upload_filename names it)')
  @Response<ErrorView>(429, 'QUEUE_FULL')
  public async blend(@Body() body: BlendBody): Promise<TriggerAnswer> {
    const req = parseRequest(blendRequestSchema, body);
    const uploads = await findUploads(this.ctx, req.upload_filenames);
    const task = await submitTask(this.ctx, {
      action: 'BLEND',
      prompt: '',
      uploads,
      dimensions: req.dimensions,
      mode: req.mode,
      callbackUrl: req.callbackUrl,
    });
    return { message: 'success', trigger_id: task.id, trigger_type: 'blend' };
  }

  /**
   * Posts an uploaded image in the account's Discord channel and answers, once posted, with its
   * Discord CDN link (`picurl`), which Midjourney accepts as an image prompt (/imagine picurl).
   * Synchronous like the seed's: waits up to MESSAGE_WAIT_MS (30 s by default).
   */
  @Post('message')
  @SuccessResponse(200, 'Posted')
  @Response<ErrorView>(400, 'VALIDATION_ERROR or CALLBACK_URL_FORBIDDEN')
  @Response<ErrorView>(404, 'UNKNOWN_UPLOAD')
  @Response<ErrorView>(429, 'QUEUE_FULL')
  @Response<ErrorView>(502, 'The post failed (details: trigger_id, failCode, failReason)')
  @Response<ErrorView>(504, 'STILL_RUNNING: not posted in time; follow details.trigger_id')
  public async message(@Body() body: MessageBody, @Request() req: ExpressRequest): Promise<MessageAnswer> {
    // The task runs on regardless; only the wait for it ends when the client hangs up.
    const gone = new AbortController();
    req.res?.once('close', () => req.res?.writableEnded || gone.abort());
    const { task, picurl } = await submitMessage(this.ctx, parseRequest(messageRequestSchema, body), gone.signal);
    return { message: 'success', trigger_id: task.id, trigger_type: 'message', picurl };
  }
}
