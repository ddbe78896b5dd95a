import type { Redis } from 'ioredis';
import { BannedWordMatcher, tokenize } from './banned-words.js';
import { DEFAULT_BANNED_WORDS } from './banned-words.default.js';
import { redisKeys, type RedisKeys } from './keys.js';
import { runScript } from './lua-scripts.js';

/**
 * The banned-word list, shared by every API replica: a Redis set plus a version counter. Each
 * replica keeps a compiled matcher and rebuilds it when the version moves, checking at most once
 * per `refreshMs`, so an admin's edit is live everywhere within that time.
 */
export class BannedWordStore {
  private readonly keys: RedisKeys;
  private matcher: BannedWordMatcher | undefined;
  private version = '';
  private checkedAt = 0;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    private readonly refreshMs = 1000,
  ) {
    this.keys = redisKeys(prefix);
  }

  /** The banned phrases found in a prompt. */
  async match(prompt: string): Promise<string[]> {
    return (await this.current()).match(prompt);
  }

  async list(): Promise<{ words: string[]; version: number }> {
    await this.seed();
    const [words, version] = await Promise.all([this.redis.smembers(this.keys.bannedWords()), this.redis.get(this.keys.bannedWordsVersion())]);
    return { words: words.sort(), version: Number(version) };
  }

  /** Replaces the whole list. */
  async replace(words: string[]): Promise<number> {
    const normalised = normalise(words);
    const multi = this.redis.multi().del(this.keys.bannedWords());
    if (normalised.length) multi.sadd(this.keys.bannedWords(), ...normalised);
    return this.bump(multi);
  }

  async edit(add: string[], remove: string[]): Promise<number> {
    await this.seed();
    const multi = this.redis.multi();
    const toAdd = normalise(add);
    const toRemove = normalise(remove);
    if (toAdd.length) multi.sadd(this.keys.bannedWords(), ...toAdd);
    if (toRemove.length) multi.srem(this.keys.bannedWords(), ...toRemove);
    return this.bump(multi);
  }

  private async bump(multi: ReturnType<Redis['multi']>): Promise<number> {
    const results = await multi.incr(this.keys.bannedWordsVersion()).exec();
    this.checkedAt = 0;
    return Number(results?.at(-1)?.[1]);
  }

  /** Writes the shipped default list unless Redis has one (the API does it at start). */
  async seedDefaults(): Promise<void> {
    await this.seed();
  }

  /**
   * The shipped default list, written once when Redis has no list yet. One script, so that no
   * replica can see the version before the words are there.
   */
  private async seed(): Promise<void> {
    if (await this.redis.exists(this.keys.bannedWordsVersion())) return;
    await runScript(this.redis, 'seed-banned-words-2.lua', [this.keys.bannedWordsVersion(), this.keys.bannedWords()], normalise(DEFAULT_BANNED_WORDS));
  }

  private async current(): Promise<BannedWordMatcher> {
    if (this.matcher && Date.now() - this.checkedAt < this.refreshMs) return this.matcher;
    await this.seed();
    const version = (await this.redis.get(this.keys.bannedWordsVersion())) ?? '';
    if (!this.matcher || version !== this.version) {
      this.matcher = new BannedWordMatcher(await this.redis.smembers(this.keys.bannedWords()));
      this.version = version;
    }
    this.checkedAt = Date.now();
    return this.matcher;
  }
}

function normalise(words: readonly string[]): string[] {
  return [...new Set(words.map((w) => tokenize(w).join(' ')).filter(Boolean))];
}
