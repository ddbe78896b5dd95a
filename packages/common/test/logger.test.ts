import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.js';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(chunk.toString());
      cb();
    },
  });
  return { lines, stream };
}

describe('logger redaction', () => {
  it('hides tokens, keys and authorization headers at any depth we log', () => {
    const { lines, stream } = capture();
    const log = createLogger('test', 'info', stream);
    log.info({ token: 's1', userToken: 's2', req: { headers: { authorization: 's3' } }, account: { botToken: 's4' } }, 'x');
    log.info({ config: { discord: { userToken: 's5' } }, apiKey: 's6' }, 'y');
    log.info({ headers: { 'mj-api-secret': 's7' } }, 'z');
    log.info({ account: { proxy: 'http://u:s8@h:1' }, config: { discord: { proxy: 'socks5://u:s9@h:1' } } }, 'p');
    const out = lines.join('');
    expect(out).not.toMatch(/s8|s9/);
    for (const secret of ['s1', 's2', 's3', 's4', 's5', 's6', 's7']) expect(out).not.toContain(`"${secret}"`);
    expect(out).toContain('[redacted]');
  });

  it('hides them deeper, in arrays, in what errors carry and in a child logger\'s bindings, and leaves the rest as it was', () => {
    const { lines, stream } = capture();
    const log = createLogger('test', 'info', stream);
    log.info({ a: { b: { c: { d: { e: { password: 'SECRET-1' } } } } }, list: [{ secret: 'SECRET-2' }, 'plain'] }, 'deep');
    const err = Object.assign(new TypeError('request failed', { cause: { password: 'SECRET-6' } }), { options: { headers: { authorization: 'Bot SECRET-3' } } });
    log.warn({ err }, 'with an error');
    log.error(Object.assign(new Error('thrown'), { token: 'SECRET-4' }));
    log.child({ account: { userToken: 'SECRET-5' } }).info({ taskId: '42', status: 'SUCCESS' }, 'child');
    const loop: Record<string, unknown> = { name: 'loop' };
    loop.self = loop;
    log.info({ loop }, 'circular');
    const out = lines.join('');
    expect(out).not.toMatch(/SECRET-/);
    const [deep, withError, thrown, child] = lines.map((l) => JSON.parse(l) as Record<string, any>);
    expect(deep!.a.b.c.d.e.password).toBe('[redacted]');
    expect(deep!.list).toEqual([{ secret: '[redacted]' }, 'plain']);
    expect(withError!.err).toMatchObject({ type: 'TypeError', message: 'request failed', options: { headers: { authorization: '[redacted]' } } });
    // The caller's error is left as it was.
    expect(err.options.headers.authorization).toBe('Bot SECRET-3');
    expect(withError!.err.stack).toContain('request failed');
    expect(thrown!.err).toMatchObject({ type: 'Error', message: 'thrown', token: '[redacted]' });
    expect(child).toMatchObject({ taskId: '42', status: 'SUCCESS', account: { userToken: '[redacted]' }, msg: 'child' });
    expect(lines[4]).toContain('circular');
  });
});
