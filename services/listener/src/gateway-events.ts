import type { DiscordMessage } from '@mjq/discord';

/**
 * What the listener takes from both gateway views (the bot's discord.js client and the accounts'
 * user sessions): Midjourney's messages in our channels, created, edited or deleted. Everything
 * else on the gateway is either handled where it arrives (INTERACTION_*, account-gateways.ts) or
 * ignored.
 */
export type GatewayMessageEvent =
  | { kind: 'create' | 'update'; message: DiscordMessage }
  | { kind: 'delete'; message: { id: string; channel_id: string } };

/** A dispatch as it comes off the wire: event name and payload, Discord's own JSON. */
export interface RawPacket {
  t?: string | null;
  d?: unknown;
}

/**
 * The message event a dispatch carries, if it is one we follow: Midjourney's messages (created
 * or edited) in one of `channelIds`; deletions of any message there (only ids are sent, and a
 * deleted progress message is how moderation shows). Pure: both views share it.
 */
export function toMessageEvent(packet: RawPacket, channelIds: ReadonlySet<string>, midjourneyId: string): GatewayMessageEvent | undefined {
  const d = packet.d as (DiscordMessage & { channel_id?: string }) | undefined;
  if (!d || !channelIds.has(d.channel_id)) return undefined;
  switch (packet.t) {
    case 'MESSAGE_CREATE':
    case 'MESSAGE_UPDATE':
      if (d.author?.id !== midjourneyId) return undefined;
      return { kind: packet.t === 'MESSAGE_CREATE' ? 'create' : 'update', message: d };
    case 'MESSAGE_DELETE':
      return { kind: 'delete', message: { id: d.id, channel_id: d.channel_id } };
    default:
      return undefined;
  }
}
