import type { Redis } from 'ioredis';
import type { RedisKeys } from './keys.js';

/**
 * The lookup indexes of tasks: Discord's ids (message, nonce, interaction) → task, the children
 * of a message, and the evidence that an interaction landed. Part of TaskStore.
 */
export class TaskLinks {
  constructor(
    protected readonly redis: Redis,
    readonly keys: RedisKeys,
    /** How long a task (and its links) is kept, seconds. */
    readonly ttlSeconds: number,
  ) {}

  async linkMessage(messageId: string, taskId: string): Promise<void> {
    await this.redis.set(this.keys.messageToTask(messageId), taskId, 'EX', this.ttlSeconds);
  }

  async findByMessage(messageId: string): Promise<string | undefined> {
    return (await this.redis.get(this.keys.messageToTask(messageId))) ?? undefined;
  }

  async linkNonce(nonce: string, taskId: string): Promise<void> {
    await this.redis.set(this.keys.nonceToTask(nonce), taskId, 'EX', this.ttlSeconds);
  }

  async findByNonce(nonce: string): Promise<string | undefined> {
    return (await this.redis.get(this.keys.nonceToTask(nonce))) ?? undefined;
  }

  /**
   * Records that the interaction with this nonce reached Discord (its INTERACTION_CREATE/SUCCESS
   * or a Midjourney message echoing the nonce was seen). Kept a day: evidence is looked for
   * within seconds of a send.
   */
  async markLanded(nonce: string): Promise<void> {
    await this.redis.set(this.keys.interactionLanded(nonce), '1', 'EX', 24 * 3600);
  }

  async hasLanded(nonce: string): Promise<boolean> {
    return (await this.redis.exists(this.keys.interactionLanded(nonce))) === 1;
  }

  /** The task's recorded send provably started no job: the next send need not look for evidence. */
  async forgetSend(taskId: string): Promise<void> {
    await this.redis.hdel(this.keys.task(taskId), '_send');
  }

  async linkInteraction(interactionId: string, taskId: string): Promise<void> {
    await this.redis.set(this.keys.interactionToTask(interactionId), taskId, 'EX', this.ttlSeconds);
  }

  async findByInteraction(interactionId: string): Promise<string | undefined> {
    return (await this.redis.get(this.keys.interactionToTask(interactionId))) ?? undefined;
  }

  /** Remembers that `taskId` clicks a button of `messageId` (a child of that message's task). */
  async addChild(messageId: string, taskId: string): Promise<void> {
    const key = this.keys.messageChildren(messageId);
    await this.redis.multi().sadd(key, taskId).expire(key, this.ttlSeconds).exec();
  }

  async children(messageId: string): Promise<string[]> {
    return this.redis.smembers(this.keys.messageChildren(messageId));
  }

  /** Counts Midjourney messages that matched no task (exposed for monitoring). */
  async countUnmatched(): Promise<number> {
    return this.redis.incr(this.keys.unmatchedCount());
  }
}
