import { request } from 'node:http';
import { expect } from 'vitest';
import { pollUntil } from './poll.js';

/** An answer as a relay reads it: the status, the raw text (relays rewrite it textually) and the parsed JSON. */
export interface RelayAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  raw: string;
  body: any;
}

/**
 * A client of mjq's midjourney-proxy API as relays call it: the key in `mj-api-secret`, JSON in
 * and out, and GETs that carry a JSON `null` body (new-api's fetch does).
 */
export class RelayClient {
  constructor(
    readonly url: string,
    readonly secret?: string,
  ) {}

  send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<RelayAnswer> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const all: Record<string, string> = { 'content-type': 'application/json', ...headers };
    if (this.secret) all['mj-api-secret'] = this.secret;
    if (payload !== undefined) all['content-length'] = String(Buffer.byteLength(payload));
    return new Promise((resolve, reject) => {
      const req = request(`${this.url}${path}`, { method, headers: all }, (res) => {
        let raw = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (raw += c));
        res.on('end', () => {
          let parsed: unknown;
          try {
            parsed = raw ? JSON.parse(raw) : undefined;
          } catch {
            parsed = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, raw, body: parsed });
        });
      });
      req.on('error', reject);
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }

  submit(path: string, body: unknown): Promise<RelayAnswer> {
    return this.send('POST', `/mj/submit/${path}`, body);
  }

  /** GET /mj/task/{id}/fetch with a JSON `null` body, as new-api sends it. */
  fetchTask(id: string): Promise<RelayAnswer> {
    return this.send('GET', `/mj/task/${id}/fetch`, null);
  }

  async listByCondition(ids: string[]): Promise<RelayAnswer> {
    return this.send('POST', '/mj/task/list-by-condition', { ids });
  }

  /** Polls list-by-condition (checking every answer as a Go relay decodes it) until the task is terminal. */
  async untilDone(id: string, timeoutMs = 30_000): Promise<any> {
    const answer = await pollUntil(
      async () => {
        const a = await this.listByCondition([id]);
        expect(a.status).toBe(200);
        expect(Array.isArray(a.body) && a.body.length === 1, a.raw).toBe(true);
        expectGoTask(a.body[0]);
        return a.body[0];
      },
      (t) => ['SUCCESS', 'FAILURE', 'CANCEL'].includes(t.status),
      timeoutMs,
    );
    return answer;
  }
}

const STRING_FIELDS = ['id', 'action', 'customId', 'botType', 'prompt', 'promptEn', 'description', 'state', 'imageUrl', 'status', 'progress', 'failReason', 'maskBase64'];
const TERMINAL = ['SUCCESS', 'FAILURE', 'CANCEL'];
const isInt64 = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v);

/**
 * The Task object as new-api's `dto.MidjourneyDto` decodes it with Go's encoding/json: a string
 * field must be a JSON string (or null), an int64 a whole number (or null), `buttons` any JSON,
 * `properties` an object whose finalPrompt/finalZhPrompt are strings. A single mismatch would
 * drop a relay's whole poll batch. Stricter than Go where the proxies are: no null strings.
 */
export function expectGoTask(task: any): void {
  expect(task, 'a task, never null').toBeTypeOf('object');
  for (const f of STRING_FIELDS) expect(typeof task[f], `${f} is a string: ${JSON.stringify(task[f])}`).toBe('string');
  expect(isInt64(task.submitTime), 'submitTime is epoch ms').toBe(true);
  expect(task.submitTime).toBeGreaterThan(1_600_000_000_000);
  for (const f of ['startTime', 'finishTime']) expect(task[f] === null || isInt64(task[f]), `${f} int64 or null`).toBe(true);
  expect(task.progress).toMatch(/^\d{1,3}%$/);
  expect(task.progress === '100%', `progress ${task.progress} is 100% exactly when ${task.status} is terminal`).toBe(TERMINAL.includes(task.status));
  expect(task.failReason === '', `failReason empty unless failed (${task.status})`).toBe(!['FAILURE', 'CANCEL'].includes(task.status));
  if (TERMINAL.includes(task.status)) expect(isInt64(task.finishTime), 'a finished task has its finishTime').toBe(true);
  expect(Array.isArray(task.buttons)).toBe(true);
  for (const b of task.buttons) {
    for (const f of ['customId', 'emoji', 'label']) expect(typeof b[f], `button ${f}`).toBe('string');
    for (const f of ['type', 'style']) expect(Number.isInteger(b[f]), `button ${f}`).toBe(true);
  }
  expect(task.properties).toBeTypeOf('object');
  expect(task.properties).not.toBeNull();
  expect(typeof task.properties.finalPrompt).toBe('string');
  expect(typeof task.properties.finalZhPrompt).toBe('string');
}

/** The submit answer as new-api's `dto.MidjourneyResponse` decodes it. */
export function expectGoSubmitResult(answer: RelayAnswer): void {
  expect(answer.headers['content-type']).toMatch(/application\/json/);
  expect(Number.isInteger(answer.body.code), answer.raw).toBe(true);
  expect(typeof answer.body.description).toBe('string');
  expect(answer.body.result === null || typeof answer.body.result === 'string').toBe(true);
  expect(answer.body.properties).toBeTypeOf('object');
  // Compact JSON: relays find `"code":21` textually.
  expect(answer.raw).toContain(`"code":${answer.body.code}`);
}
