import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { SlotPool } from '@mjq/common';
import { startSandbox, type Sandbox } from '@mjq/sandbox';
import { MjqServices, sandboxEnv } from '../support/mjq-services.js';
import { pollUntil } from '../support/poll.js';

/**
 * Midjourney jobs cost money: whatever goes wrong on the wire or however a cancel races a send,
 * a task starts at most one job, and no slot outlives the job that holds it.
 */
let sandbox: Sandbox;
let mjq: MjqServices;
let redis: Redis;
const TOKEN = 'exactly-once-user-token';

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, speed: 'instant', users: [{ token: TOKEN, concurrency: 6 }] });
  // A short evidence window keeps the resend case quick; evidence itself arrives within milliseconds.
  mjq = await new MjqServices(sandboxEnv(sandbox, [{ id: 'a', token: TOKEN, concurrency: 6 }], { SEND_EVIDENCE_MS: '3000' })).start('in-process');
  redis = new Redis(mjq.config.redis.url);
});
afterEach(() => sandbox.configure({ faults: null, speed: 'instant', responseDelayMs: 0 }));
afterAll(async () => {
  await mjq?.stop();
  await sandbox?.stop();
  await redis?.quit();
});

const slotsInUse = () => new SlotPool(redis, mjq.config.redis.prefix).inUse('a');
const jobsStarted = () => sandbox.state.jobs.snapshot().started;
const jobsRunning = () => sandbox.state.jobs.snapshot().running;

describe('ambiguous sends', () => {
  it('acceptedThenFailed on 30% of sends: 30 imagines, 30 SUCCESS, exactly 30 Midjourney jobs', async () => {
    const before = jobsStarted();
    // Midjourney's first message comes a while after Discord took the interaction, as it does live.
    sandbox.configure({ responseDelayMs: 1500, faults: { seed: 11, acceptedThenFailed: { probability: 0.3 } } });
    const ids = await Promise.all(Array.from({ length: 30 }, (_, i) => mjq.imagine(`lost answer ${i}`)));
    const tasks = await mjq.settledAll(ids, 90_000);
    expect(tasks.map((t) => t.status)).toEqual(ids.map(() => 'SUCCESS'));
    const lost = sandbox.state.interactions.filter((i) => i.answerLost);
    // The fault really fired, both ways (seeded dice).
    expect(lost.some((i) => i.answerLost === 'cut')).toBe(true);
    expect(lost.some((i) => i.answerLost === '5xx')).toBe(true);
    await pollUntil(async () => jobsRunning(), (n) => n === 0);
    expect(jobsStarted() - before).toBe(30);
    expect(await slotsInUse()).toBe(0);
  }, 120_000);

  it('a send with no evidence that it landed is resent after the window, with the same nonce', async () => {
    // 502 before the interaction is accepted: no job, no INTERACTION_CREATE, no evidence.
    sandbox.configure({ faults: { seed: 3, serverError5xx: { probability: 1 } } });
    sandbox.state.clear();
    const posts = () => sandbox.state.snapshot().requests.list.filter((r) => r.route === 'POST /interactions' && r.token === TOKEN);
    const id = await mjq.imagine('refused first');
    await pollUntil(async () => posts().filter((r) => r.status >= 500).length, (n) => n >= 1);
    sandbox.configure({ faults: { serverError5xx: null } });
    expect(await mjq.settled(id, 30_000)).toMatchObject({ status: 'SUCCESS' });
    const task = (await (await fetch(`${mjq.api.url}/v1/tasks/${id}`)).json()) as { nonce: string };
    const sends = posts();
    // Every send of the task carried its one nonce (refused, then resent), and exactly one was accepted.
    expect(sends.length).toBeGreaterThanOrEqual(2);
    expect(sends.every((r) => r.nonce === task.nonce)).toBe(true);
    expect(sends.map((r) => r.status >= 500)).toEqual([...sends.slice(0, -1).map(() => true), false]);
    expect(sends.at(-1)?.status).toBe(204);
    expect(jobsStarted()).toBe(1);
  }, 60_000);
});

describe('cancel racing send', () => {
  it('never sends a task cancelled before its claim, never overbooks the account, and holds no slot at the end', async () => {
    // Slow enough that cancelled jobs still run while new ones are sent.
    sandbox.configure({ speed: { stepMs: 40 } });
    sandbox.state.jobs.clear();
    const rounds = 40;
    const results: { id: string; round: number }[] = [];
    await Promise.all(
      Array.from({ length: rounds }, async (_, i) => {
        const id = await mjq.imagine(`race round ${i} marker${i}x`);
        // Cancel at once or a little later: before the claim, between claim and send, or while running.
        await new Promise((r) => setTimeout(r, (i % 8) * 5));
        const res = await fetch(`${mjq.api.url}/v1/tasks/${id}/cancel`, { method: 'POST' });
        expect(res.status).toBe(200);
        results.push({ id, round: i });
      }),
    );
    await pollUntil(async () => jobsRunning(), (n) => n === 0, 60_000);
    await pollUntil(slotsInUse, (n) => n === 0, 30_000);
    const prompts = sandbox.state.interactions.map((i) => JSON.stringify(i.body));
    let neverSent = 0;
    for (const { id, round } of results) {
      const task = await mjq.settled(id);
      const sent = prompts.some((p) => p.includes(`marker${round}x`));
      // Cancelled before the claim: it never took an account, and Discord never heard of it.
      if (task.status === 'CANCEL' && !task.accountId) {
        neverSent += 1;
        expect(sent).toBe(false);
      }
      if (sent) expect(task.accountId).toBe('a');
    }
    // The rounds did race: some cancels came before the claim.
    expect(neverSent).toBeGreaterThan(0);
    // A cancelled job that still ran kept its slot: Midjourney never had more than 6 at once.
    expect(sandbox.state.jobs.snapshot().maxRunning).toBeLessThanOrEqual(6);
  }, 120_000);
});
