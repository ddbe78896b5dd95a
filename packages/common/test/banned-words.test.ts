import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BannedWordMatcher, tokenize } from '../src/banned-words.js';
import { DEFAULT_BANNED_WORDS } from '../src/banned-words.default.js';

const matcher = new BannedWordMatcher(['ass', 'blood bath', 'self-harm', 'Nude']);

describe('BannedWordMatcher', () => {
  it.each([
    ['a nude portrait', ['nude']],
    ['A NUDE portrait', ['nude']],
    ['nude, nude!', ['nude']],
    ['kick ass hero', ['ass']],
    ['ass.', ['ass']],
    ['a blood bath at dawn', ['blood bath']],
    ['a blood   bath', ['blood bath']],
    ['a blood-bath', ['blood bath']],
    ['scenes of self harm', ['self harm']],
    ['self-harm', ['self harm']],
    ['nude blood bath', ['nude', 'blood bath']],
  ])('%j → %j', (prompt, expected) => expect(matcher.match(prompt)).toEqual(expected));

  it.each([
    'a class photo',
    'a bass guitar',
    'an assassin in the rain',
    'passage of time',
    'a blood orange in a bath',
    'bath blood',
    'selfish harmony',
    'nuded',
    'https://example.com/ass.png a cat',
  ])('does not flag %j', (prompt) => expect(matcher.match(prompt)).toEqual([]));

  it('ignores Midjourney parameters but not --no', () => {
    expect(matcher.match('a cat --ar 3:2 --style raw')).toEqual([]);
    expect(matcher.match('a cat --no nude')).toEqual(['nude']);
  });

  it('tokenizes on anything but letters and digits, keeping non-latin words', () => {
    expect(tokenize("Don't stop: café—Straße 42")).toEqual(['dont', 'stop', 'café', 'straße', '42']);
    expect(tokenize('红色 狐狸')).toEqual(['红色', '狐狸']);
  });
});

describe('the default list', () => {
  // The seed's banned_words.txt, vendored verbatim (fixtures/README.md says from where).
  const seed = readFileSync(new URL('./fixtures/seed-banned-words.txt', import.meta.url), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const defaults = new BannedWordMatcher(DEFAULT_BANNED_WORDS);

  // Substrings of hyphenated words to the seed ("high-backed", "cutting-edge"); as words they
  // would refuse "the edge of the forest". (Its "cutting" and "bare" still refuse those two.)
  const HYPHEN_SUFFIXES = ['-backed', '-edge'];

  it('covers every entry of the seed, as a word or phrase in a prompt', () => {
    expect(seed).toHaveLength(204);
    const missed = seed.filter((entry) => defaults.match(`a portrait, ${entry}, studio light`).length === 0);
    expect(missed).toEqual(HYPHEN_SUFFIXES);
    expect(defaults.match('the edge of a high-backed chair')).toEqual([]);
  });

  it('still matches whole words only', () => {
    expect(defaults.match('a class photo of a bass player passing the assembly hall')).toEqual([]);
    expect(defaults.match('a see-through raincoat')).toEqual(['see through']);
  });
});
