import type { AcceptedInteraction } from '../interaction.js';
import type { MidjourneyAction } from './action.js';
import { midjourneyMessage } from './mj-messages.js';
import { rewriteImageLinks } from './prompt.js';

/**
 * Post-start moderation (§4.2 step 5, §5.1): the job starts like any /imagine — "Waiting to start"
 * with the nonce, then progress edits — and its progress message is deleted with no result. The
 * seed's listener reads a delete before any result as "banned"; nothing else is ever said.
 */
export const moderatedAfterStart: MidjourneyAction = async (ctx, ix) => {
  const head = `**${rewriteImageLinks(promptText(ix))}** - <@${ix.user.id}>`;
  const mode = ix.mode ?? 'fast';
  const progress = ctx.feed.create(
    midjourneyMessage(ctx, ix, { type: ix.kind === 'command' ? 20 : 0, nonce: ix.nonce, content: `${head} (Waiting to start)`, mentions: [ix.user] }),
  );
  const release = await ctx.slots.acquire(ix.user.id, ctx.signal);
  try {
    for (const percent of [0, 31]) {
      await ctx.step();
      ctx.feed.edit(progress.id, { content: `${head} (${percent}%) (${mode})` });
    }
    await ctx.step();
    ctx.feed.delete(progress.id);
  } finally {
    release();
  }
};

function promptText(ix: AcceptedInteraction): string {
  if (ix.kind !== 'command') return '';
  const prompt = ix.options.prompt;
  return typeof prompt === 'string' ? prompt.trim() : '';
}
