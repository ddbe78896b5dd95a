import { repoPath, spawnProcess, type ManagedProcess } from '../support/processes.js';
import { dropPrefixAt, testPrefix } from '../support/redis.js';
import type { Arrival } from './remote-receiver.js';
import { snowflakeTime } from '../support/sandbox-process.js';

/**
 * The bare hops of a result (hop-floor-process.mjs, a process of its own): the sandbox's gateway →
 * one Lua script on Redis → a POST to the callback receiver, beside mjq in the same run. Its time
 * from the sandbox's message to the receiver is the floor under mjq's orchestration overhead on
 * this machine at that moment.
 */
export class HopFloor {
  private process: ManagedProcess | undefined;
  private readonly prefix = testPrefix('hop-floor');

  constructor(private readonly redisUrl: string) {}

  async start(sandboxUrl: string, token: string, receiverUrl: string): Promise<this> {
    const env = { PATH: process.env.PATH ?? '', SANDBOX_URL: sandboxUrl, TOKEN: token, REDIS_URL: this.redisUrl, KEY_PREFIX: this.prefix, RECEIVER_URL: receiverUrl };
    this.process = spawnProcess('hop-floor', process.execPath, [repoPath('tests/bench/hop-floor-process.mjs')], { env });
    await this.process.waitForOutput(/floor ready/);
    return this;
  }

  /** Per result message (by id): its message's time → the floor's POST received. */
  times(messageIds: string[], arrivals: Arrival[]): number[] {
    const at = new Map(arrivals.filter((a) => a.type === 'floor').map((a) => [a.trigger_id, a.receivedAt]));
    return messageIds.filter((id) => at.has(id)).map((id) => at.get(id)! - snowflakeTime(id));
  }

  async stop(): Promise<void> {
    await this.process?.kill();
    await dropPrefixAt(this.redisUrl, this.prefix);
  }
}
