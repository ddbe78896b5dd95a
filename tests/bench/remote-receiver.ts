import { pollUntil } from '../support/poll.js';
import { repoPath, spawnProcess, type ManagedProcess } from '../support/processes.js';

export interface Arrival {
  trigger_id: string;
  type: string;
  /** Date.now() in the receiver's process once the whole body had arrived. */
  receivedAt: number;
}

/** The callback receiver of receiver-process.mjs, run as its own OS process. */
export class RemoteReceiver {
  url = '';
  private base = '';
  private process: ManagedProcess | undefined;

  async start(): Promise<this> {
    this.process = spawnProcess('receiver', process.execPath, [repoPath('tests/bench/receiver-process.mjs')]);
    this.base = (await this.process.waitForOutput(/ on (http:\/\/\S+)/))[1]!;
    this.url = `${this.base}/callback`;
    return this;
  }

  async received(): Promise<Arrival[]> {
    return (await (await fetch(`${this.base}/received`)).json()) as Arrival[];
  }

  async clear(): Promise<void> {
    await fetch(`${this.base}/clear`, { method: 'POST' });
  }

  /** Polls until the arrivals satisfy `done`. */
  async waitFor(done: (arrivals: Arrival[]) => boolean, timeoutMs: number): Promise<Arrival[]> {
    return pollUntil(() => this.received(), done, timeoutMs);
  }

  async stop(): Promise<void> {
    await this.process?.kill();
  }
}
