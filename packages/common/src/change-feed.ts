import type { Redis } from 'ioredis';
import { redisKeys } from './keys.js';

/** Shared records a process may keep a copy of, each changed rarely (an admin, a start, an /info) and announced on change. */
const TOPICS = ['accounts', 'api-keys', 'account-observed', 'sessions'] as const;
export type ChangeTopic = (typeof TOPICS)[number];

/** How long a copy serves at most, should a change message be lost unnoticed (a half-open subscriber connection). */
const MAX_AGE_MS = 10_000;

/**
 * Per-process copies of rarely changed shared records (the account list and tokens, whether API
 * keys exist, what /info told of each account, the accounts' live gateway sessions), kept true
 * by a pub/sub message every writer sends after a change (`announce`) — so the hot paths (every
 * submission, every send) read them from memory instead of Redis. A change made
 * in this process counts at once; one made elsewhere as soon as its message arrives (a
 * millisecond on a LAN, before anything the writer does next). Copies serve only while the
 * subscriber connection is up (a reconnect may have missed messages: everything is read again),
 * and for MAX_AGE_MS at most.
 *
 * Every process that writes these records announces, whether or not it keeps copies itself.
 */
export class ChangeFeed {
  private readonly generations = new Map<ChangeTopic, number>();
  private readonly listeners: { topic: ChangeTopic; listener: () => void }[] = [];
  private listening = false;
  private subscribed = false;

  /** The pub/sub channel of the prefix's changes (`changes` in keys.ts). */
  readonly channel: string;

  constructor(
    private readonly redis: Redis,
    prefix: string,
  ) {
    this.channel = redisKeys(prefix).changes();
  }

  /** Keeps copies from now on, hearing changes on `subscriber` (a connection in subscriber mode, shared with other channels). */
  async listen(subscriber: Redis): Promise<void> {
    subscriber.on('message', (channel: string, topic: string) => {
      if (channel === this.channel && (TOPICS as readonly string[]).includes(topic)) this.bump(topic as ChangeTopic);
    });
    // Messages sent while the connection is down are lost: no copy serves until it is back, and none from before.
    subscriber.on('close', () => {
      this.listening = false;
      for (const topic of TOPICS) this.bump(topic);
    });
    // Back: ioredis subscribes again as it reconnects.
    subscriber.on('ready', () => (this.listening = this.subscribed));
    await subscriber.subscribe(this.channel);
    this.subscribed = this.listening = true;
  }

  /** Tells every process (this one at once) that the records of `topic` changed. */
  async announce(topic: ChangeTopic): Promise<void> {
    this.bump(topic);
    await this.redis.publish(this.channel, topic);
  }

  /**
   * `load`, remembered until the topic changes. A load that overlaps a change is not kept (it may
   * have read the records before the change).
   */
  memo<T>(topic: ChangeTopic, load: () => Promise<T>): () => Promise<T> {
    let copy: { generation: number; at: number; value: T } | undefined;
    return async () => {
      const generation = this.generation(topic);
      const now = Date.now();
      if (copy && this.listening && copy.generation === generation && now - copy.at < MAX_AGE_MS) return copy.value;
      const value = await load();
      copy = this.listening && this.generation(topic) === generation ? { generation, at: now, value } : undefined;
      return value;
    };
  }

  private generation(topic: ChangeTopic): number {
    return this.generations.get(topic) ?? 0;
  }

  /** Calls `listener` whenever the topic changes (or may have: the subscriber reconnected). */
  onChange(topic: ChangeTopic, listener: () => void): void {
    this.listeners.push({ topic, listener });
  }

  private bump(topic: ChangeTopic): void {
    this.generations.set(topic, this.generation(topic) + 1);
    for (const l of this.listeners) if (l.topic === topic) l.listener();
  }
}
