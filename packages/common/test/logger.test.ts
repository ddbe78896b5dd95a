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
});
