import { MessageFlags, type DiscordMessage } from '../discord-types.js';
import type { AcceptedInteraction } from '../interaction.js';
import type { ActionContext } from './action.js';
import { midjourneyMessage, replyTo } from './mj-messages.js';

export interface DeferredOptions {
  /** Only the invoking user sees it (prefer, settings, info). */
  ephemeral?: boolean;
  /** A button's answer replies to the message the button was on (§4.4). */
  parent?: DiscordMessage;
  /** Takes one of the account's job slots while it works (describe, shorten). */
  slot?: boolean;
}

/**
 * Text-like answers (§4.5): first a deferred "is thinking…" MESSAGE_CREATE with the nonce (flags
 * 128, or 192 when ephemeral), then a MESSAGE_UPDATE of the same id, without the nonce, carrying
 * the answer — erictik and the seed only accept the nonce-less edit, trueai parses updates.
 */
export async function deferredReply(
  ctx: ActionContext,
  ix: AcceptedInteraction,
  options: DeferredOptions,
  answer: () => Partial<DiscordMessage>,
): Promise<void> {
  const visibility = options.ephemeral ? MessageFlags.Ephemeral : 0;
  const thread = options.parent ? replyTo(options.parent) : { type: 20 };
  const placeholder = ctx.feed.create(midjourneyMessage(ctx, ix, { ...thread, flags: visibility | MessageFlags.Loading, nonce: ix.nonce }));
  const release = options.slot ? await ctx.slots.acquire(ix.user.id, ctx.signal) : () => {};
  try {
    await ctx.step();
    ctx.feed.edit(placeholder.id, { flags: visibility, ...answer() });
  } finally {
    release();
  }
}
