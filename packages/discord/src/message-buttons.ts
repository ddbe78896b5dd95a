import { parseCustomId } from './custom-id.js';
import type { DiscordActionRow } from './discord-types.js';
import { extractMessageHash } from './message-hash.js';
import type { ParsedButton } from './parsed-message.js';

const LINK_STYLE = 5;

export function flattenButtons(rows: DiscordActionRow[]): ParsedButton[] {
  const buttons: ParsedButton[] = [];
  for (const row of rows) {
    for (const c of Array.isArray(row?.components) ? row.components : []) {
      // Link buttons are kept even without a url: some recorders drop it (the 2026 capture, §4.8).
      if (typeof c?.custom_id !== 'string' && typeof c?.url !== 'string' && c?.style !== LINK_STYLE) continue;
      const button: ParsedButton = { customId: c.custom_id ?? '' };
      if (c.label !== undefined) button.label = c.label;
      if (c.emoji?.name !== undefined) button.emoji = c.emoji.name;
      if (c.style !== undefined) button.style = c.style;
      if (c.url !== undefined) button.url = c.url;
      buttons.push(button);
    }
  }
  return buttons;
}

/** Job buttons embed the hash of the message carrying them (§3.3); link buttons point at the job (§3.5). */
export function hashFromButtons(buttons: ParsedButton[]): string | undefined {
  for (const b of buttons) {
    const parsed = parseCustomId(b.customId);
    if (parsed && 'hash' in parsed && parsed.kind !== 'bookmark') return parsed.hash;
    if (parsed?.kind === 'cancel') return parsed.jobId;
  }
  const link = buttons.find((b) => b.url?.includes('midjourney.com/jobs/'));
  return link?.url ? extractMessageHash(link.url) : undefined;
}
