import { describe, expect, it } from 'vitest';
import type { Account } from '@mjq/common';
import { accountsForTask } from '@mjq/common';
import { waitRoom } from '../src/admission.js';
import { uploadFileName } from '../src/upload-name.js';

describe('uploadFileName', () => {
  it.each([
    ['cat.png', 'image/png', 'cat.png'],
    ['Cat.PNG', 'image/png', 'Cat.PNG'],
    ['photo.jpeg', 'image/jpeg', 'photo.jpeg'],
    ['photo.txt', 'image/jpeg', 'photo.jpg'],
    ['noext', 'image/webp', 'noext.webp'],
    ['my cat (1).png', 'image/png', 'my_cat_1_.png'],
    ['../../etc/passwd', 'image/gif', 'passwd.gif'],
    ['a..b...png', 'image/png', 'a.b.png'],
    ['...', 'image/png', 'image.png'],
    [`${'x'.repeat(120)}.bmp`, 'image/png', `${'x'.repeat(96)}.png`],
  ] as const)('%s (%s) → %s', (name, type, expected) => {
    const got = uploadFileName(name, type);
    expect(got).toBe(expected);
    expect(got).toMatch(/^[\w.-]{1,100}$/);
  });
});

describe('admission', () => {
  const account = (id: string, fields: Partial<Account> = {}): Account => ({
    id,
    guildId: '1',
    channelId: '2',
    concurrency: 3,
    waitSize: 10,
    mode: 'fast',
    relaxFallback: true,
    enabled: true,
    ...fields,
  });
  const accounts = [account('a'), account('b', { mode: 'relax', waitSize: 5 }), account('c', { enabled: false })];

  it('binds a click to its parent account whatever its mode, else filters by mode', () => {
    expect(accountsForTask(accounts, { accountId: 'b', mode: 'fast' }).map((a) => a.id)).toEqual(['b']);
    expect(accountsForTask(accounts, { mode: 'relax' }).map((a) => a.id)).toEqual(['b']);
    expect(accountsForTask(accounts, {}).map((a) => a.id)).toEqual(['a', 'b']);
    expect(waitRoom(accounts, {}).capacity).toBe(15);
  });

  it('refuses with NO_ACCOUNT when none may run it', () => {
    expect(() => waitRoom(accounts, { accountId: 'c' })).toThrow(expect.objectContaining({ code: 'NO_ACCOUNT', message: expect.stringContaining('c') }));
    expect(() => waitRoom(accounts, { mode: 'turbo' })).toThrow(expect.objectContaining({ code: 'NO_ACCOUNT' }));
  });
});
