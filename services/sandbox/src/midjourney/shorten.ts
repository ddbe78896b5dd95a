import { createHash } from 'node:crypto';
import type { CommandInteraction } from '../interaction.js';
import type { MidjourneyAction } from './action.js';
import { keycap, shortenComponents } from './buttons.js';
import { deferredReply } from './deferred-reply.js';
import { errorMessage } from './mj-messages.js';

const STOPWORDS = new Set(
  'a an the of in on at by for from to with and or but is are was be very really quite some that this these those its into onto over under as'.split(' '),
);
/** Each option keeps this share of the important words, longest prompt first. */
const KEEP = [1, 0.8, 0.6, 0.45, 0.3];
const SHOWN_TOKENS = 8;
/** Clients recognise a shorten answer by this footer (§4.5). */
export const SHORTEN_FOOTER = 'Click on a button to imagine one of the shortened prompts';

export interface PromptAnalysis {
  tokens: string[];
  options: string[];
}

/**
 * /shorten (§4.5): delivered like describe (deferred create with the nonce, then the edit) with the
 * prompt's important tokens and five numbered shorter prompts, one button each.
 */
export const shorten: MidjourneyAction<CommandInteraction> = async (ctx, ix) => {
  const prompt = typeof ix.options.prompt === 'string' ? ix.options.prompt.trim() : '';
  if (!prompt) {
    ctx.feed.create(errorMessage(ctx, ix, 'Empty prompt', 'You need to add a prompt to shorten.'));
    return;
  }
  await deferredReply(ctx, ix, { slot: true }, () => {
    const { tokens, options } = analysePrompt(prompt);
    const numbered = options.map((option, i) => `${keycap(i + 1)} ${option}`).join('\n\n');
    const description = `**IMPORTANT TOKENS**\n${tokens.join(', ')}\n\n**SHORTENED OPTIONS**\n\n${numbered}`;
    return {
      embeds: [{ type: 'rich', title: 'Shortened prompts', description, footer: { text: SHORTEN_FOOTER } }],
      components: shortenComponents(ix.id, options.length),
    };
  });
};

/**
 * Which words carry the prompt: everything but stopwords, ranked by length with a stable
 * tie-break. Options keep the best-ranked share in the original order, with leading image links
 * and `--parameters` untouched, as Midjourney's shortener does.
 */
export function analysePrompt(prompt: string): PromptAnalysis {
  const paramsAt = prompt.search(/(?:^|\s)--\w/);
  const body = paramsAt < 0 ? prompt : prompt.slice(0, paramsAt);
  const params = paramsAt < 0 ? '' : prompt.slice(paramsAt).trim();
  const links = body.match(/<https?:\/\/[^>\s]+>|https?:\/\/\S+/g) ?? [];
  const words = body
    .replace(/<https?:\/\/[^>\s]+>|https?:\/\/\S+/g, ' ')
    .split(/[\s,.;:!?()]+/)
    .filter(Boolean);
  const content = words.filter((w) => !STOPWORDS.has(w.toLowerCase()));
  const candidates = content.length > 0 ? content : words;
  const score = (w: string) => w.length + createHash('sha1').update(w).digest()[0]! / 256;
  const ranked = [...new Set(candidates)].sort((a, b) => score(b) - score(a));
  const options = KEEP.map((share) => {
    const kept = new Set(ranked.slice(0, Math.max(1, Math.ceil(ranked.length * share))));
    return [...links, candidates.filter((w) => kept.has(w)).join(' '), params].filter(Boolean).join(' ');
  });
  return { tokens: ranked.slice(0, SHOWN_TOKENS), options };
}
