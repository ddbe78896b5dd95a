import {
  distinctFiles,
  failTask,
  type ImageStore,
  isTerminal,
  type Logger,
  metrics,
  type ProxyRoutes,
  type ResultCopies,
  resultFiles,
  type Task,
  type TaskEventPublisher,
  type TaskStore,
  type TaskUpdate,
} from '@mjq/common';
import { parseMidjourneyMessage, type DiscordMessage, type ParsedMessage } from '@mjq/discord';
import type { GatewayMessageEvent } from './gateway-events.js';
import { KeyedChains } from './keyed-chains.js';
import { MessageCorrelator } from './message-correlator.js';
import { planTaskUpdate, type PlannedUpdate } from './plan-update.js';
import type { ImageSourcePolicy } from './image-sources.js';
import { ResultCopier } from './result-copier.js';
import { ResultImages, type DownloadLimits } from './result-image.js';
import { eventFingerprint, SeenEvents } from './seen-events.js';
import { LinkCache } from './link-cache.js';
import { ProgressSteps } from './progress-steps.js';

/** A change with its result files: the copy to start once it is stored, and the lease it is owed under. */
type ResultUpdate = { update: TaskUpdate; copyAfter?: () => void; resultCopyUntil?: number };

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

/** Resolves once the I/O and ticks already queued have run (setImmediate's turn). */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A matched message's change, handed from the intake to its task's chain. */
type Handoff = { applied: Promise<void> };

/** Matched, and nothing to change. */
const NOTHING: Handoff = { applied: Promise.resolve() };

/**
 * Gateway message events → task changes → callbacks, in two stages. The intake matches events to
 * tasks one at a time in arrival order: a job's first message links the ids its later messages
 * are found by (the result carries no nonce). The change is then applied on its task's own chain,
 * in order for that task; a slow step (copying a result image) does not hold up other tasks.
 */
export class MessagePipeline {
  private intake: Promise<void> = Promise.resolve();
  private readonly chains = new KeyedChains();
  private readonly correlator: MessageCorrelator;
  private readonly results: ResultImages;
  /** Copies of results stored SUCCESS before their copy (deps.copies). */
  readonly copier: ResultCopier | undefined;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly seen = new SeenEvents();
  /** Discord ids → tasks this process found or wrote; shared with the account view (INTERACTION_*). */
  readonly links = new LinkCache();
  private readonly progress = new ProgressSteps();
  unmatched = 0;

  constructor(private readonly deps: PipelineDeps) {
    this.correlator = new MessageCorrelator(deps.store, (taskId) => this.chains.busy(taskId), this.links);
    this.results = new ResultImages({ images: deps.images, publicUrl: deps.imageUrl, sources: deps.imageSources, log: deps.log, limits: deps.downloadLimits, routes: deps.routes });
    this.copier = deps.copies && new ResultCopier({ results: this.results, copies: deps.copies, images: deps.images, log: deps.log });
  }

  /** Resolves when the event has been applied (or found to change nothing); never rejects. */
  push(event: GatewayMessageEvent): Promise<void> {
    const parsed = event.kind === 'delete' ? undefined : parseMidjourneyMessage(event.message);
    const fingerprint = eventFingerprint(event, parsed);
    // Both views see every message: the second copy costs nothing once the first was handled.
    const earlier = this.seen.earlier(fingerprint);
    if (earlier) return earlier.then((handled) => (handled ? undefined : this.push(event)), () => this.push(event));
    const admitted = this.intake.then(() => this.admit(event, parsed));
    this.intake = admitted.then(() => undefined, () => undefined);
    // The handoff is wrapped so that the intake does not wait for the task's chain.
    const handled = admitted.then(async (handoff) => {
      if (!handoff) return false;
      await handoff.applied;
      return true;
    });
    this.seen.record(fingerprint, handled);
    return handled.then(
      () => undefined,
      (err: unknown) => this.deps.log.error({ err, messageId: event.message.id }, 'failed to apply message event'),
    );
  }

  /** Resolves when every event pushed so far, every change they started and every copy started has settled. */
  async drain(): Promise<void> {
    for (;;) {
      const intake = this.intake;
      await intake;
      await this.chains.drain();
      await this.copier?.drain();
      if (intake === this.intake) return;
    }
  }

