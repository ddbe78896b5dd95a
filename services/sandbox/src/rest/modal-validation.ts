import type { ModalSubmitInteraction } from '../interaction.js';
import type { ModalRegistry } from '../modal-registry.js';
import { errorReply, invalidFormBody, UnknownInteraction } from './errors.js';
import type { Validation } from './interaction-validation.js';

type Json = Record<string, unknown>;
type Base = Pick<ModalSubmitInteraction, 'user' | 'guildId' | 'channelId' | 'sessionId' | 'nonce'>;

const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Type 5 (§3.4): `data.id` must be a modal this user has open (the id from INTERACTION_MODAL_CREATE /
 * INTERACTION_SUCCESS) — unknown, someone else's or expired is 404 10062 — `data.custom_id` the
 * modal's own and its text input filled in. An accepted submit closes the modal.
 */
export function validateModalSubmit(data: Json, base: Base, modals: ModalRegistry): Validation {
  const modal = modals.find(data.id, base.user.id);
  if (!modal) return { ok: false, reply: errorReply(UnknownInteraction), code: UnknownInteraction.code };
  if (data.custom_id !== modal.customId) return formError(['data', 'custom_id'], 'COMPONENT_VALIDATION_FAILED', 'Component validation failed');
  const values = inputValues(data.components);
  const value = values[modal.input.customId];
  if (value === undefined || value.trim() === '') return formError(['data', 'components'], 'BASE_TYPE_REQUIRED', 'This field is required');
  modals.close(modal.id);
  return { ok: true, interaction: { ...base, kind: 'modal', customId: modal.customId, values, modal } };
}

/** `components` is a list of action rows holding text inputs (type 4) with `custom_id` and `value`. */
function inputValues(rows: unknown): Record<string, string> {
  const values: Record<string, string> = {};
  for (const row of Array.isArray(rows) ? rows : []) {
    const inputs: unknown[] = isRecord(row) && Array.isArray(row.components) ? row.components : [];
    for (const input of inputs) {
      if (isRecord(input) && typeof input.custom_id === 'string' && typeof input.value === 'string') values[input.custom_id] = input.value;
    }
  }
  return values;
}

function formError(path: string[], code: string, message: string): Validation {
  return { ok: false, reply: invalidFormBody(path, code, message), code };
}
