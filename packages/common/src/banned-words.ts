/**
 * Banned-word matching: phrases of one or more words, case and punctuation insensitive, on word
 * boundaries ("class" does not match "ass", "a ss" does not match "ass"). Pure; the list lives
 * in Redis (BannedWordStore) and ships with a default (banned-words.default.ts).
 */

/** Lower-case words of a text; everything that is not a letter or digit separates words. */
export function tokenize(text: string): string[] {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/['’]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

export class BannedWordMatcher {
  /** First word of a phrase → the phrases (as word lists) that start with it. */
  private readonly byFirstWord = new Map<string, string[][]>();

  constructor(phrases: Iterable<string>) {
    for (const phrase of phrases) {
      const words = tokenize(phrase);
      const first = words[0];
      if (!first) continue;
      const list = this.byFirstWord.get(first) ?? [];
      list.push(words);
      this.byFirstWord.set(first, list);
    }
  }

  /** The banned phrases found in `text` (normalised, each once, in order of appearance). */
  match(text: string): string[] {
    const words = tokenize(stripParameters(text));
    const found = new Set<string>();
    words.forEach((word, i) => {
      for (const phrase of this.byFirstWord.get(word) ?? []) {
        if (phrase.every((w, k) => words[i + k] === w)) found.add(phrase.join(' '));
      }
    });
    return [...found];
  }
}

/** Midjourney parameters (`--no cat`, `--ar 3:2`) and URLs are not prompt words. */
function stripParameters(prompt: string): string {
  return prompt.replace(/https?:\/\/\S+/g, ' ').replace(/--(?!no\b)[a-z]+(\s+[^\s-][^\s]*)?/gi, ' ');
}
