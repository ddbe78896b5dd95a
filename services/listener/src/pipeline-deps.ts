import type { ImageStore, Logger, ProxyRoutes, ResultCopies, Task, TaskEventPublisher, TaskStore } from '@mjq/common';
import type { ImageSourcePolicy } from './image-sources.js';
import type { DownloadLimits } from './result-image.js';

/** What the message pipeline (message-pipeline.ts) works with. */
export interface PipelineDeps {
  store: TaskStore;
  events: TaskEventPublisher;
  log: Logger;
  /** Where result images are copied (they outlive Discord's expiring links). */
  images: ImageStore;
  /**
   * Result copies under way, when the API serves stored images (imagesServedByApi): a SUCCESS is
   * then stored with mjq's URL at once and copied after, the image route waiting for the copy.
   * Without it (a public bucket, which nothing of ours fronts) the copy comes first.
   */
  copies?: ResultCopies;
  /** The public URL of a stored image (publicImageUrl of the config). */
  imageUrl: (key: string) => string;
  /** Where result images may be copied from (Discord's CDN: discordImageSources). */
  imageSources: ImageSourcePolicy;
  downloadLimits?: DownloadLimits;
  /** How result images are fetched from Discord's CDN (DISCORD_PROXY); default direct. */
  routes?: ProxyRoutes;
  /** How long a deleted progress message may wait for its result before the task counts as moderated. */
  deleteGraceMs: number;
  /** Told of every task this pipeline failed (account health reacts to Midjourney refusals). */
  onTaskFailed?: (task: Task) => Promise<void>;
}
