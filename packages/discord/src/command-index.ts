import { MIDJOURNEY_APPLICATION_ID } from './midjourney-application.js';

/** One application command as the type-2 payload needs it (§3.2: id and version change without notice). */
export interface SlashCommand {
  id: string;
  version: string;
  name: string;
  type: number;
  applicationId: string;
}

export class CommandIndexError extends Error {
  override name = 'CommandIndexError';
}

/**
 * Reads `GET /guilds/{gid}/application-command-index` (§2.4). The index lists every app of the
 * guild, so commands of other applications are dropped; the result is keyed by command name.
 * Malformed input throws: a driver must not send interactions built from a half-read index.
 */
export function parseCommandIndex(
  json: unknown,
  applicationId: string = MIDJOURNEY_APPLICATION_ID,
): Map<string, SlashCommand> {
  if (!isRecord(json) || !Array.isArray(json.application_commands))
    throw new CommandIndexError('command index: expected an object with an application_commands array');
  const commands = new Map<string, SlashCommand>();
  json.application_commands.forEach((raw: unknown, i: number) => {
    if (!isRecord(raw)) throw new CommandIndexError(`command index: application_commands[${i}] is not an object`);
    if (raw.application_id !== applicationId) return;
    const { id, version, name, type } = raw;
    if (typeof id !== 'string' || typeof version !== 'string' || typeof name !== 'string' || typeof type !== 'number')
      throw new CommandIndexError(
        `command index: application_commands[${i}] needs string id, version, name and numeric type`,
      );
    commands.set(name, { id, version, name, type, applicationId });
  });
  return commands;
}

const INVALID_VERSION = 'INTERACTION_APPLICATION_COMMAND_INVALID_VERSION';

/**
 * A stale `data.version`/command id answers 400 + 50035 with this code somewhere in the nested
 * `errors` (§5.2); the message text is localized, so only codes are compared (§2.2).
 */
export function isInvalidCommandVersionError(status: number, body: unknown): boolean {
  if (status !== 400 || !isRecord(body) || body.code !== 50035) return false;
  return hasErrorCode(body.errors, INVALID_VERSION);
}

function hasErrorCode(node: unknown, code: string): boolean {
  if (!isRecord(node)) return false;
  const own = node._errors;
  if (Array.isArray(own) && own.some((e: unknown) => isRecord(e) && e.code === code)) return true;
  return Object.entries(node).some(([key, child]) => key !== '_errors' && hasErrorCode(child, code));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
