import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testImageDir } from '../support/e2e-stack.js';
import { MjqServices } from '../support/mjq-services.js';
import { killAll } from '../support/processes.js';
import { dropPrefixAt, testPrefix, testRedisUrl } from '../support/redis.js';
import { cpuPerTask, DeployedServices } from './deployed-services.js';
import { HopFloor } from './hop-floor.js';
import { handoffGaps, utilisation } from './slot-spans.js';
import { RemoteReceiver, type Arrival } from './remote-receiver.js';
import { sandboxAccountsEnv, snowflakeTime, startSandboxProcess, type SandboxProcess } from '../support/sandbox-process.js';

/**
 * What mjq adds around Midjourney's own time, with mjq laid out as deployed (api, dispatcher and
 * listener each an OS process) and, for comparison, all three in this process beside the callback
 * receiver; the sandbox always in its own (its image rendering would otherwise stall the
 * services' event loop and be counted as theirs), drawing its usual 512 px grids and then small
 * ones (the summary line: its renderer then leaves the two cores to mjq); one machine's clock:
 * - orchestration overhead: the sandbox's final message (the time in its snowflake id) → the task stored SUCCESS
 *   (finishTime) → the `end` callback received. Target p99 ≤ 25 ms. Beside it, in the same burst,
 *   the bare hops (hop-floor.ts: gateway → one Lua script → POST to the receiver, nothing else):
 *   what the machine itself takes for them at that moment. As deployed, each service's CPU per
 *   task over the burst (its process_cpu_seconds_total), steadier across runs than the tail.
 * - slot utilisation: 2 accounts × 3 slots, a fixed job time, far more work than slots; from the
 *   sandbox's record of when each job ran, the share of slot time spent running jobs while work
 *   waits (every submission answered → last job start). Target ≥ 95 %.
 */
const N = Number(process.env.BENCH_TASKS ?? 150);
const SOLO = 30;
const OVERHEAD_TARGET_MS = 25;
const UTILISATION_TARGET = 0.95;
const TOKENS = ['orch-a-user-token', 'orch-b-user-token'];
let sandbox: SandboxProcess;
let receiver: RemoteReceiver;
let floor: HopFloor;

type Layout = 'deployed' | 'one process';
interface Stack {
  imagine(prompt: string): Promise<string>;
  task(id: string): Promise<object>;
  /** CPU seconds used so far by each service process (deployed layout only). */
  cpu?(): Promise<Record<string, number>>;
  stop(): Promise<void>;
}
let mjq: Stack;

/** The environment of either layout, on a key prefix and image directory of its own. */
function stackEnv(): Record<string, string> {
  const prefix = testPrefix('orchestration');
  return {
    REDIS_URL: testRedisUrl(),
    REDIS_PREFIX: prefix,
    IMAGE_STORE_DIR: testImageDir(prefix),
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
    ...sandboxAccountsEnv(sandbox.url, TOKENS, { concurrency: 3, waitSize: N * 2 }),
    CALLBACK_URL: receiver.url,
    CALLBACK_ALLOW_HOSTS: '127.0.0.1',
    DISCORD_MAX_RPS: '1000',
    SEND_GAP_MS: '0',
  };
}

async function startStack(layout: Layout): Promise<Stack> {
  const env = stackEnv();
  if (layout === 'one process') return new MjqServices(env).start('in-process');
  const deployed = await new DeployedServices(env).start();
  return {
    imagine: (prompt) => deployed.client.trigger('imagine', { prompt }),
    task: (id) => deployed.client.task(id),
    cpu: () => deployed.cpuSeconds(),
    stop: async () => {
      await deployed.stop();
      await dropPrefixAt(env.REDIS_URL!, env.REDIS_PREFIX!);
      await rm(env.IMAGE_STORE_DIR!, { recursive: true, force: true });
    },
  };
}

beforeAll(async () => {
  sandbox = await startSandboxProcess({ tokens: TOKENS, speed: 40 });
  // Its own process: the time a callback arrives is not held up by this one sending the burst.
  receiver = await new RemoteReceiver().start();
  // Hears the same results as mjq, at the same moments: the machine's own time for the hops.
  floor = await new HopFloor(testRedisUrl()).start(sandbox.url, TOKENS[0]!, receiver.url);
});
afterAll(async () => {
  await mjq?.stop();
  await receiver?.stop();
  await floor?.stop();
  await killAll();
});

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
const p99Of = (values: number[]) => quantile(sorted(values), 0.99);
const row = (name: string, values: number[]) => {
  const s = sorted(values);
  return `  ${name.padEnd(34)} ${[0.5, 0.9, 0.99, 1].map((q) => quantile(s, q).toFixed(0).padStart(6)).join(' ')}`;
};

