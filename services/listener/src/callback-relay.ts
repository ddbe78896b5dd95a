import {
  CALLBACK_EVENTS,
  decodeTaskEvent,
  Periodic,
  type CallbackEvent,
  type CallbackOutbox,
  type CallbackQueue,
  type Logger,
  type RedisKeys,
  type TaskEventPublisher,
} from '@mjq/common';
import type { Redis } from 'ioredis';

export interface RelayDeps {
  outbox: CallbackOutbox;
  events: TaskEventPublisher;
  pending: CallbackQueue;
  redis: Redis;
  keys: RedisKeys;
  log: Logger;
  /** How long an entry may wait for its own publisher before the relay takes over (ms). */
  graceMs: number;
  everyMs: number;
}

const isCallbackEvent = (name: string): name is CallbackEvent => (CALLBACK_EVENTS as readonly string[]).includes(name);

/**
 * Sends the callbacks whose publisher died between applying a change and recording its
 * callback (callback-outbox.ts). The callback is rebuilt from the change's snapshot in the
 * task's event stream; recording clears the outbox entry in the same step, and a change
 * recorded twice is kept once (callback-push-4.lua), so a slow publisher is never doubled.
 * Every replica may run it.
 */
export class CallbackRelay {
  private readonly periodic: Periodic;

  constructor(private readonly deps: RelayDeps) {
    this.periodic = new Periodic(() => this.runOnce(), deps.everyMs, (err) => deps.log.warn({ err }, 'callback relay failed'));
  }

  start(): void {
    this.periodic.start();
  }

  stop(): Promise<void> {
    return this.periodic.stop();
  }

  /** One pass over the overdue entries; returns how many callbacks it recorded. */
  async runOnce(now = Date.now()): Promise<number> {
    const { outbox, events, redis, keys, log } = this.deps;
    let relayed = 0;
    for (const { taskId, revision } of await outbox.overdue(this.deps.graceMs, 100, now)) {
      const [entry] = await redis.xrange(keys.taskEvents(taskId), `${revision}-0`, `${revision}-0`);
      const change = entry ? decodeTaskEvent(entry[0], entry[1]) : undefined;
      if (!change || !isCallbackEvent(change.name)) {
        if (!change) log.warn({ taskId, revision }, 'callback outbox: the change is gone from the task stream');
        await outbox.done(taskId, revision);
        continue;
      }
      // As the deliverer coalesces: a progress step the task has since moved past is not worth sending late.
      if (change.name === 'generating' && ((await this.deps.pending.taskRevision(taskId)) ?? 0) > revision) {
        await outbox.done(taskId, revision);
        continue;
      }
      log.warn({ taskId, revision, event: change.name }, 'callback outbox: recording a callback its publisher did not');
      await events.publish(change.name, { task: change.task, revision });
      relayed += 1;
    }
    return relayed;
  }
}
