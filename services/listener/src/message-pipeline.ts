import { failTask, type Logger, type Task, type TaskEventPublisher, type TaskStore } from '@mjq/common';
import { parseMidjourneyMessage, type DiscordMessage } from '@mjq/discord';
import { planTaskUpdate } from './plan-update.js';

export type GatewayMessageEvent =
  | { kind: 'create' | 'update'; message: DiscordMessage }
  | { kind: 'delete'; message: { id: string; channel_id: string } };

export interface PipelineDeps {
  store: TaskStore;
  events: TaskEventPublisher;
  log: Logger;
  /** How long a deleted progress message may wait for its result before the task counts as moderated. */
  deleteGraceMs: number;
  /** Told of every task this pipeline failed (account health reacts to Midjourney refusals). */
  onTaskFailed?: (task: Task) => Promise<void>;
}

/**
 * Gateway message events → task changes → callbacks. Events are applied one at a time in
 * arrival order, so a message's updates never overtake its creation.
 */
export class MessagePipeline {
  private chain: Promise<void> = Promise.resolve();
  private readonly timers = new Set<NodeJS.Timeout>();
  unmatched = 0;

  constructor(private readonly deps: PipelineDeps) {}

  push(event: GatewayMessageEvent): Promise<void> {
    return this.enqueue(() => this.apply(event), event.message.id);
  }

  private enqueue(step: () => Promise<void>, messageId: string): Promise<void> {
    const run = this.chain.then(step).catch((err: unknown) => {
      this.deps.log.error({ err, messageId }, 'failed to apply message event');
    });
    this.chain = run;
    return run;
  }

  /** Resolves when every event pushed so far has been applied. */
  async drain(): Promise<void> {
    await this.chain;
  }

  stop(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private async apply(event: GatewayMessageEvent): Promise<void> {
    if (event.kind === 'delete') return this.onDelete(event.message.id);
    const { store, events, log } = this.deps;
    const message = event.message;
    const parsed = parseMidjourneyMessage(message);
    const taskId = await this.correlate(message.id, parsed.taskId, parsed.nonce);
    if (!taskId) {
      this.unmatched += 1;
      await store.countUnmatched();
      log.info({ messageId: message.id, stage: parsed.stage, reason: 'no task for message id, marker or nonce' }, 'unmatched Midjourney message');
      return;
    }
    await store.linkMessage(message.id, taskId);
    const plan = planTaskUpdate(parsed, message.content, message.attachments ?? []);
    if (!plan) return;
    // The store applies a change once, atomically, whoever offers it (another replica, a RESUME
    // replay): only the one caller that applied it publishes, under a job id of that revision.
    const applied = await store.apply(taskId, plan.update);
    if (!applied) {
      log.debug({ taskId, messageId: message.id, stage: parsed.stage }, 'stale or duplicate event ignored');
      return;
    }
    log.info({ taskId, status: applied.task.status, progress: applied.task.progress, revision: applied.revision }, 'task updated');
    await events.publish(plan.event, applied);
    if (applied.task.status === 'FAILURE') await this.deps.onTaskFailed?.(applied.task);
  }

  private async correlate(messageId: string, marker?: string, nonce?: string): Promise<string | undefined> {
    const { store } = this.deps;
    const byMessage = await store.findByMessage(messageId);
    if (byMessage) return byMessage;
    if (marker && (await store.get(marker))) return marker;
    return nonce ? store.findByNonce(nonce) : undefined;
  }

  /**
   * Midjourney deletes the progress message right after posting the result; a deletion with no
   * result is how post-start moderation looks (protocol §4.2 step 5). Wait a little for a
   * result that may still be on its way before calling the task moderated.
   */
  private async onDelete(messageId: string): Promise<void> {
    const taskId = await this.deps.store.findByMessage(messageId);
    if (!taskId) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.enqueue(() => this.failIfUnfinished(taskId, messageId), messageId);
    }, this.deps.deleteGraceMs);
    this.timers.add(timer);
  }

  private async failIfUnfinished(taskId: string, messageId: string): Promise<void> {
    const task = await this.deps.store.get(taskId);
    // Only the deletion of the message that tracks the task's progress counts.
    if (!task || task.messageId !== messageId || task.status === 'SUCCESS') return;
    const failed = await failTask(this.deps.store, this.deps.events, taskId, 'moderated', 'Midjourney deleted the job before it finished', 'banned');
    if (failed) this.deps.log.warn({ taskId }, 'progress message deleted without a result: task moderated');
  }
}
