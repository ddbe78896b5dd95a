import type { UploadStore } from '../cdn/upload-store.js';
import type { CommandFile } from '../interaction.js';
import type { CommandOption, SlashCommand } from '../midjourney/commands.js';

export type OptionsCheck =
  | { ok: true; options: Record<string, unknown>; subcommand?: string; files: Record<string, CommandFile> }
  | { ok: false; path: string[]; code: string; message: string };

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const fail = (path: string[], code: string, message: string): OptionsCheck => ({ ok: false, path, code, message });

/**
 * A slash command's `data.options` checked against its definition, as Discord does before the app
 * sees it (§3.2, §5.2): no unknown options (a 6th /blend image has no option to go in), required
 * ones present, strings as strings, choices respected, and every attachment option (type 11)
 * pointing at a `data.attachments` entry whose `uploaded_filename` this user uploaded (§2.4).
 */
export function checkCommandOptions(command: SlashCommand, data: Json, userId: string, uploads: UploadStore): OptionsCheck {
  const options: Json = {};
  let subcommand: string | undefined;
  for (const option of Array.isArray(data.options) ? data.options : []) {
    if (!isRecord(option) || typeof option.name !== 'string') return fail(['data', 'options'], 'DICT_TYPE_CONVERT', 'Options must be objects with a name.');
    const spec = command.options.find((o) => o.name === option.name);
    if (!spec) return fail(['data', 'options'], 'INTERACTION_APPLICATION_COMMAND_OPTION_INVALID', `Unknown option ${option.name}`);
    if (spec.type === 1) subcommand = spec.name;
    options[option.name] = spec.type === 1 ? (option.options ?? []) : option.value;
  }
  for (const spec of command.options) {
    const problem = checkValue(spec, options[spec.name]);
    if (problem) return problem;
  }
  const files: Record<string, CommandFile> = {};
  for (const spec of command.options.filter((o) => o.type === 11 && options[o.name] !== undefined)) {
    const file = attachedFile(data.attachments, options[spec.name], userId, uploads);
    if ('ok' in file) return file;
    files[spec.name] = file;
  }
  return { ok: true, options, ...(subcommand ? { subcommand } : {}), files };
}

function checkValue(spec: CommandOption, value: unknown): OptionsCheck | undefined {
  if (value === undefined) return spec.required ? fail(['data', 'options'], 'BASE_TYPE_REQUIRED', `Option ${spec.name} is required`) : undefined;
  if (spec.type === 3 && typeof value !== 'string') return fail(['data', 'options'], 'BASE_TYPE_STRING', `Option ${spec.name} must be a string`);
  if (spec.choices && !spec.choices.some((c) => c.value === value)) {
    return fail(['data', 'options'], 'BASE_TYPE_CHOICES', `Value must be one of ${spec.choices.map((c) => c.value).join(', ')}.`);
  }
  return undefined;
}

/** An option's value is the `id` of a `data.attachments` entry, sent as a number or a string (§3.2). */
function attachedFile(attachments: unknown, id: unknown, userId: string, uploads: UploadStore): CommandFile | OptionsCheck {
  const list = Array.isArray(attachments) ? attachments : [];
  const index = list.findIndex((a) => isRecord(a) && a.id !== undefined && String(a.id) === String(id));
  const entry = list[index] as Json | undefined;
  if (!entry) return fail(['data', 'attachments'], 'ATTACHMENT_NOT_FOUND', `No attachment with id ${String(id)}`);
  const uploaded = uploads.uploaded(entry.uploaded_filename, userId);
  if (!uploaded) return fail(['data', 'attachments', String(index), 'uploaded_filename'], 'ATTACHMENT_NOT_FOUND', 'Unknown uploaded file.');
  const filename = typeof entry.filename === 'string' && entry.filename !== '' ? entry.filename : uploaded.filename;
  return { filename, contentType: uploaded.contentType, bytes: uploaded.bytes };
}