  stop(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  /** Undefined when no task matched (yet): another copy of the event may still match. */
  private async admit(event: GatewayMessageEvent, parsed: ParsedMessage | undefined): Promise<Handoff | undefined> {
    if (event.kind === 'delete' || !parsed) return this.onDelete(event.message.id);
    const { store, log } = this.deps;
    const message = event.message as DiscordMessage;
    const match = await this.correlator.correlate(parsed);
    if (!match) {
      this.unmatched += 1;
      metrics.unmatchedMessages.inc();
      await store.countUnmatched();
      log.info({ messageId: message.id, stage: parsed.stage, reason: 'no task for message id, nonce, interaction, marker or reference' }, 'unmatched Midjourney message');
      return undefined;
    }
    // Remembered in this process at once (the job's later messages find their task by it); the
    // Redis write goes beside the change rather than before it: the intake takes the next event sooner.
    const linked = this.correlator.link(parsed, match);
    const plan = planTaskUpdate(parsed, message);
    if (!plan) return { applied: linked };
    const started = this.progress.queue(match.taskId, plan.update);
    const applied = this.chains.run(match.taskId, () => {
      started();
      return this.apply(match.taskId, parsed, message, plan);
    });
    return { applied: Promise.all([linked, applied]).then(() => undefined) };
  }

  private async apply(taskId: string, parsed: ParsedMessage, message: DiscordMessage, plan: PlannedUpdate): Promise<void> {
    const { store, events, log } = this.deps;
    // No further than a step applied here (the job's "Waiting to start" then "(0%)"), or overtaken by one queued.
    if (this.progress.skip(taskId, plan.update)) return;
    let result: ResultUpdate = { update: plan.update };
    if (parsed.stage === 'done' && parsed.imageUrl) {
      // Copying before the SUCCESS: a result seen again (a replay, another replica) is not downloaded twice.
      if (!this.copier && (await this.finishedAlready(taskId))) {
        log.debug({ taskId, messageId: message.id }, 'result of a finished task ignored');
        return;
      }
      result = await this.withResultFiles(taskId, plan.update);
    }
    const { update, copyAfter, resultCopyUntil } = result;
    // The store applies a change once, atomically, whoever offers it (another replica, a RESUME
    // replay): only the one caller that applied it publishes, under a job id of that revision.
    const applied = await store.apply(taskId, update, { callbackLease: events.lease(taskId), deferCompaction: true, resultCopyUntil });
    if (!applied) {
      log.debug({ taskId, messageId: message.id, stage: parsed.stage }, 'stale or duplicate event ignored');
      // A result seen again (a replay, another replica) owes no copy: the refused change recorded
      // none. A cancelled task kept its slot while Midjourney ran: this is its end.
      if (isTerminal(update.status) && (await store.releaseEndedJob(taskId))) log.info({ taskId }, 'job of a cancelled task ended: slot freed');
      return;
    }
    log.info({ taskId, status: applied.task.status, progress: applied.task.progress, revision: applied.revision }, 'task updated');
    if (applied.task.status === 'IN_PROGRESS') this.progress.stored(taskId, applied.task.progress);
    const published = events.publish(plan.event, applied);
    await published.catch(() => undefined);
    // node:http writes the callback on the next tick: a download set up or a record deflated
    // before would hold it up. Only the replica that stored the SUCCESS copies; if it dies, the sweep does.
    if (copyAfter || applied.compact) await nextTurn();
    copyAfter?.();
    await Promise.all([published, applied.compact?.()]);
    if (applied.task.status === 'FAILURE') await this.deps.onTaskFailed?.(applied.task);
  }

  /** True (and a cancelled task's slot freed: Midjourney's job has ended) when the task is gone or finished. */
  private async finishedAlready(taskId: string): Promise<boolean> {
    const task = await this.deps.store.get(taskId);
    if (task && !isTerminal(task.status)) return false;
    if (task) await this.deps.store.releaseEndedJob(taskId);
    return true;
  }

  /**
   * The SUCCESS with its result files' URLs. When the API serves stored images, mjq's URLs at
   * once and the copy after (`copyAfter`, once the SUCCESS is stored), owed in the same step as
   * the SUCCESS (`resultCopyUntil`: update-task.lua records it among the result copies), so that a
   * listener dying after leaves it to the sweep; else (a public bucket) copied before, so that the
   * client's first look at the result gets the lasting URL.
   */
  private async withResultFiles(taskId: string, update: TaskUpdate): Promise<ResultUpdate> {
    const files = resultFiles(taskId, update.fields ?? {});
    const copies = this.deps.copies;
    if (!copies || !this.copier) {
      await this.deps.store.releaseJobSlot(taskId); // Midjourney's job is over: the slot's next job goes while this copies.
      return { update: { ...update, fields: { ...update.fields, ...(await this.results.fieldsFor(taskId, files)) } } };
    }
    const copier = this.copier;
    const todo = distinctFiles(files);
    // The SUCCESS also frees the job's slot: no round trip before the store, none beside it.
    const lasting = { ...update, fields: { ...update.fields, ...this.results.lastingFields(files) } };
    if (!todo.length) return { update: lasting };
    return { update: lasting, copyAfter: () => copier.start(taskId, todo), resultCopyUntil: Date.now() + copies.leaseMs };
  }

  /**
   * Midjourney deletes the progress message right after posting the result; a deletion with no
   * result is how post-start moderation looks (protocol §4.2 step 5). Wait a little for a
   * result that may still be on its way before calling the task moderated.
   */
  private async onDelete(messageId: string): Promise<Handoff | undefined> {
    const taskId = await this.links.find('message', messageId, (id) => this.deps.store.findByMessage(id));
    if (!taskId) return undefined;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      // On the task's chain: a result still being copied is applied before this looks.
      this.chains
        .run(taskId, () => this.failIfUnfinished(taskId, messageId))
        .catch((err: unknown) => this.deps.log.error({ err, taskId, messageId }, 'failed to check a deleted message'));
    }, this.deps.deleteGraceMs);
    this.timers.add(timer);
    return NOTHING;
  }

  private async failIfUnfinished(taskId: string, messageId: string): Promise<void> {
    const task = await this.deps.store.get(taskId);
    // Only the deletion of the message that tracks the task's progress counts.
    if (!task || task.messageId !== messageId || task.status === 'SUCCESS') return;
    const failed = await failTask(this.deps.store, this.deps.events, taskId, 'moderated', 'Midjourney deleted the job before it finished', 'banned');
    if (failed) this.deps.log.warn({ taskId }, 'progress message deleted without a result: task moderated');
  }
}
