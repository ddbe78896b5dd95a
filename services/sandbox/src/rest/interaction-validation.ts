import type { UploadStore } from '../cdn/upload-store.js';
import type { DiscordUser } from '../discord-types.js';
import type { Reply } from '../http/http-io.js';
import { isSnowflake } from '../ids.js';
import type { ValidInteraction } from '../interaction.js';
import type { CommandVersions } from '../midjourney/command-versions.js';
import { findCommand } from '../midjourney/commands.js';
import type { MessageStore } from '../message-store.js';
import type { ModalRegistry } from '../modal-registry.js';
import { MIDJOURNEY_APP_ID, type World } from '../world.js';
import {
  errorReply,
  invalidFormBody,
  UnknownApplication,
  UnknownChannel,
  UnknownGuild,
  UnknownMessage,
  type DiscordError,
} from './errors.js';
import { checkCommandOptions } from './command-options.js';
import { validateModalSubmit } from './modal-validation.js';

export type Validation = { ok: true; interaction: ValidInteraction } | { ok: false; reply: Reply; code: number | string };

type Base = Pick<ValidInteraction, 'user' | 'guildId' | 'channelId' | 'sessionId' | 'nonce'>;
type Json = Record<string, unknown>;

/** What Discord looks interactions up in: messages (type 3), uploads (type 2 files), open modals (type 5). */
export interface InteractionLookups {
  messages: MessageStore;
  uploads: UploadStore;
  modals: ModalRegistry;
}

const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const reject = (error: DiscordError): Validation => ({ ok: false, reply: errorReply(error), code: error.code });
const formError = (path: string[], code: string, message: string): Validation => ({ ok: false, reply: invalidFormBody(path, code, message), code });

/**
 * Checks a `POST /interactions` body the way Discord does before the app ever sees it (§5.2, §7c),
 * so a driver's payload bugs surface locally: application, guild, channel, session id, nonce, then
 * command id + version and options (type 2), message + custom_id (type 3) or open modal (type 5).
 */
export function validateInteraction(body: unknown, user: DiscordUser, world: World, lookups: InteractionLookups): Validation {
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
  if (type === 2) return validateCommand(data, base, lookups.uploads, world.commandVersions);
  if (type === 3) return validateComponent(body.message_id, data, base, lookups.messages);
  return validateModalSubmit(data, base, lookups.modals);
}

function validateCommand(data: Json, base: Base, uploads: UploadStore, versions: CommandVersions): Validation {
  const command = findCommand(data.id);
  if (!command || data.version !== versions.of(command.version) || (data.name !== undefined && data.name !== command.name)) {
    return formError(['data'], 'INTERACTION_APPLICATION_COMMAND_INVALID_VERSION', 'This command is outdated, please try again in a few minutes');
  }
  const checked = checkCommandOptions(command, data, base.user.id, uploads);
  if (!checked.ok) return formError(checked.path, checked.code, checked.message);
  const { ok: _ok, ...parsed } = checked;
  return { ok: true, interaction: { ...base, kind: 'command', command, ...parsed } };
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
  if (data.component_type !== 3) return { ok: true, interaction: { ...base, kind: 'component', customId: data.custom_id, message } };
  // A select's values must be among its options (Discord checks it before the app sees the click).
  const select = message.components.flatMap((row) => row.components).find((c) => c.custom_id === data.custom_id);
  const allowed = new Set(select && 'options' in select ? select.options.map((o) => o.value) : []);
  const values = data.values;
  if (!Array.isArray(values) || values.length === 0 || !values.every((v) => typeof v === 'string' && allowed.has(v))) {
    return formError(['data', 'values'], 'COMPONENT_VALIDATION_FAILED', 'Component validation failed');
  }
  return { ok: true, interaction: { ...base, kind: 'component', customId: data.custom_id, message, values: values as string[] } };
}
