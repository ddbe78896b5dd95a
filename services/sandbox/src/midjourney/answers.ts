import type { AcceptedInteraction, CommandInteraction } from '../interaction.js';
import type { ModalSpec } from '../modal-registry.js';
import type { ActionContext, MidjourneyAction } from './action.js';
import { info, switchMode } from './account-commands.js';
import { blend } from './blend.js';
import { buttonAnswer } from './button-answers.js';
import { describe } from './describe.js';
import { imagine } from './imagine.js';
import { modalAnswer } from './modal-answers.js';
import { prefer } from './prefer.js';
import { settingsClick, settingsCommand, isSettingsClick } from './settings-command.js';
import { shorten } from './shorten.js';
import { unsupported } from './unsupported.js';
import type { UserSettings } from './user-settings.js';
import { varyRegion } from './vary-region.js';

/**
 * How Midjourney answers an interaction: a modal (Custom Zoom, Remix, describe/shorten picks,
 * §3.4), its Vary (Region) editor, and/or a job. Either window is known at once, because Discord
 * announces it before the acknowledgement (INTERACTION_(IFRAME_)MODAL_CREATE, then INTERACTION_SUCCESS, §1.10).
 */
export interface Answer {
  modal?: ModalSpec;
  /** The Vary (Region) editor: an iframe whose submit goes to Midjourney's activity host (§3.4). */
  editor?: boolean;
  run?: (ctx: ActionContext) => Promise<void>;
}

/** Slash commands by name (§3.2); the rest answer "Invalid request". */
function commandActions(settings: UserSettings): Record<string, MidjourneyAction<CommandInteraction>> {
  return {
    imagine,
    describe,
    blend,
    shorten,
    prefer: prefer(settings),
    settings: settingsCommand(settings),
    info: info(settings),
    fast: switchMode(settings, 'fast'),
    relax: switchMode(settings, 'relax'),
    turbo: switchMode(settings, 'turbo'),
  };
}

export function answerFor(ix: AcceptedInteraction, settings: UserSettings): Answer {
  if (ix.kind === 'component' && isSettingsClick(ix)) return { run: (ctx) => settingsClick(settings)(ctx, ix) };
  if (ix.kind === 'component') return buttonAnswer(ix, settings.remix(ix.user.id));
  if (ix.kind === 'modal') return modalAnswer(ix);
  if (ix.kind === 'region') return { run: (ctx) => varyRegion(ctx, ix) };
  const action = commandActions(settings)[ix.command.name] ?? unsupported;
  return { run: (ctx) => action(ctx, ix) };
}
