import type { DiscordInteraction } from '../interaction.js';
import type { MidjourneyAction } from './action.js';
import { errorMessage } from './mj-messages.js';

/** Commands and buttons the sandbox does not simulate yet answer the way Midjourney refuses input (§5.1). */
export const unsupported: MidjourneyAction<DiscordInteraction> = async (ctx, ix) => {
  const what = ix.kind === 'command' ? `/${[ix.command.name, ix.subcommand].filter(Boolean).join(' ')}` : `the ${ix.kind === 'component' ? 'button' : 'modal'} ${ix.customId}`;
  ctx.feed.create(errorMessage(ctx, ix, 'Invalid request', `The sandbox does not simulate ${what} yet.`));
};
