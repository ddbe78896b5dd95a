import type { CommandInteraction } from '../interaction.js';
import type { MidjourneyAction } from './action.js';
import { deferredReply } from './deferred-reply.js';
import { unsupported } from './unsupported.js';
import type { UserSettings } from './user-settings.js';

/**
 * `/prefer remix` (§3.2, §4.5) flips Remix mode and says so, ephemerally and deferred, so the
 * nonce-less edit named `prefer remix` is what clients read. Other preferences are not simulated.
 */
export function prefer(settings: UserSettings): MidjourneyAction<CommandInteraction> {
  return async (ctx, ix) => {
    if (ix.subcommand !== 'remix') return unsupported(ctx, ix);
    const on = settings.toggleRemix(ix.user.id);
    const content = on
      ? 'Remix mode turned on! You can disable it by running `/prefer remix` again.'
      : 'Remix mode turned off! You can enable it by running `/prefer remix` again.';
    await deferredReply(ctx, ix, { ephemeral: true }, () => ({ content }));
  };
}
