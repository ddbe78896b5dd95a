import type { AttachmentStore } from '../cdn/attachment-store.js';
import { storeUpload } from '../cdn/store-upload.js';
import type { UploadStore } from '../cdn/upload-store.js';
import { discordTimestamp, type DiscordMessage } from '../discord-types.js';
import { json, type Reply } from '../http/http-io.js';
import { isSnowflake, type SnowflakeGenerator } from '../ids.js';
import type { MessageFeed } from '../message-feed.js';
import type { HistoryQuery, MessageStore } from '../message-store.js';
import type { Identity, World } from '../world.js';
import { EmptyMessage, errorReply, invalidFormBody, UnknownChannel, UnknownMessage } from './errors.js';
import { uploadedAttachments } from './message-attachments.js';
import type { RestRoute } from './router.js';

export interface MessageRouteDeps {
  world: World;
  messages: MessageStore;
  feed: MessageFeed;
  ids: SnowflakeGenerator;
  uploads: UploadStore;
  attachments: AttachmentStore;
}

const MAX_CONTENT = 2000;

/** Channel history, single messages and plain posts (§2.4). */
export function messageRoutes(deps: MessageRouteDeps): RestRoute[] {
  const { world, messages } = deps;
  return [
    {
      method: 'GET',
      path: '/channels/{channelId}/messages',
      auth: 'any',
      handle: ({ params, query }) => {
        if (params.channelId !== world.channelId) return errorReply(UnknownChannel);
        const parsed = parseHistoryQuery(query);
        return 'status' in parsed ? parsed : json(200, messages.history(world.channelId, parsed));
      },
    },
    {
      method: 'GET',
      path: '/channels/{channelId}/messages/{messageId}',
      auth: 'any',
      handle: ({ params, identity }) => {
        if (params.channelId !== world.channelId) return errorReply(UnknownChannel);
        const message = messages.visible(params.messageId ?? '', identity.user.id);
        return message && message.channel_id === params.channelId ? json(200, message) : errorReply(UnknownMessage);
      },
    },
    {
      method: 'POST',
      path: '/channels/{channelId}/messages',
      auth: 'any',
      handle: ({ params, body, identity }) => (params.channelId !== world.channelId ? errorReply(UnknownChannel) : postMessage(deps, identity, body)),
    },
  ];
}

/** limit 1–100 (default 50) and at most one of before/after/around, each a snowflake. */
function parseHistoryQuery(query: URLSearchParams): HistoryQuery | Reply {
  const limitText = query.get('limit');
  const limit = limitText === null ? 50 : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) return invalidFormBody(['limit'], 'NUMBER_TYPE_MAX', 'Must be between 1 and 100.');
  const result: HistoryQuery = { limit };
  for (const key of ['before', 'after', 'around'] as const) {
    const value = query.get(key);
    if (value === null) continue;
    if (!isSnowflake(value)) return invalidFormBody([key], 'NUMBER_TYPE_COERCE', `Value "${value}" is not snowflake.`);
    result[key] = value;
  }
  return result;
}

/**
 * A message from a user or bot, broadcast as MESSAGE_CREATE. Attachments name earlier uploads
 * (`uploaded_filename`, §2.4) and come back as signed CDN links: how drivers get a link for an
 * image prompt.
 */
function postMessage(deps: MessageRouteDeps, identity: Identity, body: unknown): Reply {
  const input = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const content = typeof input.content === 'string' ? input.content : '';
  const files = uploadedAttachments(deps.uploads, identity.user.id, input.attachments);
  if (!Array.isArray(files)) return files;
  if (content.length > MAX_CONTENT) return invalidFormBody(['content'], 'BASE_TYPE_MAX_LENGTH', 'Must be 2000 or fewer in length.');
  if (content.trim() === '' && files.length === 0) return errorReply(EmptyMessage);
  const mentioned = new Set([...content.matchAll(/<@!?(\d+)>/g)].map((m) => m[1]));
  const message: DiscordMessage = {
    id: deps.ids.next(),
    type: 0,
    channel_id: deps.world.channelId,
    guild_id: deps.world.guildId,
    author: identity.user,
    content,
    timestamp: discordTimestamp(Date.now()),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: deps.world.identities().filter((i) => mentioned.has(i.user.id)).map((i) => i.user),
    mention_roles: [],
    attachments: files.map((file) => storeUpload(deps.attachments, deps.world.channelId, file)),
    embeds: [],
    components: [],
    pinned: false,
    flags: 0,
    ...(typeof input.nonce === 'string' || typeof input.nonce === 'number' ? { nonce: String(input.nonce) } : {}),
  };
  return json(200, deps.feed.create(message));
}
