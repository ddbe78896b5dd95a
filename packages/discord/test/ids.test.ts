import { describe, expect, it } from 'vitest';
import { buildPromptWithMarker, extractMessageHash, extractTaskMarker, makeNonce } from '../src/index.js';

const HASH = '5e0c9c1e-3b4a-4f51-9d2e-6a7b8c9d0e1f';

describe('task marker (§4.6, §4.7)', () => {
  it('builds the seed form, image URLs first', () => {
    expect(buildPromptWithMarker('4821093356', 'a red fox in snow --ar 3:2')).toBe('<#4821093356#>a red fox in snow --ar 3:2');
    expect(buildPromptWithMarker('4821093356', 'like this', ['https://a.example/1.png', 'https://a.example/2.png'])).toBe(
      'https://a.example/1.png https://a.example/2.png <#4821093356#>like this',
    );
    expect(buildPromptWithMarker('42', 'x', [])).toBe('<#42#>x');
  });

  const texts: [string, string | undefined][] = [
    ['**<#4821093356#>a red fox** - <@1> (fast)', '4821093356'],
    ['<https://s.mj.run/x> <#abc_123#>fox', 'abc_123'],
    ['/imagine <#9#>fox', '9'],
    ['<#1#> then <#2#>', '1'],
    ['no marker', undefined],
    ['<#bad-id#>', undefined],
    ['<@1200000000000000009>', undefined],
  ];
  it.each(texts)('extracts from %j', (text, expected) => expect(extractTaskMarker(text)).toBe(expected));

  it('round-trips', () => expect(extractTaskMarker(buildPromptWithMarker('77', 'p', ['https://x/y.png']))).toBe('77'));
});

describe('nonce (§3.1)', () => {
  it('is a Discord-epoch snowflake string', () => {
    const nonce = makeNonce(1_735_725_600_000, 5);
    expect(nonce).toMatch(/^\d+$/);
    expect(BigInt(nonce)).toBe(((1_735_725_600_000n - 1_420_070_400_000n) << 22n) | 5n);
    expect(BigInt(nonce) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
  });

  it('strictly increases without an explicit seq, within a millisecond and if the clock steps back', () => {
    const now = 1_735_725_600_000;
    const nonces = [makeNonce(now), makeNonce(now), makeNonce(now - 5), makeNonce(now + 1), makeNonce()];
    for (const [a, b] of nonces.slice(1).map((n, i) => [nonces[i] ?? '', n] as const)) expect(BigInt(b) > BigInt(a)).toBe(true);
  });
});

describe('extractMessageHash (§3.5)', () => {
  const signed = '?ex=67a1b2c3&is=67a06143&hm=9f3c2b1a&';
  const cases: [string, string | undefined][] = [
    [`driver_a_red_fox_in_snow_${HASH}.png`, HASH],
    [`https://cdn.discordapp.com/attachments/1100000000000000002/1300000000000000121/driver_a_red_fox_in_snow_${HASH}.png${signed}`, HASH],
    [`${HASH}_grid_0.webp`, HASH],
    [`https://cdn.discordapp.com/attachments/1/2/${HASH}_grid_0.webp${signed}`, HASH],
    [`https://media.discordapp.net/attachments/1/2/${HASH}_grid_0.png${signed}&width=256&height=256`, HASH],
    [`https://www.midjourney.com/jobs/${HASH}?index=0`, HASH],
    [`https://cdn.midjourney.com/${HASH}/0_2.png`, HASH],
    ['https://cdn.discordapp.com/attachments/1/2/cat.png?ex=1&', undefined],
    ['grid_0.webp', undefined],
    ['4821093356.jpg', undefined],
    ['', undefined],
  ];
  it.each(cases)('%s', (input, expected) => expect(extractMessageHash(input)).toBe(expected));
});
