import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { Queue } from 'bullmq';
import { CallbackQueue, QUEUE_NAMES, redisKeys, type Task } from '@mjq/common';
import { API_KEY, startHarness, type Harness } from '../../services/api/test/harness.js';
import { makePng } from '../support/mjq-client.js';
import { testRedisUrl } from '../support/redis.js';
import { apiRoutes, type ApiRoute } from './api-routes.js';
import { bodyFor, contentType, jsonish, oddString, pathSegment, queryString, randomHeaders, rawBody } from './api-arbitraries.js';

/**
 * Bad input at scale: random bodies, types, strings, content types, headers, path and query
 * values over every operation of the API spec. Whatever comes in, the API answers below 500 and
 * keeps answering, a refusal carries a machine-readable code, and a refused request stores and
 * enqueues nothing. PROPERTY_RUNS scales the runs (the default, about 1,700 requests, keeps this file near 15 s on an idle
 * 2-core machine).
 */

const RUNS = Number(process.env.PROPERTY_RUNS ?? 1);
const runs = (n: number) => Math.max(1, Math.round(n * RUNS));
const ADMIN_KEY = 'admin-key-1';
// A database of its own: DBSIZE counts this API's keys only, so "nothing stored" is one command.
const DB = 11;

let h: Harness;
let imageDir: string;
let callbacks: Queue;
let seeded: Task;
/** Tasks waiting in MODAL: a Remix text box and Vary (Region)'s editor (mask expected). */
const modalIds: string[] = [];
let uploadFilename: string;
const routes = apiRoutes();

beforeAll(async () => {
  const url = new URL(testRedisUrl());
  url.pathname = `/${DB}`;
  imageDir = await mkdtemp(join(tmpdir(), 'mjq-property-images-'));
  // The default image store (files): uploads and the image route meet the file system's rules.
  h = await startHarness('property', {}, { REDIS_URL: url.toString(), ADMIN_KEYS: ADMIN_KEY, MESSAGE_WAIT_MS: '100', IMAGE_STORE: 'file', IMAGE_STORE_DIR: imageDir });
  callbacks = new Queue(QUEUE_NAMES.callback, { connection: h.redis, prefix: redisKeys(h.prefix).bullPrefix });
  seeded = await h.seedTask({
    messageId: '1200000000000000001',
    messageHash: '0b3c1d2e-0000-4000-8000-000000000001',
    buttons: [{ customId: 'MJ::JOB::upsample::1::0b3c1d2e-0000-4000-8000-000000000001', label: 'U1' }],
    accountId: 'default',
  });
  for (const customId of ['MJ::RemixModal::h::1::1', 'MJ::iframe::token-1']) {
    const task = await h.seedTask({ action: 'ACTION', status: 'SUBMITTED', accountId: 'default' });
    await h.store.update(task.id, { status: 'MODAL', fields: { modal: { interactionId: '1200000000000000009', customId, inputId: 'MJ::RemixModal::new_prompt' } } });
    modalIds.push(task.id);
  }
  const form = new FormData();
  form.append('file', new Blob([makePng(1)], { type: 'image/png' }), 'cat.png');
  const upload = await fetch(`${h.api.url}/v1/api/trigger/upload`, { method: 'POST', headers: { 'x-api-key': API_KEY }, body: form });
  uploadFilename = ((await upload.json()) as { upload_filename: string }).upload_filename;
}, 60_000);
afterAll(async () => {
  await callbacks?.close();
  await h?.close();
  await rm(imageDir, { recursive: true, force: true });
});

