import type { CommandInteraction, ComponentInteraction } from '../interaction.js';
import type { MidjourneyAction } from './action.js';
import { deferredReply } from './deferred-reply.js';
import { SETTINGS_IDS, settingsComponents, settingsContent, STYLIZE_LEVELS, VERSION_CHOICES, type PanelState } from './settings-panel.js';
import { unsupported } from './unsupported.js';
import type { JobModeSetting, UserSettings } from './user-settings.js';

function panel(settings: UserSettings, userId: string): { content: string; components: ReturnType<typeof settingsComponents> } {
  const state: PanelState = { ...settings.prefs(userId), remix: settings.remix(userId), mode: settings.accounts.mode(userId) };
  return { content: settingsContent(state), components: settingsComponents(state) };
}

/**
 * `/settings` (§4.5): ephemeral and deferred like /info — the nonce-less edit named `settings`
 * carries the panel (erictik's Settings() and init() read it that way).
 */
export function settingsCommand(settings: UserSettings): MidjourneyAction<CommandInteraction> {
  return async (ctx, ix) => {
    await deferredReply(ctx, ix, { ephemeral: true }, () => panel(settings, ix.user.id));
  };
}

export function isSettingsClick(ix: ComponentInteraction): boolean {
  return ix.customId.startsWith('MJ::Settings::');
}

const MODES: Record<string, JobModeSetting> = { [SETTINGS_IDS.turbo]: 'turbo', [SETTINGS_IDS.fast]: 'fast', [SETTINGS_IDS.relax]: 'relax' };
const STYLIZE = /^MJ::Settings::Stylize::(\d+)$/;

/**
 * A click on the panel changes the same account state `/prefer remix`, `/fast`, `/relax`,
 * `/turbo` use, and Midjourney answers with the panel updated in place (an UPDATE_MESSAGE: the
 * MESSAGE_UPDATE keeps the /settings interaction, carries no nonce).
 */
export function settingsClick(settings: UserSettings): MidjourneyAction<ComponentInteraction> {
  return async (ctx, ix) => {
    const userId = ix.user.id;
    const id = ix.customId;
    const stylize = STYLIZE.exec(id)?.[1];
    if (id === SETTINGS_IDS.version) {
      const value = ix.values?.[0];
      if (!VERSION_CHOICES.some((c) => c.value === value)) return unsupported(ctx, ix);
      settings.setPrefs(userId, { version: value! });
    } else if (id === SETTINGS_IDS.remix) settings.toggleRemix(userId);
    else if (id === SETTINGS_IDS.raw) settings.setPrefs(userId, { raw: !settings.prefs(userId).raw });
    else if (stylize && STYLIZE_LEVELS[Number(stylize)]) settings.setPrefs(userId, { stylize: Number(stylize) });
    else if (id === SETTINGS_IDS.public || id === SETTINGS_IDS.stealth) settings.setPrefs(userId, { stealth: id === SETTINGS_IDS.stealth });
    else if (id === SETTINGS_IDS.highVariation || id === SETTINGS_IDS.lowVariation) settings.setPrefs(userId, { highVariation: id === SETTINGS_IDS.highVariation });
    else if (MODES[id]) settings.accounts.setMode(userId, MODES[id]);
    else if (id === SETTINGS_IDS.reset) settings.reset(userId);
    else return unsupported(ctx, ix);
    await ctx.step();
    ctx.feed.edit(ix.message.id, panel(settings, userId));
  };
}
