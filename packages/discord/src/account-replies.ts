import type { AccountInfo, AccountSettings, TASK_MODES } from '@mjq/common';

type TaskMode = (typeof TASK_MODES)[number];
import { classifyMidjourneyEmbed } from './embed-classifier.js';
import { MESSAGE_FLAG_LOADING, type DiscordComponent, type DiscordMessage } from './discord-types.js';

/** The account commands whose answers mjq reads (§4.5): ephemeral, deferred, named after the command. */
export const ACCOUNT_REPLY_NAMES = ['info', 'settings', 'fast', 'relax', 'turbo'] as const;
export type AccountReplyName = (typeof ACCOUNT_REPLY_NAMES)[number];

/** The account command a Midjourney message answers, by its interaction's name; else undefined (a job's message). */
export function accountReplyName(message: Pick<DiscordMessage, 'interaction' | 'interaction_metadata'>): AccountReplyName | undefined {
  const name = message.interaction_metadata?.name ?? message.interaction?.name;
  return (ACCOUNT_REPLY_NAMES as readonly string[]).includes(name ?? '') ? (name as AccountReplyName) : undefined;
}

export type AccountReply =
  | { kind: 'pending' }
  | { kind: 'error'; code: string; message: string }
  | { kind: 'info'; info: AccountInfo }
  | { kind: 'settings'; settings: AccountSettings }
  | { kind: 'mode'; jobMode: TaskMode; content: string };

/**
 * What an account command's message says: the "is thinking…" placeholder (pending), a red error
 * embed, or the answer parsed for its command. Pure.
 */
export function parseAccountReply(name: AccountReplyName, message: DiscordMessage, readAt: number): AccountReply {
  if (((message.flags ?? 0) & MESSAGE_FLAG_LOADING) !== 0) return { kind: 'pending' };
  const embed = message.embeds?.[0];
  const cls = embed ? classifyMidjourneyEmbed(embed) : undefined;
  if (embed && cls?.stage === 'error') return { kind: 'error', code: cls.code ?? 'unknown_error', message: [embed.title, embed.description].filter(Boolean).join(': ') };
  if (name === 'info') {
    if (!embed?.description) return { kind: 'pending' };
    return { kind: 'info', info: parseInfoDescription(embed.description, readAt) };
  }
  if (name === 'settings') {
    const settings = parseSettingsMessage(message, readAt);
    return settings.buttons.length ? { kind: 'settings', settings } : { kind: 'pending' };
  }
  // `Done! Your jobs now …` (§4.5); anything else is Midjourney declining the switch.
  const content = message.content ?? '';
  if (/^done!/i.test(content.trim())) return { kind: 'mode', jobMode: name, content };
  return { kind: 'error', code: 'refused', message: content || embed?.description || `/${name} was not confirmed` };
}

const MODES: Record<string, TaskMode> = { fast: 'fast', relaxed: 'relax', relax: 'relax', turbo: 'turbo' };
const NUMBER = /(\d+(?:\.\d+)?)/;

/**
 * The /info embed's `**Key**: value` lines (§4.5: erictik splits each line at its first colon
 * and drops the `**`; trueai reads the same keys). Keys are matched case-insensitively; a line
 * whose value does not read is kept in `raw` only.
 */
export function parseInfoDescription(description: string, readAt: number): AccountInfo {
  const raw: Record<string, string> = {};
  for (const line of description.split('\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const key = line.slice(0, colon).replaceAll('*', '').trim();
    if (key) raw[key] = line.slice(colon + 1).trim();
  }
  const get = (key: string) => Object.entries(raw).find(([k]) => k.toLowerCase() === key)?.[1];
  const info: AccountInfo = { raw, readAt };
  const subscription = get('subscription');
  if (subscription) {
    info.subscription = subscription;
    info.plan = /^([A-Za-z]+)/.exec(subscription)?.[1];
  }
  const jobMode = MODES[(get('job mode') ?? '').split(/\s/)[0]!.toLowerCase()];
  if (jobMode) info.jobMode = jobMode;
  const visibility = get('visibility mode')?.toLowerCase();
  if (visibility?.startsWith('public')) info.visibility = 'public';
  else if (visibility?.startsWith('stealth')) info.visibility = 'stealth';
  const fast = /^(\d+(?:\.\d+)?)\s*\/\s*(\d+(?:\.\d+)?)/.exec(get('fast time remaining') ?? '');
  if (fast) info.fastTimeRemaining = { hours: Number(fast[1]), totalHours: Number(fast[2]) };
  info.lifetimeUsage = usage(get('lifetime usage'));
  info.relaxedUsage = usage(get('relaxed usage'));
  info.queuedFast = count(get('queued jobs (fast)'));
  info.queuedRelax = count(get('queued jobs (relax)'));
  info.running = count(get('running jobs'));
  return Object.fromEntries(Object.entries(info).filter(([, v]) => v !== undefined)) as AccountInfo;
}

/** `412 images (9.87 hours)`. */
function usage(text: string | undefined): AccountInfo['lifetimeUsage'] {
  const m = /(\d+)\s*images?\s*\((\d+(?:\.\d+)?)\s*hours?\)/i.exec(text ?? '');
  return m ? { images: Number(m[1]), hours: Number(m[2]) } : undefined;
}

/** A count, `None` (0), or a list of jobs (one per comma or line). */
function count(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (/^none\b/i.test(text) || text === '') return 0;
  const n = NUMBER.exec(text);
  if (n && /^\d+$/.test(text.trim())) return Number(n[1]);
  return text.split(/,|\n/).filter((s) => s.trim()).length;
}

/**
 * The /settings panel: buttons by label (active = style 3, green — what erictik's init() and
 * trueai read), the version select's chosen option. Custom ids are copied, never assumed (§3.3).
 */
export function parseSettingsMessage(message: DiscordMessage, readAt: number): AccountSettings {
  const components = (message.components ?? []).flatMap((row) => row.components);
  const buttons = components
    .filter((c): c is DiscordComponent & { custom_id: string } => c.type === 2 && !!c.custom_id)
    .map((c) => ({ customId: c.custom_id, label: c.label ?? c.emoji?.name ?? '', active: c.style === 3 }));
  const active = (label: string) => buttons.find((b) => b.label.toLowerCase() === label)?.active;
  const settings: AccountSettings = { messageId: message.id, messageFlags: message.flags ?? 0, buttons, readAt };
  const select = components.find((c) => c.type === 3 && c.custom_id && c.options);
  if (select) {
    settings.versionSelect = { customId: select.custom_id!, values: select.options!.map((o) => o.value) };
    const chosen = select.options!.find((o) => o.default)?.value;
    if (chosen) settings.version = chosen;
  }
  const flags = { remix: active('remix mode'), raw: active('raw mode'), stealth: active('stealth mode'), highVariation: active('high variation mode') };
  for (const [key, value] of Object.entries(flags)) if (value !== undefined) (settings as unknown as Record<string, boolean>)[key] = value;
  const mode = (['turbo', 'fast', 'relax'] as const).find((m) => active(`${m} mode`));
  if (mode) settings.jobMode = mode;
  return settings;
}

/** The button to click on the panel for a choice, by its label; undefined when the panel has none. */
export function settingsButton(settings: AccountSettings, label: string): AccountSettings['buttons'][number] | undefined {
  return settings.buttons.find((b) => b.label.toLowerCase() === label.toLowerCase());
}
