import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, startHarness, type Harness } from './harness.js';

/**
 * The submit routes answer alike whether the fast path (intake-server.ts) or express serves them.
 * The same request is sent twice: with a Content-Length (fast path) and chunked (no length:
 * express, always). Express's answers carry an ETag and the fast path's do not, which tells
 * which one answered.
 */
const ADMIN_KEY = 'intake-admin-key';
let h: Harness;
beforeAll(async () => {
  h = await startHarness('intake-parity', {}, { ADMIN_KEYS: ADMIN_KEY });
});
afterAll(() => h?.close());

interface Answer {
  status: number;
  etag: string | null;
  retryAfter: string | null;
  contentType: string | null;
  body: unknown;
}

async function send(base: string, path: string, text: string, how: 'fast' | 'express', headers: Record<string, string> = { 'x-api-key': API_KEY }): Promise<Answer> {
  const body = how === 'fast' ? text : new Blob([text]).stream();
  const res = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, duplex: 'half' } as RequestInit);
  const raw = await res.text();
  return { status: res.status, etag: res.headers.get('etag'), retryAfter: res.headers.get('retry-after'), contentType: res.headers.get('content-type'), body: raw ? JSON.parse(raw) : undefined };
}

/** Both answers, the fast one checked to come from the fast path. */
async function both(path: string, text: string, headers?: Record<string, string>, base = h.api.url): Promise<{ fast: Answer; slow: Answer }> {
  const fast = await send(base, path, text, 'fast', headers);
  const slow = await send(base, path, text, 'express', headers);
  expect(slow.etag, 'express answered the chunked request').not.toBeNull();
  return { fast, slow };
}

const withoutIds = (body: unknown) => JSON.parse(JSON.stringify(body).replace(/\d{15,25}/g, '<id>')) as unknown;

describe('the fast path answers as express does', () => {
  it('accepts an imagine alike (v1 and proxy API), storing the same task', async () => {
    for (const [path, text] of [
      ['/v1/api/trigger/imagine', '{"prompt":"a red fox in snow --ar 3:2","extra":"dropped"}'],
      ['/mj/submit/imagine', '{"prompt":"a red fox in snow","state":"s1","notifyHook":"https://example.com/hook"}'],
    ] as const) {
      const { fast, slow } = await both(path, text);
      expect(fast.etag, path).toBeNull();
      expect(fast.status, path).toBe(200);
      expect(fast.contentType).toBe(slow.contentType);
      expect(withoutIds(fast.body), path).toEqual(withoutIds(slow.body));
      const idOf = (a: Answer) => String((a.body as { trigger_id?: string; result?: string }).trigger_id ?? (a.body as { result?: string }).result);
      const [byFast, bySlow] = await Promise.all([h.store.get(idOf(fast)), h.store.get(idOf(slow))]);
      const comparable = (t: typeof byFast) => ({ ...t, id: undefined, submitTime: undefined });
      expect(comparable(byFast), path).toEqual(comparable(bySlow));
    }
  });

  it('records the mode a relay chose by its path prefix, and refuses a mode no account runs alike', async () => {
    const { fast } = await both('/mj-fast/mj/submit/imagine', '{"prompt":"a fast hare"}');
    expect(fast.etag).toBeNull();
    const task = await h.store.get(String((fast.body as { result: string }).result));
    expect(task?.mode).toBe('fast');
    const relax = await both('/mj-relax/mj/submit/imagine', '{"prompt":"a slow tortoise"}');
    expect(relax.fast.body).toMatchObject({ code: 3, result: null });
    expect(relax.fast.body).toEqual(relax.slow.body);
  });

  it('refuses bad JSON, bodies the schema refuses and missing keys alike, storing nothing', async () => {
    const before = await h.counts();
    const cases: [string, string, Record<string, string>?][] = [
      ['/v1/api/trigger/imagine', '{"prompt":'],
      ['/v1/api/trigger/imagine', '"a fox"'],
      ['/v1/api/trigger/imagine', '{"prompt":42}'],
      ['/v1/api/trigger/imagine', '{"picurl":"https://example.com/a.png"}'],
      ['/v1/api/trigger/upscale', '{"index":9,"msg_id":"1","msg_hash":"x","trigger_id":"1"}'],
      ['/mj/submit/imagine', '{"prompt":'],
      ['/mj/submit/imagine', '{}'],
      ['/v1/api/trigger/imagine', '{"prompt":"a fox"}', {}],
      ['/mj/submit/imagine', '{"prompt":"a fox"}', { 'x-api-key': 'wrong' }],
    ];
    for (const [path, text, headers] of cases) {
      const { fast, slow } = await both(path, text, headers);
      expect({ status: fast.status, body: fast.body }, `${path} ${text}`).toEqual({ status: slow.status, body: slow.body });
    }
    expect(await h.counts()).toEqual(before);
  });

  it('answers a banned prompt alike (a FAILURE task each, the same code and message)', async () => {
    const { fast, slow } = await both('/v1/api/trigger/imagine', '{"prompt":"a nude statue"}');
    expect(fast.etag).toBeNull();
    expect(fast.status).toBe(400);
    expect(withoutIds(fast.body)).toEqual(withoutIds(slow.body));
  });

  it('answers a full wait queue alike, with its Retry-After', async () => {
    const small = await startHarness('intake-parity-full', {}, { WAIT_SIZE: '1' });
    try {
      const first = await small.post('/v1/api/trigger/imagine', { prompt: 'the only one' });
      expect(first.status).toBe(200);
      const { fast, slow } = await both('/v1/api/trigger/imagine', '{"prompt":"one too many"}', undefined, small.api.url);
      expect(fast.etag).toBeNull();
      expect(fast.status).toBe(429);
      expect({ status: fast.status, body: fast.body, retryAfter: fast.retryAfter }).toEqual({ status: slow.status, body: slow.body, retryAfter: slow.retryAfter });
    } finally {
      await small.close();
    }
  });

  it('gives a managed key its tasks and holds it to its limits alike', async () => {
    const made = await fetch(`${h.api.url}/admin/api-keys`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-admin-key': ADMIN_KEY },
      body: JSON.stringify({ name: 'one at a time', limits: { concurrent: 1 } }),
    });
    expect(made.status).toBe(201);
    const { id: keyId, key } = (await made.json()) as { id: string; key: string };
    const first = await send(h.api.url, '/v1/api/trigger/imagine', '{"prompt":"the only one"}', 'fast', { authorization: `Bearer ${key}` });
    expect({ status: first.status, etag: first.etag }).toEqual({ status: 200, etag: null });
    expect((await h.store.get(String((first.body as { trigger_id: string }).trigger_id)))?.owner).toBe(keyId);
    for (const path of ['/v1/api/trigger/imagine', '/mj/submit/imagine']) {
      const { fast, slow } = await both(path, '{"prompt":"one too many"}', { 'x-api-key': key });
      expect(fast.etag).toBeNull();
      expect(fast.status, path).toBe(429);
      expect({ status: fast.status, body: fast.body }, path).toEqual({ status: slow.status, body: slow.body });
    }
  });
});
