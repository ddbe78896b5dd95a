import type { DiscordMessage } from './discord-types.js';
import type { ComponentInteraction } from './interaction.js';
import { MIDJOURNEY_APP_ID, MIDJOURNEY_USER } from './world.js';

/** A modal the application answers a click with (§3.4): one text input, prefilled. */
export interface ModalSpec {
  customId: string;
  title: string;
  input: { customId: string; label: string; value: string };
}

/** A modal shown to a user and not yet submitted. */
export interface OpenModal extends ModalSpec {
  /** The id of the click that opened it: what the submit sends as `data.id` (§3.4). */
  id: string;
  userId: string;
  /** The message whose button opened it, as it was at the click. */
  parent: DiscordMessage;
  expiresAt: number;
}

/** An interaction token lives 15 minutes; a modal submitted later is an unknown interaction. */
const LIFETIME_MS = 15 * 60_000;
/** Discord's cap on a paragraph text input. */
const MAX_INPUT_LENGTH = 4000;

/**
 * Discord's side of modals: which modal each user has open, so a type 5 submit is checked against
 * it (unknown or expired `data.id` → 10062, §3.4) and consumed once accepted.
 */
export class ModalRegistry {
  private readonly modals = new Map<string, OpenModal>();

  /** Records the modal and returns the INTERACTION_MODAL_CREATE payload (§1.10). */
  open(ix: ComponentInteraction, spec: ModalSpec, now = Date.now()): Record<string, unknown> {
    this.sweep(now);
    this.modals.set(ix.id, { ...spec, id: ix.id, userId: ix.user.id, parent: ix.message, expiresAt: now + LIFETIME_MS });
    const { customId, label, value } = spec.input;
    return {
      id: ix.id,
      nonce: ix.nonce,
      channel_id: ix.channelId,
      guild_id: ix.guildId,
      custom_id: spec.customId,
      title: spec.title,
      components: [
        {
          type: 1,
          components: [{ type: 4, custom_id: customId, style: 2, label, value, required: true, min_length: 1, max_length: MAX_INPUT_LENGTH }],
        },
      ],
      application: { id: MIDJOURNEY_APP_ID, name: MIDJOURNEY_USER.username, icon: MIDJOURNEY_USER.avatar },
    };
  }

  /** The modal `userId` has open under `id`; someone else's or an expired one is unknown. */
  find(id: unknown, userId: string, now = Date.now()): OpenModal | undefined {
    const modal = typeof id === 'string' ? this.modals.get(id) : undefined;
    return modal && modal.userId === userId && modal.expiresAt > now ? modal : undefined;
  }

  /** A modal is submitted once. */
  close(id: string): void {
    this.modals.delete(id);
  }

  clear(): void {
    this.modals.clear();
  }

  private sweep(now: number): void {
    for (const [id, modal] of this.modals) if (modal.expiresAt <= now) this.modals.delete(id);
  }
}
