import type { DiscordUser } from '../discord-types.js';
import type { Reply } from '../http/http-io.js';
import { isSnowflake } from '../ids.js';
import type { ValidInteraction } from '../interaction.js';
import { findCommand } from '../midjourney/commands.js';
import type { MessageStore } from '../message-store.js';
import { MIDJOURNEY_APP_ID, type World } from '../world.js';
import {
  errorReply,
  invalidFormBody,
  UnknownApplication,
  UnknownChannel,
  UnknownGuild,
  UnknownInteraction,
  UnknownMessage,
  type DiscordError,
} from './errors.js';

export type Validation = { ok: true; interaction: ValidInteraction } | { ok: false; reply: Reply; code: number | string };

type Base = Pick<ValidInteraction, 'user' | 'guildId' | 'channelId' | 'sessionId' | 'nonce'>;
type Json = Record<string, unknown>;

const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const reject = (error: DiscordError): Validation => ({ ok: false, reply: errorReply(error), code: error.code });
const formError = (path: string[], code: string, message: string): Validation => ({ ok: false, reply: invalidFormBody(path, code, message), code });

/**
 * Checks a `POST /interactions` body the way Discord does before the app ever sees it (§5.2, §7c),
 * so a driver's payload bugs surface locally: application, guild, channel, session id, nonce, then
 * command id + version (type 2) or message + custom_id (type 3).
 */
export function validateInteraction(body: unknown, user: DiscordUser, world: World, messages: MessageStore): Validation {
  if (!isRecord(body)) return formError([], 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
  const { type, application_id, guild_id, channel_id, session_id, nonce, data } = body;
  if (type !== 2 && type !== 3 && type !== 5) return formError(['type'], 'BASE_TYPE_CHOICES', 'Value must be one of {2, 3, 5}.');
  if (application_id !== MIDJOURNEY_APP_ID) return reject(UnknownApplication);
  if (guild_id != null && guild_id !== world.guildId) return reject(UnknownGuild);
  if (channel_id !== world.channelId) return reject(UnknownChannel);
  if (typeof session_id !== 'string' || !/^[0-9a-f]{32}$/i.test(session_id)) {
    return formError(['session_id'], 'BASE_TYPE_BAD_LENGTH', 'Must be a 32-character hex string.');
  }
  if (typeof nonce !== 'string' || nonce.length === 0 || nonce.length > 25) {
    return formError(['nonce'], 'BASE_TYPE_REQUIRED', 'This field is required and must be at most 25 characters.');
  }
  if (!isRecord(data)) return formError(['data'], 'BASE_TYPE_REQUIRED', 'This field is required');
  const base: Base = { user, guildId: world.guildId, channelId: world.channelId, sessionId: session_id, nonce };
  if (type === 2) return validateCommand(data, base);
  if (type === 3) return validateComponent(body.message_id, data, base, messages);
  // Type 5 answers a modal the app opened (§3.4); the sandbox opens none yet, so no id can match.
  return reject(UnknownInteraction);
}

function validateCommand(data: Json, base: Base): Validation {
  const command = findCommand(data.id);
  if (!command || data.version !== command.version || (data.name !== undefined && data.name !== command.name)) {
    return formError(['data'], 'INTERACTION_APPLICATION_COMMAND_INVALID_VERSION', 'This command is outdated, please try again in a few minutes');
  }
  const options: Json = {};
  for (const option of Array.isArray(data.options) ? data.options : []) {
    if (isRecord(option) && typeof option.name === 'string') options[option.name] = option.value;
  }
  for (const spec of command.options) {
    const value = options[spec.name];
    if (spec.required && value === undefined) return formError(['data', 'options'], 'BASE_TYPE_REQUIRED', `Option ${spec.name} is required`);
    if (value !== undefined && spec.type === 3 && typeof value !== 'string') {
      return formError(['data', 'options'], 'BASE_TYPE_STRING', `Option ${spec.name} must be a string`);
    }
  }
  return { ok: true, interaction: { ...base, kind: 'command', command, options } };
}

/** §3.3: the clicked custom_id must be on the referenced message, else COMPONENT_VALIDATION_FAILED. */
function validateComponent(messageId: unknown, data: Json, base: Base, messages: MessageStore): Validation {
  if (!isSnowflake(messageId)) return formError(['message_id'], 'NUMBER_TYPE_COERCE', 'Value is not snowflake.');
  const message = messages.visible(messageId, base.user.id);
  if (!message || message.channel_id !== base.channelId) return reject(UnknownMessage);
  const onMessage = message.components.some((row) =>
    row.components.some((c) => c.custom_id === data.custom_id && c.type === data.component_type),
  );
  if (!onMessage || typeof data.custom_id !== 'string') {
    return formError(['data'], 'COMPONENT_VALIDATION_FAILED', 'Component validation failed');
  }
  return { ok: true, interaction: { ...base, kind: 'component', customId: data.custom_id, message } };
}
