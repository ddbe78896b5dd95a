import type { CommandInteraction } from '../interaction.js';
import type { MidjourneyAction } from './action.js';
import { deferredReply } from './deferred-reply.js';
import type { JobModeSetting, UserSettings } from './user-settings.js';

// The account commands (§3.2): each answers ephemerally and deferred, the nonce-less edit named
// after the command carrying the answer, as /prefer does (erictik reads /info that way). Wording
// after the peers' parsers and Midjourney's docs; no stored capture (unverified).

const SWITCHED: Record<JobModeSetting, string> = {
  fast: 'Done! Your jobs now consume fast-hours. You can always switch back with `/relax`.',
  relax: 'Done! Your jobs now do not consume fast-hours, but might take a little longer. You can always switch back with `/fast`.',
  turbo: 'Done! Your jobs now run in turbo mode, at twice the fast-hours. You can always switch back with `/fast`.',
};

/** `/fast`, `/relax`, `/turbo`: switch the account's job mode; the next job runs in it. */
export function switchMode(settings: UserSettings, mode: JobModeSetting): MidjourneyAction<CommandInteraction> {
  return async (ctx, ix) => {
    settings.accounts.setMode(ix.user.id, mode);
    await deferredReply(ctx, ix, { ephemeral: true }, () => ({ content: SWITCHED[mode] }));
  };
}

const MODE_NAMES: Record<JobModeSetting, string> = { fast: 'Fast', relax: 'Relaxed', turbo: 'Turbo' };
const FAST_HOURS = 15;

/**
 * `/info`: one embed, "Your info - <user>", whose description lists `**Key**: value` lines —
 * what erictik's formatInfo and trueai read (Subscription, Job Mode, Visibility Mode, Fast Time
 * Remaining, usages, queued and running jobs).
 */
export function info(settings: UserSettings): MidjourneyAction<CommandInteraction> {
  return async (ctx, ix) => {
    const id = ix.user.id;
    const mode = settings.accounts.mode(id);
    const left = settings.accounts.outOfFastHours(id) ? 0 : 12.5;
    const running = ctx.slots.inUse(id);
    const lines = [
      `**User ID**: ${id}`,
      '**Subscription**: Standard (Active monthly, renews next on <t:1798761600>)',
      `**Job Mode**: ${MODE_NAMES[mode]}`,
      '**Visibility Mode**: Public',
      `**Fast Time Remaining**: ${left.toFixed(2)}/${FAST_HOURS.toFixed(1)} hours (${((left / FAST_HOURS) * 100).toFixed(2)}%)`,
      '**Lifetime Usage**: 412 images (9.87 hours)',
      '**Relaxed Usage**: 96 images (2.10 hours)',
      `**Queued Jobs (fast)**: ${mode === 'relax' ? 0 : ctx.slots.queued(id)}`,
      `**Queued Jobs (relax)**: ${mode === 'relax' ? ctx.slots.queued(id) : 0}`,
      `**Running Jobs**: ${running > 0 ? running : 'None'}`,
    ];
    await deferredReply(ctx, ix, { ephemeral: true }, () => ({
      embeds: [{ type: 'rich', title: `Your info - ${ix.user.username}`, description: lines.join('\n'), color: 0x0099ff }],
    }));
  };
}
