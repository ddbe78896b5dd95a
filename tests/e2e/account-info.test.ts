import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '@mjq/sandbox';
import type { Stack } from '@mjq/stack';
import { startE2eStack, type E2eStack } from '../support/e2e-stack.js';
import { MjqClient } from '../support/mjq-client.js';
import { pollUntil } from '../support/poll.js';

const ADMIN = 'admin-key-account-info';
const TIMEOUT_MS = 8_000;
let e2e: E2eStack;
let stack: Stack;
let sandbox: Sandbox;
let mjq: MjqClient;

beforeAll(async () => {
  // No periodic /info: the reads below are the test's own.
  e2e = await startE2eStack('account-info', { env: { ADMIN_KEYS: ADMIN, ACCOUNT_INFO_INTERVAL_S: '0', ACCOUNT_COMMAND_TIMEOUT_MS: String(TIMEOUT_MS) } });
  stack = e2e.stack;
  sandbox = stack.sandbox!;
  mjq = new MjqClient(stack.api.url);
});
afterAll(() => e2e?.stop());

async function admin(method: string, path: string, body?: unknown): Promise<{ status: number; body: Record<string, any> }> {
  const res = await fetch(`${stack.api.url}/admin/accounts${path}`, {
    method,
    headers: { 'x-admin-key': ADMIN, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

const sandboxMode = () => sandbox.state.snapshot().users?.find((u) => u.id === sandbox.userId)?.state.mode;
const listed = async () => (await admin('GET', '')).body as unknown as Array<Record<string, any>>;

describe('account commands through the admin API, on the sandbox', () => {
  it('POST …/info reads /info now and the listing shows it', async () => {
    const info = await admin('POST', '/default/info');
    expect(info.status).toBe(200);
    expect(info.body).toMatchObject({ plan: 'Standard', jobMode: 'fast', visibility: 'public', fastTimeRemaining: { hours: 12.5, totalHours: 15 }, running: 0, queuedFast: 0 });
    expect(info.body.subscription).toMatch(/^Standard \(Active monthly/);
    expect(info.body.lifetimeUsage).toEqual({ images: 412, hours: 9.87 });
    const [account] = await listed();
    expect(account).toMatchObject({ id: 'default', mode: 'fast', observed: { info: { readAt: info.body.readAt }, jobMode: 'fast' } });
  });

  it('answers 404 for an unknown account and 400 for an unknown mode', async () => {
    expect(await admin('POST', '/nobody/info')).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
    expect((await admin('PUT', '/default/mode', { mode: 'warp' })).status).toBe(400);
    expect(await admin('PUT', '/nobody/mode', { mode: 'relax' })).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
  });

  it('switching to relax makes the next imagine run relaxed, on Midjourney as on mjq', async () => {
    const switched = await admin('PUT', '/default/mode', { mode: 'relax' });
    expect(switched).toMatchObject({ status: 200, body: { id: 'default', mode: 'relax' } });
    expect(sandboxMode()).toBe('relax');
    try {
      const done = await mjq.succeeded(await mjq.trigger('imagine', { prompt: 'a slow tortoise' }));
      expect(done.content).toMatch(/\(relaxed\)$/);
      expect((await admin('POST', '/default/info')).body.jobMode).toBe('relax');
    } finally {
      expect((await admin('POST', '/default/mode', { mode: 'fast' })).body.mode).toBe('fast');
    }
    expect(sandboxMode()).toBe('fast');
    expect((await mjq.succeeded(await mjq.trigger('imagine', { prompt: 'a quick hare' }))).content).toMatch(/\(fast\)$/);
  });

  it('settings: Remix on through the panel makes a variation open the Remix modal; the version selector takes its values only', async () => {
    const on = await admin('POST', '/default/settings', { remix: true, version: '6.1' });
    expect(on).toMatchObject({ status: 200, body: { remix: true, version: '6.1', jobMode: 'fast' } });
    try {
      const grid = await mjq.succeeded(await mjq.trigger('imagine', { prompt: 'a red barn' }));
      const id = await mjq.trigger('variation', { index: 2, msg_id: grid.messageId, msg_hash: grid.messageHash, trigger_id: grid.id });
      expect((await mjq.until(id, ['MODAL', 'SUCCESS', 'FAILURE'])).status).toBe('MODAL');
      expect(await admin('POST', '/default/settings', { version: '99' })).toMatchObject({ status: 400, body: { code: 'VALIDATION_ERROR' } });
    } finally {
      const off = await admin('POST', '/default/settings', { remix: false, version: '7' });
      expect(off.body).toMatchObject({ remix: false, version: '7' });
    }
    expect((await listed())[0]!.observed.settings).toMatchObject({ remix: false, version: '7' });
  });

  it('an account out of fast hours goes to relax when /info shows it, before a job fails; back to fast when they return', async () => {
    sandbox.setUserState(sandbox.userId, { outOfFastHours: true });
    try {
      expect((await admin('POST', '/default/info')).body.fastTimeRemaining).toEqual({ hours: 0, totalHours: 15 });
      const [relaxed] = await pollUntil(listed, (a) => a[0]?.mode === 'relax' && a[0]?.observed?.jobMode === 'relax');
      expect(relaxed!.observed.relaxedFrom).toBe('fast');
      expect(sandboxMode()).toBe('relax');
      const done = await mjq.succeeded(await mjq.trigger('imagine', { prompt: 'no fast hours left' }));
      expect(done.content).toMatch(/\(relaxed\)$/);
    } finally {
      sandbox.setUserState(sandbox.userId, { outOfFastHours: false });
    }
    expect((await admin('POST', '/default/info')).body.fastTimeRemaining.hours).toBeGreaterThan(0);
    const [back] = await pollUntil(listed, (a) => a[0]?.mode === 'fast' && a[0]?.observed?.jobMode === 'fast');
    expect(back!.observed.relaxedFrom).toBeUndefined();
    expect(sandboxMode()).toBe('fast');
  });

  it('a job refused "Credits exhausted" moves the account to relax as well, Midjourney\'s mode included', async () => {
    sandbox.setUserState(sandbox.userId, { outOfFastHours: true });
    try {
      const failed = await mjq.until(await mjq.trigger('imagine', { prompt: 'one fast job too many' }), ['SUCCESS', 'FAILURE']);
      expect(failed).toMatchObject({ status: 'FAILURE', failCode: 'credits_exhausted' });
      await pollUntil(listed, (a) => a[0]?.mode === 'relax' && a[0]?.observed?.jobMode === 'relax');
      expect(sandboxMode()).toBe('relax');
      expect((await mjq.succeeded(await mjq.trigger('imagine', { prompt: 'slow but sure' }))).content).toMatch(/\(relaxed\)$/);
    } finally {
      sandbox.setUserState(sandbox.userId, { outOfFastHours: false });
    }
    await admin('POST', '/default/info');
    await pollUntil(listed, (a) => a[0]?.mode === 'fast' && a[0]?.observed?.jobMode === 'fast');
  });

  it('answers 504 MJ_TIMEOUT when Midjourney does not answer in time', async () => {
    sandbox.configure({ responseDelayMs: TIMEOUT_MS * 2 });
    try {
      const late = await admin('POST', '/default/info');
      expect(late).toMatchObject({ status: 504, body: { code: 'MJ_TIMEOUT' } });
    } finally {
      sandbox.configure({ responseDelayMs: 0 });
    }
  });
});
