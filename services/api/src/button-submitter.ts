import type { ActionRequest, GridButtonRequest, ResetRequest, SoloButtonRequest, Task } from '@mjq/common';
import {
  assertButtonOn,
  assertFinished,
  assertMessageOf,
  childDraft,
  clickOf,
  gridCustomId,
  rerollCustomId,
  type GridJob,
} from './button-choice.js';
import type { RequestContext } from './context.js';
import { soloCustomId, type SoloButton } from './solo-buttons.js';
import { assertRedisReady } from './storage-guard.js';
import { knownTask, taskOfMessage } from './task-lookup.js';
import { submitTask } from './task-submitter.js';

/** The seed's /upscale and /variation: U{index} / V{index} of a grid. */
export async function submitGridButton(ctx: RequestContext, req: GridButtonRequest, job: GridJob): Promise<Task> {
  assertRedisReady(ctx);
  const parent = await taskOfMessage(ctx, req.msg_id);
  assertMessageOf(parent, req);
  const customId = gridCustomId(job, req.index, req.msg_hash);
  assertButtonOn(parent, customId);
  return submitTask(ctx, childDraft(parent, clickOf(customId), req.callbackUrl));
}

/** The seed's /reset: the grid's 🔄 reroll. */
export async function submitReset(ctx: RequestContext, req: ResetRequest): Promise<Task> {
  assertRedisReady(ctx);
  const parent = await taskOfMessage(ctx, req.msg_id);
  assertMessageOf(parent, req);
  return submitTask(ctx, childDraft(parent, clickOf(rerollCustomId(parent)), req.callbackUrl));
}

/** Any button of a finished task's result, by custom_id. */
export async function submitAction(ctx: RequestContext, req: ActionRequest): Promise<Task> {
  assertRedisReady(ctx);
  const parent = await knownTask(ctx, req.trigger_id);
  assertFinished(parent);
  assertButtonOn(parent, req.custom_id);
  return submitTask(ctx, childDraft(parent, clickOf(req.custom_id), req.callbackUrl));
}

/** The seed's /solo_variation, /solo_low_variation, /solo_high_variation, /max_upscale, /expand, /zoomout. */
export async function submitSoloButton(ctx: RequestContext, req: SoloButtonRequest, button: SoloButton): Promise<Task> {
  assertRedisReady(ctx);
  const parent = await taskOfMessage(ctx, req.msg_id);
  assertMessageOf(parent, req);
  return submitTask(ctx, childDraft(parent, clickOf(soloCustomId(parent, button)), req.callbackUrl));
}
