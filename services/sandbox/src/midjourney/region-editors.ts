import { randomBytes } from 'node:crypto';
import type { DiscordMessage } from '../discord-types.js';
import type { ComponentInteraction } from '../interaction.js';
import { MIDJOURNEY_APP_ID, MIDJOURNEY_USER } from '../world.js';
import { promptOf } from './parent.js';

/** A Vary (Region) editor shown to a user and not yet submitted. */
export interface OpenEditor {
  /** The `<token>` of `MJ::iframe::<token>`: what the editor submits as `customId` (§3.4). */
  token: string;
  /** The click on Vary (Region): its user, session and id carry the job the submit starts. */
  click: ComponentInteraction;
  /** The message whose button was clicked; the job replies to it. */
  parent: DiscordMessage;
  /** `{h}` of `MJ::Inpaint::{n}::{h}::SOLO`. */
  parentJobId: string;
  /** What the editor shows for editing: the parent's prompt. */
  prompt: string;
  createdAt: number;
}

/** Like an interaction token, an editor is good for 15 minutes (our choice: Midjourney's limit is unknown). */
const LIFETIME_MS = 15 * 60_000;
/** 24 random bytes: 32 url-safe characters. */
const TOKEN_BYTES = 24;
const JOB_ID = /^MJ::Inpaint::\d::([0-9a-f-]{36})::SOLO$/;

/**
 * Midjourney's side of Vary (Region): the click answers with an iframe (its editor) whose custom_id
 * carries a token; the editor later submits that token with the prompt and the mask to
 * Midjourney's activity host (§3.4). Each token is used once.
 */
export class RegionEditors {
  private readonly editors = new Map<string, OpenEditor>();

  /** Records the editor and returns the INTERACTION_IFRAME_MODAL_CREATE payload (§1.10). */
  open(click: ComponentInteraction, now = Date.now()): Record<string, unknown> {
    this.sweep(now);
    const token = randomBytes(TOKEN_BYTES).toString('base64url');
    const parentJobId = JOB_ID.exec(click.customId)?.[1] ?? '';
    this.editors.set(token, { token, click, parent: click.message, parentJobId, prompt: promptOf(click.message), createdAt: now });
    return {
      id: click.id,
      nonce: click.nonce,
      channel_id: click.channelId,
      guild_id: click.guildId,
      custom_id: `MJ::iframe::${token}`,
      title: 'Vary (Region)',
      application: { id: MIDJOURNEY_APP_ID, name: MIDJOURNEY_USER.username, icon: MIDJOURNEY_USER.avatar },
    };
  }

  /** The open editor of `token`; a used or expired one is unknown. */
  find(token: unknown, now = Date.now()): OpenEditor | undefined {
    const editor = typeof token === 'string' ? this.editors.get(token) : undefined;
    return editor && editor.createdAt + LIFETIME_MS > now ? editor : undefined;
  }

  /** An editor submits once. */
  close(token: string): void {
    this.editors.delete(token);
  }

  clear(): void {
    this.editors.clear();
  }

  private sweep(now: number): void {
    for (const [token, editor] of this.editors) if (editor.createdAt + LIFETIME_MS <= now) this.editors.delete(token);
  }
}
