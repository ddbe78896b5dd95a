import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from 'node:net';
import { API_KEY, startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness('bad-requests');
});
afterAll(() => h?.close());

/** Raw bytes on a socket: what fetch refuses to send. */
async function raw(request: string): Promise<string> {
  const { port } = new URL(h.api.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => socket.end(request));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

describe('requests refused before they reach a route', () => {
  it('answers headers over the limit with 431 HEADERS_TOO_LARGE as JSON, and keeps serving', async () => {
    const res = await fetch(`${h.api.url}/v1/api/trigger/imagine`, { method: 'POST', headers: { 'x-api-key': API_KEY, 'x-big': 'x'.repeat(20_000) }, body: '{}' });
    expect(res.status).toBe(431);
    expect(await res.json()).toMatchObject({ code: 'HEADERS_TOO_LARGE' });
    expect((await fetch(`${h.api.url}/healthz`)).status).toBe(200);
  });

  it('answers a request Node cannot parse with 400 BAD_REQUEST as JSON', async () => {
    const answer = await raw('POST /v1/api/trigger/imagine HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).toContain('"code":"BAD_REQUEST"');
  });

  it('names an unsupported charset with 415 UNSUPPORTED_CHARSET, storing nothing', async () => {
    const before = await h.counts();
    const res = await fetch(`${h.api.url}/v1/api/trigger/imagine`, {
      method: 'POST',
      headers: { 'x-api-key': API_KEY, 'content-type': 'application/json; charset=klingon' },
      body: '{"prompt":"a fox"}',
    });
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({ code: 'UNSUPPORTED_CHARSET' });
    expect(await h.counts()).toEqual(before);
  });
});
