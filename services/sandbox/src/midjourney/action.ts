import type { AttachmentStore } from '../cdn/attachment-store.js';
import type { SnowflakeGenerator } from '../ids.js';
import type { AcceptedInteraction } from '../interaction.js';
import type { MessageFeed } from '../message-feed.js';
import type { JobSlots } from './job-slots.js';

/** What a simulated Midjourney action may use. */
export interface ActionContext {
  feed: MessageFeed;
  ids: SnowflakeGenerator;
  attachments: AttachmentStore;
  slots: JobSlots;
  /** Aborted by reset/stop: pending steps reject and jobs end where they are. */
  signal: AbortSignal;
  /** Waits one job step at the configured speed ('instant' still yields, keeping steps in order). */
  step(): Promise<void>;
  /** Side of a rendered grid, px, when the job began (RuntimeConfig.gridSize). */
  gridSize: number;
}

/** One Midjourney behaviour (a command or a button), answering an accepted interaction. */
export type MidjourneyAction<I extends AcceptedInteraction = AcceptedInteraction> = (ctx: ActionContext, ix: I) => Promise<void>;