type Finished = { id: string; messageId?: string; finishTime?: number; status: string };
const ended = (ids: string[]) => (arrivals: Arrival[]) => {
  const done = new Set(arrivals.filter((a) => a.type === 'end').map((a) => a.trigger_id));
  return ids.every((id) => done.has(id));
};
const finished = (ids: string[]): Promise<Finished[]> => Promise.all(ids.map(async (id) => ({ id, ...((await mjq.task(id)) as Omit<Finished, 'id'>) })));

/** The tasks, and when their submissions began and had all been answered. */
async function runAll(count: number, label: string): Promise<Finished[] & { submitted?: { from: number; to: number } }> {
  const from = Date.now();
  const ids = await Promise.all(Array.from({ length: count }, (_, i) => mjq.imagine(`${label} ${i}`)));
  const to = Date.now();
  await receiver.waitFor(ended(ids), 300_000);
  return Object.assign(await finished(ids), { submitted: { from, to } });
}

/** One task in flight at a time: the overhead without queueing or other jobs competing for the CPU. */
async function runOneByOne(count: number, label: string): Promise<Finished[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = await mjq.imagine(`${label} ${i}`);
    ids.push(id);
    await receiver.waitFor(ended([id]), 60_000);
  }
  return finished(ids);
}

/** Per task: final message → stored SUCCESS, stored → `end` callback received, and the sum. */
function overheads(tasks: Finished[], arrivals: Arrival[]): { toStored: number[]; toCallback: number[]; total: number[] } {
  const out = { toStored: [] as number[], toCallback: [] as number[], total: [] as number[] };
  for (const task of tasks) {
    const sentAt = snowflakeTime(task.messageId!);
    const callbackAt = arrivals.find((a) => a.trigger_id === task.id && a.type === 'end')!.receivedAt;
    out.toStored.push(task.finishTime! - sentAt);
    out.toCallback.push(callbackAt - task.finishTime!);
    out.total.push(callbackAt - sentAt);
  }
  return out;
}

