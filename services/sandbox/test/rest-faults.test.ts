import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startSandbox, type Sandbox } from '../src/index.js';
import { commandPayload, findCommand, imagine, postInteraction, userHeaders } from './helpers.js';
import { caughtUp, control } from './user-session.js';

/**
 * The sandbox's rate limits and 429 bans run on Date.now(): tests about their windows freeze it
 * and move it by hand, so a loaded machine cannot make a request late for its window.
 */
const freezeSandboxClock = () => vi.useFakeTimers({ toFake: ['Date'] });

describe('REST faults and rate-limit measurements', () => {
  let sandbox: Sandbox;
  const me = (token = sandbox.userToken) => fetch(`${sandbox.apiBase}/v10/users/@me`, { headers: { Authorization: token } });

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, speed: 'instant', users: [{ token: 'token-a' }, { token: 'token-b' }] });
  });
  afterEach(async () => {
    vi.useRealTimers();
    await control(sandbox, 'reset');
  });
  afterAll(() => sandbox.stop());

  it('answers POST /interactions with a Discord 429 and starts no job', async () => {
    sandbox.configure({ faults: { rateLimit429: { probability: 1, retryAfterMs: 250 } } });
    const res = await imagine(sandbox, 'never runs');
    expect(res.status).toBe(429);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toEqual({ message: 'You are being rate limited.', retry_after: 0.25, global: false });
    expect(Object.fromEntries(['retry-after', 'x-ratelimit-remaining', 'x-ratelimit-reset-after', 'x-ratelimit-scope'].map((h) => [h, res.headers.get(h)]))).toEqual({
      'retry-after': '0.25',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset-after': '0.250',
      'x-ratelimit-scope': 'user',
    });
    for (const h of ['x-ratelimit-limit', 'x-ratelimit-reset', 'x-ratelimit-bucket']) expect(res.headers.get(h), h).not.toBeNull();
    expect(res.headers.get('x-ratelimit-global')).toBeNull();
    expect((await me()).status).toBe(200); // other routes are untouched unless allRoutes
    await caughtUp(sandbox);
    expect(sandbox.state.jobs.snapshot().started).toBe(0);
    expect(sandbox.state.interactions).toEqual([]);
    expect(sandbox.state.messages.all()).toEqual([]);
    expect(sandbox.state.requests.requests.find((r) => r.status === 429)).toMatchObject({
      route: 'POST /interactions',
      path: '/interactions',
      token: 'token-a',
      userId: sandbox.userId,
      injected: true,
      retryAfterMs: 250,
      global: false,
      receivedAt: expect.any(Number),
    });
  });

  it('marks global 429s, and counts requests sent before retry_after ran out as violations', async () => {
    freezeSandboxClock();
    sandbox.configure({ faults: { rateLimit429: { probability: 1, global: true, retryAfterMs: 400 } } });
    const limited = await imagine(sandbox, 'global');
    expect([limited.status, limited.headers.get('x-ratelimit-global'), limited.headers.get('x-ratelimit-scope')]).toEqual([429, 'true', 'global']);
    expect(((await limited.json()) as { global: boolean }).global).toBe(true);
    sandbox.configure({ faults: { rateLimit429: null } });

    const early = await me(); // a global 429 covers every route of the token
    expect(early.status).toBe(429);
    expect((await me('token-b')).status).toBe(200); // another account is not limited
    vi.advanceTimersByTime(420);
    expect((await me()).status).toBe(200);

    const { count, list } = sandbox.state.snapshot().rateLimitViolations;
    expect(count).toBe(1);
    expect(list[0]).toMatchObject({ token: 'token-a', route: 'GET /users/@me', global: true, retryAfterMs: 400, earlyByMs: expect.any(Number) });
    expect(list[0]!.earlyByMs).toBe(400); // the clock stood still until the wait was over
  });

  it('counts a retry on the limited route as a violation, but not one on another route or after the wait', async () => {
    freezeSandboxClock();
    sandbox.configure({ faults: { rateLimit429: { probability: 1, retryAfterMs: 400 } } });
    expect((await imagine(sandbox, 'first')).status).toBe(429);
    sandbox.configure({ faults: null });
    expect((await me()).status).toBe(200);
    expect((await imagine(sandbox, 'too soon')).status).toBe(429);
    vi.advanceTimersByTime(420);
    expect((await imagine(sandbox, 'in time')).status).toBe(204);
    const state = (await (await fetch(`${sandbox.url}/_sandbox/state`)).json()) as {
      rateLimitViolations: { count: number; list: Array<{ route: string }> };
      requests: { list: Array<{ route: string; status: number; violation?: boolean }> };
    };
    expect(state.rateLimitViolations.count).toBe(1);
    expect(state.rateLimitViolations.list[0]!.route).toBe('POST /interactions');
    const interactions = state.requests.list.filter((r) => r.route === 'POST /interactions');
    expect(interactions.map((r) => [r.status, r.violation ?? false])).toEqual([
      [429, false],
      [429, true],
      [204, false],
    ]);
  });

  it("also counts violations of the sandbox's own bucket limit", async () => {
    freezeSandboxClock(); // all three inside the one window
    sandbox.configure({ rateLimit: { limit: 1, windowMs: 1_000 } });
    const url = `${sandbox.apiBase}/v10/channels/${sandbox.channelId}`;
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await fetch(url, { headers: userHeaders(sandbox) })).status);
    expect(statuses).toEqual([200, 429, 429]);
    expect(sandbox.state.requests.violations).toHaveLength(1);
  });

  it('answers 502/503 with a JSON body, on every route with allRoutes', async () => {
    const command = await findCommand(sandbox, 'imagine');
    sandbox.configure({ faults: { serverError5xx: { probability: 1, allRoutes: true } } });
    const statuses = new Set<number>();
    for (let i = 0; i < 12; i++) {
      const res = await me();
      statuses.add(res.status);
      expect(res.headers.get('content-type')).toBe('application/json');
      expect(await res.json()).toMatchObject({ code: 0, message: expect.stringMatching(/^50[23]: /) });
    }
    expect([...statuses].sort()).toEqual([502, 503]);
    const body = commandPayload(sandbox, command, 'imagine', [{ type: 3, name: 'prompt', value: 'no job' }]);
    expect((await postInteraction(sandbox, body)).status).toBeGreaterThanOrEqual(502);
    await caughtUp(sandbox);
    expect(sandbox.state.jobs.snapshot().started).toBe(0);
  });

  it('edgeBlock: a plain-text 403 "error code: 1010" from the edge, before Discord; no job; every route with allRoutes', async () => {
    sandbox.configure({ faults: { edgeBlock: { probability: 1 } } });
    const res = await imagine(sandbox, 'blocked at the edge');
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=UTF-8');
    expect(await res.text()).toBe('error code: 1010');
    expect((await me()).status).toBe(200); // POST /interactions only, unless allRoutes
    await caughtUp(sandbox);
    expect(sandbox.state.jobs.snapshot().started).toBe(0);
    expect(sandbox.state.interactions).toEqual([]);
    expect(sandbox.state.requests.requests.find((r) => r.status === 403)).toMatchObject({ route: 'POST /interactions', injected: true });
    sandbox.configure({ faults: { edgeBlock: { probability: 1, allRoutes: true } } });
    expect((await me()).status).toBe(403);
    expect((await control(sandbox, 'faults', { edgeBlock: { probability: 'sometimes' } })).body.errors).toEqual(['edgeBlock.probability must be a number in 0..1']);
  });

  it('logs how each REST request presented itself: User-Agent, X-Super-Properties, X-Discord-Locale', async () => {
    const headers = { Authorization: sandbox.userToken, 'User-Agent': 'Mozilla/5.0 test', 'X-Super-Properties': 'eyJvcyI6IldpbmRvd3MifQ==', 'X-Discord-Locale': 'fr' };
    await fetch(`${sandbox.apiBase}/v10/users/@me`, { headers });
    await me();
    const [first, second] = sandbox.state.requests.requests.filter((r) => r.path === '/users/@me');
    expect(first).toMatchObject({ userAgent: 'Mozilla/5.0 test', superProperties: 'eyJvcyI6IldpbmRvd3MifQ==', discordLocale: 'fr' });
    expect(second?.superProperties).toBeUndefined();
  });

  it('draws the same faults again from the same seed', async () => {
    freezeSandboxClock();
    const run = async () => {
      await control(sandbox, 'faults', { seed: 42, rateLimit429: { probability: 0.3, allRoutes: true, retryAfterMs: 1 }, serverError5xx: { probability: 0.3, allRoutes: true } });
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++) {
        statuses.push((await me()).status);
        vi.advanceTimersByTime(3); // past any 1 ms ban: every request draws from the dice
      }
      return statuses;
    };
    const first = await run();
    expect(new Set(first).size).toBeGreaterThan(1);
    expect(await run()).toEqual(first);
  });

  it('validates fault settings and resets them', async () => {
    const bad = await control(sandbox, 'faults', { rateLimit429: { probability: 2 }, dropEvents: 'often', bogus: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toHaveLength(3);
    const set = await control(sandbox, 'faults', { silentJobs: { dropNextJobs: 2 }, duplicateEvents: 0.5 });
    expect(set.body).toMatchObject({ silentJobs: { dropNextJobs: 2 }, duplicateEvents: 0.5, seed: expect.any(Number) });
    const reset = await control(sandbox, 'faults/reset');
    expect(reset.body).toEqual({ seed: expect.any(Number) });
  });
});
