import type { ComponentInteraction } from '../interaction.js';
import type { MidjourneyAction } from './action.js';
import { midjourneyMessage, replyTo } from './mj-messages.js';

/**
 * ❤️ `MJ::BOOKMARK::{h}` on today's images (§4.8): no job, one reply to the rated message, worded as
 * the 2026 capture shows it. That it answers this button (and not a reaction) is inferred from the
 * capture's name; the nonce, as on any interaction's answer, is assumed.
 */
export const rate: MidjourneyAction<ComponentInteraction> = async (ctx, ix) => {
  const link = `https://discord.com/channels/${ix.guildId}/${ix.channelId}/${ix.message.id}`;
  ctx.feed.create(midjourneyMessage(ctx, ix, { ...replyTo(ix.message), nonce: ix.nonce, content: `You have successfully rated [this job](${link}) with 😍` }));
};