/** Real ids now and then, so that input gets past the first checks into the deeper ones. */
const known = (route: ApiRoute): Record<string, fc.Arbitrary<unknown>> => ({
  msg_id: fc.constant(seeded.messageId),
  msg_hash: fc.constant(seeded.messageHash),
  trigger_id: route.path.endsWith('/modal') ? fc.constantFrom(...modalIds, seeded.id) : fc.constant(seeded.id),
  // Not for /message: a real upload is posted and waited for, answering 504 STILL_RUNNING by design.
  ...(route.path.endsWith('/message') ? {} : { upload_filename: fc.constant(uploadFilename), upload_filenames: fc.constantFrom([uploadFilename, uploadFilename], [uploadFilename]) }),
  maskBase64: fc.oneof(fc.constant(makePng(2, 16).toString('base64')), fc.base64String({ maxLength: 200 })),
  custom_id: fc.constantFrom(seeded.buttons[0]!.customId, 'MJ::Outpaint::50::1::0b3c1d2e-0000-4000-8000-000000000001::SOLO'),
  index: fc.integer({ min: -1, max: 5 }),
  zoomout: fc.constantFrom(50, 75, 100),
  direction: fc.constantFrom('left', 'right', 'up', 'down', 'LEFT'),
  prompt: route.path.endsWith('/modal') ? oddString : fc.constantFrom('a red fox', 'a fox --ar 3:2', 'a fox --v 7'),
  mode: fc.constantFrom('fast', 'relax', 'turbo', 'slow'),
  dimensions: fc.constantFrom('1:1', '2:3', '3:2', '16:9'),
  callbackUrl: fc.constantFrom('https://example.com/cb', 'http://10.0.0.1/cb', 'ftp://x'),
});

type Auth = 'key' | 'bearer' | 'secret' | 'none' | 'wrong';
const auth = fc.constantFrom<Auth>('key', 'key', 'key', 'bearer', 'secret', 'none', 'wrong');
function authHeaders(route: ApiRoute, how: Auth): Record<string, string> {
  const key = route.admin ? ADMIN_KEY : API_KEY;
  if (how === 'none') return {};
  if (how === 'wrong') return { [route.admin ? 'x-admin-key' : 'x-api-key']: `${key}x` };
  if (how === 'bearer') return { authorization: `Bearer ${key}` };
  return { [how === 'secret' && !route.admin ? 'mj-api-secret' : route.admin ? 'x-admin-key' : 'x-api-key']: key };
}

interface Sent {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array | FormData;
}

async function state() {
  const images = (await readdir(imageDir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).length;
  return { keys: await h.redis.dbsize(), ...(await h.counts()), callbacks: await CallbackQueue.forQueue(callbacks).tasksPending(), images };
}

/** Sends one request and checks the properties every answer must have. */
async function check(req: Sent): Promise<void> {
  const before = await state();
  const res = await fetch(`${h.api.url}${req.path}`, { method: req.method, headers: req.headers, body: req.body, redirect: 'manual', signal: AbortSignal.timeout(20_000) });
  const text = await res.text();
  const where = `${req.method} ${req.path.slice(0, 200)} → ${res.status} ${text.slice(0, 300)}`;
  expect(res.status, where).toBeLessThan(500);
  const refusal = refusalCode(res.status, text, where);
  if (refusal === undefined) return;
  expect(refusal, where).toMatch(/^[A-Z_]+$/);
  // A banned prompt is recorded as a FAILURE with its callback, as the seed does; nothing else is.
  if (refusal === 'BANNED_PROMPT') return;
  expect(await state(), where).toEqual(before);
}

/** The proxy's answer envelope (/mj routes): `{code: number, description, result, properties}`. */
const PROXY_ACCEPTED = new Set([1, 21, 22]);

/**
 * mjq's machine-readable code of a refusal, or undefined for an accepted request. mjq's own routes
 * refuse with a 4xx `{code: "CODE"}`; the midjourney-proxy routes as the proxies do — HTTP 200 (or
 * 401/404/429) with a numeric code, mjq's code in `properties.error`.
 */
function refusalCode(status: number, text: string, where: string): string | undefined {
  let body: { code?: unknown; properties?: { error?: unknown } } | null = null;
  try {
    body = JSON.parse(text || 'null') as typeof body;
  } catch (err) {
    if (status < 400) return undefined; // an image, a page: not a refusal
    throw err;
  }
  if (body && typeof body.code === 'number' && typeof body.properties === 'object') {
    if (status < 400 && PROXY_ACCEPTED.has(body.code)) return undefined;
    expect(typeof body.properties?.error, where).toBe('string');
    return String(body.properties?.error);
  }
  if (status < 400) return undefined;
  expect(typeof body?.code, where).toBe('string');
  return String(body?.code);
}

/** fc.assert, with the report's long repeats folded ("x×70000"): huge counterexamples stay readable. */
async function holds<T>(property: fc.IAsyncProperty<T>, numRuns: number): Promise<void> {
  const details = await fc.check(property, { numRuns });
  if (!details.failed) return;
  const report = fc.defaultReportMessage(details) ?? 'property failed';
  throw new Error(report.replace(/(.)\1{40,}/gsu, (run, c: string) => `${c}×${run.length / c.length}`).slice(0, 6000));
}

const fill = (route: ApiRoute, values: string[]) => {
  let i = 0;
  return route.path.replace(/\{[^}]+\}/g, () => pathSegment(values[i++] ?? ''));
};
const pathValue = fc.oneof(oddString.filter((s) => s.length < 5000), fc.stringMatching(/^\d{1,25}$/), fc.constant('1200000000000000001'));

