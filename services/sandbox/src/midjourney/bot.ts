import { setMaxListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AttachmentStore } from '../cdn/attachment-store.js';
import { stepDelayMs, type Speed } from '../config.js';
import type { SnowflakeGenerator } from '../ids.js';
import type { AcceptedInteraction, DiscordInteraction, RegionSubmit } from '../interaction.js';
import type { MessageFeed } from '../message-feed.js';
import type { ModalRegistry } from '../modal-registry.js';
import type { ActionContext } from './action.js';
import { answerFor } from './answers.js';
import type { JobGate } from './job-gate.js';
import { JobSlots } from './job-slots.js';
import { RegionEditors } from './region-editors.js';
import { UserSettings } from './user-settings.js';

/** Concurrent jobs per account on a Standard plan (design: "Accounts, slots and limits"). */
const JOBS_PER_ACCOUNT = 3;

export interface BotDependencies {
  feed: MessageFeed;
  ids: SnowflakeGenerator;
  attachments: AttachmentStore;
  speed: () => Speed;
  /** The wait between the acknowledgement and a job's first message (RuntimeConfig.responseDelayMs). */
  responseDelayMs?: () => number;
  /** Side of a rendered grid, px (RuntimeConfig.gridSize). */
  gridSize?: () => number;
  log: (msg: string) => void;
  /** Discord's record of open modals: Midjourney answers some clicks with one (§3.4). */
  modals: ModalRegistry;
  /** Per-account job slots (several accounts); default 3 for everyone. */
  concurrency?: (userId: string) => number;
  /** Account state, test keywords, silent jobs and job measurements before the action runs. */
  gate?: JobGate;
}

/** The simulated Midjourney application: answers every interaction Discord accepted for it. */
export class MidjourneyBot {
  private readonly slots: JobSlots;
  private lifecycle = newLifecycle();
  /** Remix mode per user (`/prefer remix`, or the control API). */
  readonly settings = new UserSettings();
  /** Vary (Region) editors awaiting their submit on the activity host (§3.4). */
  readonly editors = new RegionEditors();

  constructor(private readonly deps: BotDependencies) {
    this.slots = new JobSlots(deps.concurrency ?? JOBS_PER_ACCOUNT);
  }

  handle(ix: DiscordInteraction): void {
    // §3.4: a modal or the editor is announced before the acknowledgement, both under the click's id.
    const { modal, editor } = answerFor(ix, this.settings);
    if (modal && ix.kind === 'component') this.deps.feed.toInvoker(ix.user.id, ix.sessionId, 'INTERACTION_MODAL_CREATE', this.deps.modals.open(ix, modal));
    if (editor && ix.kind === 'component') this.deps.feed.toInvoker(ix.user.id, ix.sessionId, 'INTERACTION_IFRAME_MODAL_CREATE', this.editors.open(ix));
    // §1.10: Midjourney acknowledges at once; the driver learns the interaction id from this event.
    this.deps.feed.toInvoker(ix.user.id, ix.sessionId, 'INTERACTION_SUCCESS', { id: ix.id, nonce: ix.nonce });
    // A click that only opens a window is no job yet: its submit goes through the gate.
    this.start(ix, { gated: !modal && !editor });
  }

  /** A Vary (Region) edit the activity host accepted: a job like any other, without INTERACTION_* events. */
  submitRegion(edit: RegionSubmit): void {
    this.start(edit, { gated: true });
  }

  private start(ix: AcceptedInteraction, { gated }: { gated: boolean }): void {
    const { signal } = this.lifecycle;
    const ctx: ActionContext = {
      feed: this.deps.feed,
      ids: this.deps.ids,
      attachments: this.deps.attachments,
      slots: this.slots,
      signal,
      step: () => sleep(stepDelayMs(this.deps.speed()), undefined, { signal }),
      gridSize: this.deps.gridSize?.() ?? 512,
    };
    const act = (jx: AcceptedInteraction) => answerFor(jx, this.settings).run?.(ctx) ?? Promise.resolve();
    const begin = () => (this.deps.gate && gated ? this.deps.gate.run(ctx, ix, act) : act(ix));
    const wait = this.deps.responseDelayMs?.() ?? 0;
    const job = wait > 0 ? sleep(wait, undefined, { signal }).then(begin) : begin();
    job.catch((err: unknown) => {
      if (!signal.aborted) this.deps.log(`midjourney: ${ix.kind} ${ix.id} failed: ${String(err)}`);
    });
  }

  /** Stops every job where it is and forgets preferences and open editors (reset, stop); new interactions start afresh. */
  cancelAll(): void {
    this.lifecycle.abort(new Error('sandbox reset'));
    this.lifecycle = newLifecycle();
    this.settings.clear();
    this.editors.clear();
  }
}

/** Every running step and queued job listens on this signal: far more than the default 10 is normal. */
function newLifecycle(): AbortController {
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  return controller;
}