describe('orchestration', () => {
  // The deployed layout with small grids last: its line is the summary, and it stays up for the
  // utilisation measure. 512 px grids are the sandbox's default: drawing and encoding them takes
  // most of the two cores in a burst (the sandbox ~13 s of CPU against the listener's ~5 s in
  // a run), so the overhead then measures the renderer's hold on the CPU as much as mjq.
  const runs = [
    { layout: 'one process', gridSize: 512 },
    { layout: 'deployed', gridSize: 512 },
    { layout: 'deployed', gridSize: 64 },
  ] as const;
  it.each(runs)(`overhead of ${N} imagines, mjq $layout, $gridSize px grids: final message → stored SUCCESS → callback`, async ({ layout, gridSize }) => {
    await mjq?.stop();
    mjq = await startStack(layout);
    await sandbox.post('/_sandbox/config', { gridSize });
    await receiver.clear(); // each run's callbacks apart: the receiver hears them all
    const solo = await runOneByOne(SOLO, 'overhead alone');
    const alone = overheads(solo, await receiver.received());
    const cpuBefore = await mjq.cpu?.();
    const tasks = await runAll(N, 'overhead');
    const cpuAfter = await mjq.cpu?.();
    const arrivals = await receiver.received();
    const { toStored, toCallback, total } = overheads(tasks, arrivals);
    const p99 = p99Of(total);
    const bare = floor.times(tasks.map((t) => t.messageId!), arrivals);
    const bareP99 = p99Of(bare);
    // Where the slowest sit: the first results come while the submissions are still answered.
    const start = tasks.submitted!.from;
    const firstResult = Math.min(...tasks.map((t) => snowflakeTime(t.messageId!))) - start;
    const slowest = tasks
      .map((t, i) => ({ at: snowflakeTime(t.messageId!) - start, ms: total[i]! }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 3);
    const aloneP99 = p99Of(alone.total);
    console.log(
      [
        '',
        `orchestration overhead, mjq ${layout === 'deployed' ? 'as deployed (api, dispatcher, listener: a process each)' : 'in one process with the callback receiver'}, ${N} imagines at once, 2 accounts × 3 slots, sandbox 40 ms per step, ${gridSize} px grids (ms)`,
        `  ${''.padEnd(34)} ${['p50', 'p90', 'p99', 'max'].map((h) => h.padStart(6)).join(' ')}`,
        row('final message → stored SUCCESS', toStored),
        row('stored SUCCESS → callback received', toCallback),
        row('final message → callback received', total),
        row(`the bare hops, same burst (${bare.length})`, bare),
        `  from the first submission: all ${N} answered at ${tasks.submitted!.to - start} ms, the first result at ${firstResult} ms; the slowest three: ${slowest.map((s) => `${s.ms} ms (result at ${s.at} ms)`).join(', ')}`,
        ...(cpuBefore && cpuAfter ? [`  CPU per task over the burst: ${cpuPerTask(cpuBefore, cpuAfter, N)}`] : []),
        `  the same, ${SOLO} imagines one at a time:`,
        row('final message → stored SUCCESS', alone.toStored),
        row('stored SUCCESS → callback received', alone.toCallback),
        row('final message → callback received', alone.total),
        layout === 'deployed' && gridSize < 512
          ? `orchestration overhead p99: ${p99.toFixed(0)} ms at once (the bare hops: ${bareP99.toFixed(0)} ms), ${aloneP99.toFixed(0)} ms one at a time (target ≤ ${OVERHEAD_TARGET_MS} ms)`
          : `  (${layout}, ${gridSize} px grids) p99 ${p99.toFixed(0)} ms at once (the bare hops: ${bareP99.toFixed(0)} ms), ${aloneP99.toFixed(0)} ms one at a time`,
      ].join('\n'),
    );
    expect(tasks.every((t) => t.status === 'SUCCESS')).toBe(true);
    expect(total.every((t) => Number.isFinite(t))).toBe(true);
    expect(bare.length).toBeGreaterThan(0);
  });

  it('slot utilisation while work waits: 2 accounts × 3 slots, fixed job time', async () => {
    // A reset forgets the job record (and sets the speed back): first, then the fixed job time.
    await sandbox.post('/_sandbox/reset', {});
    await sandbox.post('/_sandbox/config', { speed: { stepMs: 100 } });
    await receiver.clear();
    const count = 60;
    const tasks = await runAll(count, 'utilisation');
    const spans = await sandbox.jobs();
    // Work waits from the moment every submission is in (before it, slots idle only for tasks not
    // submitted yet); the same from the first job start, as measured before, for comparison.
    const waiting = tasks.submitted!.to;
    const lines: string[] = [];
    const gaps: number[] = [];
    for (const user of [...new Set(spans.map((s) => s.userId))]) {
      const mine = spans.filter((s) => s.userId === user);
      gaps.push(...handoffGaps(mine, 3));
      const u = utilisation(mine, 3, waiting);
      const jobMs = sorted(mine.map((s) => s.endedAt! - s.startedAt));
      lines.push(`  account ${user.padEnd(22)} ${String(mine.length).padStart(5)} ${quantile(jobMs, 0.5).toFixed(0).padStart(8)} ${(u.share * 100).toFixed(1).padStart(7)} %`);
    }
    const all = utilisation(spans, 6, waiting);
    const fromFirstStart = utilisation(spans, 6);
    console.log(
      [
        '',
        `slot utilisation, ${count} imagines at once, 2 accounts × 3 slots, sandbox 100 ms per step`,
        `  ${'account'.padEnd(30)} ${'jobs'.padStart(5)} ${'job p50'.padStart(8)} ${'busy'.padStart(9)}`,
        ...lines,
        `${row('slot handoff, job end → next start', gaps)}   (ms: p50 p90 p99 max)`,
        `  window (all submitted → last job start): ${all.windowMs} ms; from the first job start instead: ${fromFirstStart.windowMs} ms, ${(fromFirstStart.share * 100).toFixed(1)} %`,
        `slot utilisation while work waits: ${(all.share * 100).toFixed(1)} % (target ≥ ${UTILISATION_TARGET * 100} %)`,
      ].join('\n'),
    );
    expect(tasks.every((t) => t.status === 'SUCCESS')).toBe(true);
    expect((await sandbox.state()).jobs.maxRunning).toBeLessThanOrEqual(6);
  });
});