const jsonRoutes = routes.filter((r) => r.hasBody && !r.multipart);
const bodilessRoutes = routes.filter((r) => !r.hasBody && r.path !== '/v1/tasks/{id}/events');

describe('the API under random input', () => {
  it('lists the spec: every body route and every route with path, query or header input is walked', () => {
    expect(jsonRoutes.length).toBeGreaterThanOrEqual(20);
    expect(routes.find((r) => r.path === '/v1/tasks/{id}/events')?.headerParams).toEqual(['Last-Event-ID']);
    expect(routes.some((r) => r.multipart)).toBe(true);
  });

  it('answers random JSON bodies, content types and headers on every body route below 500, storing nothing when it refuses', async () => {
    const request = fc.constantFrom(...jsonRoutes).chain((route) =>
      fc.record({
        route: fc.constant(route),
        body: rawBody(bodyFor(route.bodyFields, known(route))),
        type: contentType,
        headers: randomHeaders,
        auth,
        params: fc.array(pathValue, { minLength: route.pathParams.length, maxLength: route.pathParams.length }),
      }),
    );
    await holds(
      fc.asyncProperty(request, async ({ route, body, type, headers, auth: how, params }) => {
        await check({ method: route.method, path: fill(route, params), headers: { ...headers, ...(type ? { 'content-type': type } : {}), ...authHeaders(route, how) }, body });
      }),
      runs(800),
    );
  }, 120_000);

  it('answers random path values, queries and headers on every route without a body', async () => {
    const request = fc.constantFrom(...bodilessRoutes, ...jsonRoutes.filter((r) => r.pathParams.length)).chain((route) =>
      fc.record({
        route: fc.constant(route),
        params: fc.array(pathValue, { minLength: route.pathParams.length, maxLength: route.pathParams.length }),
        query: queryString,
        headers: randomHeaders,
        auth,
      }),
    );
    await holds(
      fc.asyncProperty(request, async ({ route, params, query, headers, auth: how }) => {
        const body = route.hasBody ? '{}' : undefined;
        await check({ method: route.method, path: `${fill(route, params)}${query ? `?${query}` : ''}`, headers: { ...headers, ...authHeaders(route, how) }, body });
      }),
      runs(400),
    );
  }, 120_000);

  it('answers the event stream of a finished task for any Last-Event-ID or lastEventId, and refuses unknown tasks', async () => {
    const request = fc.record({ id: fc.oneof(fc.constant(seeded.id), pathValue), lastEventId: fc.option(oddString.filter((s) => s.length < 2000)), header: fc.option(fc.stringMatching(/^[\x20-\x7e]{0,60}$/)), auth });
    const route = routes.find((r) => r.path === '/v1/tasks/{id}/events')!;
    await holds(
      fc.asyncProperty(request, async ({ id, lastEventId, header, auth: how }) => {
        const query = lastEventId === null ? '' : `?${new URLSearchParams({ lastEventId })}`;
        await check({ method: 'GET', path: `/v1/tasks/${pathSegment(id)}/events${query}`, headers: { ...(header === null ? {} : { 'last-event-id': header }), ...authHeaders(route, how) } });
      }),
      runs(120),
    );
  }, 60_000);

  it('answers any image key below 500, with the file store behind the route', async () => {
    const segment = fc.oneof(fc.constantFrom('', '.', '..', '%2e', '%2E%2E', '%2F', '%00', '%0a', 'result', 'upload', 'a..png', '1', '%ff', '~'), fc.string({ maxLength: 12 }).map(pathSegment));
    const key = fc.array(segment, { minLength: 1, maxLength: 5 }).map((parts) => parts.join('/'));
    const route = routes.find((r) => r.path === '/v1/images/{key}')!;
    await holds(
      fc.asyncProperty(key, fc.option(fc.stringMatching(/^[\x20-\x7e]{0,40}$/)), async (k, etag) => {
        await check({ method: 'GET', path: `/v1/images/${k}`, headers: { ...(etag === null ? {} : { 'if-none-match': etag }), ...authHeaders(route, 'key') } });
      }),
      runs(150),
    );
  }, 60_000);

  it('answers random multipart uploads below 500, storing no image it refuses', async () => {
    const part = fc.record({
      name: fc.oneof(fc.constant('file'), fc.string({ maxLength: 10 })),
      data: fc.oneof(fc.uint8Array({ maxLength: 400 }), fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), b]))),
      filename: fc.option(oddString.filter((s) => s.length < 300)),
      type: fc.constantFrom('image/png', 'image/jpeg', 'application/octet-stream', 'text/html', ''),
    });
    const request = fc.record({ parts: fc.array(part, { maxLength: 3 }), fields: fc.dictionary(fc.string({ maxLength: 10 }), fc.string({ maxLength: 50 }), { maxKeys: 3 }), raw: fc.option(rawBody(jsonish)), auth });
    const route = routes.find((r) => r.multipart)!;
    await holds(
      fc.asyncProperty(request, async ({ parts, fields, raw, auth: how }) => {
        const headers = authHeaders(route, how);
        if (raw !== null) {
          await check({ method: 'POST', path: route.path, headers: { ...headers, 'content-type': 'multipart/form-data; boundary=----mjq' }, body: raw });
          return;
        }
        const form = new FormData();
        for (const p of parts) p.filename === null ? form.append(p.name, new Blob([p.data], { type: p.type })) : form.append(p.name, new Blob([p.data], { type: p.type }), p.filename);
        for (const [k, v] of Object.entries(fields)) form.append(k, v);
        await check({ method: 'POST', path: route.path, headers, body: form });
      }),
      runs(200),
    );
  }, 60_000);

  it('answers every route under the wrong method, and unknown routes, with a JSON 4xx', async () => {
    const request = fc.record({ route: fc.constantFrom(...routes), method: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'), junk: fc.constantFrom('', '/x', '/..', '%ff') });
    await holds(
      fc.asyncProperty(request, async ({ route, method, junk }) => {
        if (method === route.method && !junk) return;
        await check({ method, path: `${fill(route, ['1'])}${junk}`, headers: authHeaders(route, 'key'), body: method === 'GET' ? undefined : '{}' });
      }),
      runs(60),
    );
  }, 60_000);

  it('still answers afterwards', async () => {
    expect((await fetch(`${h.api.url}/healthz`)).status).toBe(200);
    expect((await h.post('/v1/api/trigger/imagine', { prompt: 'a calm lake' })).status).toBe(200);
  });
});
