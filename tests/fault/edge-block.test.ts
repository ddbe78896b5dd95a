import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '@mjq/sandbox';
import { MjqServices, sandboxEnv } from '../support/mjq-services.js';
import { pollUntil } from '../support/poll.js';

/**
 * Cloudflare in front of Discord sometimes refuses a request for how the client looks: a 403
 * with the text `error code: 1010`, not Discord's JSON. That is not Discord refusing the
 * account: the account stays enabled, the task keeps its place and is sent again later, and —
 * since the refused request never reached Discord — it still starts exactly one job.
 */
let sandbox: Sandbox;
let mjq: MjqServices;
const TOKEN = 'edge-block-user-token';
const ADMIN_KEY = 'edge-block-admin-key';

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, speed: 'instant', users: [{ token: TOKEN, concurrency: 6 }] });
  mjq = await new MjqServices(
    sandboxEnv(sandbox, [{ id: 'a', token: TOKEN, concurrency: 6 }], {
      ADMIN_KEYS: ADMIN_KEY,
      SEND_GAP_MS: '0',
      SEND_GAP_JITTER_MS: '0',
      // A block must clear the send's "may have landed" record: were it kept, the next run would
      // wait this long for evidence first, and the tasks below would not finish in time.
      SEND_EVIDENCE_MS: '600000',
    }),
  ).start('in-process');
});
afterAll(async () => {
  await mjq?.stop();
  await sandbox?.stop();
});

interface AccountView {
  id: string;
  enabled: boolean;
  disabledReason?: string;
  edgeBlocks?: number;
  edgeBlockedAt?: number;
}

async function account(id: string): Promise<AccountView | undefined> {
  const res = await fetch(`${mjq.api.url}/admin/accounts`, { headers: { 'x-admin-key': ADMIN_KEY } });
  return ((await res.json()) as AccountView[]).find((a) => a.id === id);
}

describe('edge blocks (403 error code: 1010)', () => {
  it('30% of interactions edge-blocked: 20 imagines all SUCCESS, 20 jobs, the account enabled and counting its blocks', async () => {
    const before = sandbox.state.jobs.snapshot().started;
    sandbox.configure({ faults: { seed: 20, edgeBlock: { probability: 0.3 } } });
    const startedAt = Date.now();
    const ids = await Promise.all(Array.from({ length: 20 }, (_, i) => mjq.imagine(`edge ${i}`)));
    // Backoff doubles from 5 s per job: a task blocked four times in a row waits 75 s.
    const tasks = await mjq.settledAll(ids, 200_000);
    expect(tasks.map((t) => t.status)).toEqual(ids.map(() => 'SUCCESS'));

    const posts = sandbox.state.requests.requests.filter((r) => r.token === TOKEN && r.route === 'POST /interactions');
    const blocked = posts.filter((r) => r.injected && r.status === 403);
    expect(blocked.length).toBeGreaterThan(0);
    // One accepted send per task: a block cost no task its place and started no second job.
    expect(posts.filter((r) => r.status === 204)).toHaveLength(20);
    await pollUntil(async () => sandbox.state.jobs.snapshot().running, (n) => n === 0);
    expect(sandbox.state.jobs.snapshot().started - before).toBe(20);

    const a = await account('a');
    expect(a).toMatchObject({ enabled: true, edgeBlocks: blocked.length });
    expect(a?.disabledReason).toBeUndefined();
    expect(a?.edgeBlockedAt).toBeGreaterThanOrEqual(startedAt);
  }, 240_000);
});
