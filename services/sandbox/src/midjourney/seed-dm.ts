import { createHash } from 'node:crypto';
import { discordTimestamp, type DiscordMessage, type DiscordUser } from '../discord-types.js';
import type { SnowflakeGenerator } from '../ids.js';
import { MIDJOURNEY_USER } from '../world.js';
import { promptOf } from './parent.js';

const JOB_ID = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.\w+$/;

/** The job id of a result message, from its first file's name (§3.5); none for other messages. */
export function resultJobId(message: DiscordMessage): string | undefined {
  if (message.author.id !== MIDJOURNEY_USER.id) return undefined;
  return JOB_ID.exec(message.attachments[0]?.filename ?? '')?.[1];
}

/** A job's seed: fixed per job, 0–4294967295 as Midjourney's `--seed`. */
export function seedOf(jobId: string): number {
  return createHash('sha256').update(jobId).digest().readUInt32LE(0);
}

/**
 * Midjourney's answer to a ✉️ reaction on one of its results: a DM to the reacting user naming the
 * job and its seed (§2.4). The wording follows what the peers parse (`**Job ID**:`, `seed`);
 * unverified against a capture.
 */
export function seedMessage(ids: SnowflakeGenerator, dmChannelId: string, user: DiscordUser, result: DiscordMessage, jobId: string): DiscordMessage {
  return {
    id: ids.next(),
    type: 0,
    channel_id: dmChannelId,
    author: MIDJOURNEY_USER,
    content: `**${promptOf(result)}**\n**Job ID**: ${jobId}\n**seed** ${seedOf(jobId)}`,
    timestamp: discordTimestamp(Date.now()),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [user],
    mention_roles: [],
    attachments: result.attachments.slice(0, 1),
    embeds: [],
    components: [],
    pinned: false,
    flags: 0,
  };
}
