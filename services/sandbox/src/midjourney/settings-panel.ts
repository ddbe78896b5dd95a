import type { ActionRow, Button, SelectMenu } from '../discord-types.js';
import type { JobModeSetting, Preferences } from './user-settings.js';

// The /settings message (§3.3, §4.5). No stored capture: the shapes come from the peers and are
// unverified. `MJ::Settings::VersionSelector` is in the protocol reference; `RemixMode`,
// `Style::raw` and `Reset` (label "Reset Settings", erictik's Reset()) from peer clients;
// `HighVariabilityMode::1` from trueai (it reads that button's style); `RelaxMode::on|off` from
// an older peer client's fast/relax switch. Turbo, stylize and visibility ids follow the same
// pattern and are the sandbox's guess. Active choices are green (style 3), the rest grey (2):
// erictik's init() and trueai decide "Remix on" from the style.

export const SETTINGS_IDS = {
  version: 'MJ::Settings::VersionSelector',
  raw: 'MJ::Settings::Style::raw',
  stylize: (s: number) => `MJ::Settings::Stylize::${s}`,
  public: 'MJ::Settings::PublicMode::on',
  stealth: 'MJ::Settings::PublicMode::off',
  remix: 'MJ::Settings::RemixMode',
  highVariation: 'MJ::Settings::HighVariabilityMode::1',
  lowVariation: 'MJ::Settings::HighVariabilityMode::0',
  turbo: 'MJ::Settings::TurboMode::on',
  fast: 'MJ::Settings::RelaxMode::off',
  relax: 'MJ::Settings::RelaxMode::on',
  reset: 'MJ::Settings::Reset',
} as const;

/** The default model choices (option values are the `--v`/`--niji` value; unverified). */
export const VERSION_CHOICES: readonly { value: string; label: string }[] = [
  { value: '7', label: 'Midjourney Model V7' },
  { value: '6.1', label: 'Midjourney Model V6.1' },
  { value: '6', label: 'Midjourney Model V6.0' },
  { value: '5.2', label: 'Midjourney Model V5.2' },
  { value: 'niji 6', label: 'Niji Model V6' },
];

export const STYLIZE_LEVELS: Record<number, string> = { 50: 'low', 100: 'med', 250: 'high', 750: 'very high' };

export interface PanelState extends Preferences {
  remix: boolean;
  mode: JobModeSetting;
}

const button = (label: string, emoji: string, customId: string, on: boolean): Button => ({
  type: 2,
  style: on ? 3 : 2,
  label,
  emoji: { name: emoji },
  custom_id: customId,
});

/** The message's content: the suffix Midjourney appends to prompts for these choices. */
export function settingsContent(state: PanelState): string {
  const version = state.version.startsWith('niji') ? `--${state.version}` : `--v ${state.version}`;
  const parts = [version, state.raw ? '--style raw' : '', state.stylize !== 100 ? `--s ${state.stylize}` : '', state.mode === 'fast' ? '' : `--${state.mode}`];
  return `**Adjust your settings here. Current suffix:**\n\`${parts.filter(Boolean).join(' ')}\``;
}

export function settingsComponents(state: PanelState): ActionRow[] {
  const select: SelectMenu = {
    type: 3,
    custom_id: SETTINGS_IDS.version,
    min_values: 1,
    max_values: 1,
    options: VERSION_CHOICES.map((c) => ({ ...c, default: c.value === state.version })),
  };
  const stylize = Object.entries(STYLIZE_LEVELS).map(([s, name]) => button(`Stylize ${name}`, '🖌️', SETTINGS_IDS.stylize(Number(s)), state.stylize === Number(s)));
  return [
    { type: 1, components: [select] },
    { type: 1, components: [button('RAW Mode', '🔧', SETTINGS_IDS.raw, state.raw), ...stylize] },
    {
      type: 1,
      components: [
        button('Public mode', '🧍', SETTINGS_IDS.public, !state.stealth),
        button('Stealth mode', '🕵️', SETTINGS_IDS.stealth, state.stealth),
        button('Remix mode', '🎛️', SETTINGS_IDS.remix, state.remix),
        button('High Variation Mode', '🔥', SETTINGS_IDS.highVariation, state.highVariation),
        button('Low Variation Mode', '🔥', SETTINGS_IDS.lowVariation, !state.highVariation),
      ],
    },
    {
      type: 1,
      components: [
        button('Turbo mode', '⚡', SETTINGS_IDS.turbo, state.mode === 'turbo'),
        button('Fast mode', '🐇', SETTINGS_IDS.fast, state.mode === 'fast'),
        button('Relax mode', '🐢', SETTINGS_IDS.relax, state.mode === 'relax'),
        { type: 2, style: 2, label: 'Reset Settings', custom_id: SETTINGS_IDS.reset },
      ],
    },
  ];
}
