import { setMaxListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AttachmentStore } from '../cdn/attachment-store.js';
import { stepDelayMs, type Speed } from '../config.js';
import type { SnowflakeGenerator } from '../ids.js';
import type { AcceptedInteraction, CommandInteraction } from '../interaction.js';
import type { MessageFeed } from '../message-feed.js';
import type { ActionContext, MidjourneyAction } from './action.js';
import { imagine } from './imagine.js';
import { JobSlots } from './job-slots.js';
import { unsupported } from './unsupported.js';

/** Concurrent jobs per account on a Standard plan (design: "Accounts, slots and limits"). */
const JOBS_PER_ACCOUNT = 3;

/**
 * Slash commands by name. Buttons (upscale, variation, reroll, …) get a table of their own, keyed
 * by the action segment of `MJ::JOB::<action>::…` (§3.3), when they are simulated.
 */
const COMMAND_ACTIONS: Record<string, MidjourneyAction<CommandInteraction>> = { imagine };

export interface BotDependencies {
  feed: MessageFeed;
  ids: SnowflakeGenerator;
  attachments: AttachmentStore;
  speed: () => Speed;
  log: (msg: string) => void;
}

/** The simulated Midjourney application: answers every interaction Discord accepted for it. */
export class MidjourneyBot {
  private readonly slots = new JobSlots(JOBS_PER_ACCOUNT);
  private lifecycle = newLifecycle();

  constructor(private readonly deps: BotDependencies) {}

  handle(ix: AcceptedInteraction): void {
    const { signal } = this.lifecycle;
    const ctx: ActionContext = {
      feed: this.deps.feed,
      ids: this.deps.ids,
      attachments: this.deps.attachments,
      slots: this.slots,
      signal,
      step: () => sleep(stepDelayMs(this.deps.speed()), undefined, { signal }),
    };
    // §1.10: Midjourney acknowledges at once; the driver learns the interaction id from this event.
    this.deps.feed.toInvoker(ix.user.id, ix.sessionId, 'INTERACTION_SUCCESS', { id: ix.id, nonce: ix.nonce });
    const job = ix.kind === 'command' ? (COMMAND_ACTIONS[ix.command.name] ?? unsupported)(ctx, ix) : unsupported(ctx, ix);
    job.catch((err: unknown) => {
      if (!signal.aborted) this.deps.log(`midjourney: ${ix.kind} ${ix.id} failed: ${String(err)}`);
    });
  }

  /** Stops every job where it is (reset, stop); new interactions start afresh. */
  cancelAll(): void {
    this.lifecycle.abort(new Error('sandbox reset'));
    this.lifecycle = newLifecycle();
  }
}

/** Every running step and queued job listens on this signal: far more than the default 10 is normal. */
function newLifecycle(): AbortController {
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  return controller;
}
