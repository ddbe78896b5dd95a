import { failTask, type AccountRegistry, type Logger, type ModalState, type Task, type TaskEventPublisher, type TaskStore } from '@mjq/common';

/**
 * INTERACTION_MODAL_CREATE / INTERACTION_IFRAME_MODAL_CREATE `d`, as far as we read it (sandbox
 * README, "Modals and Remix mode"; protocol §3.4). The iframe form has no components.
 */
interface ModalCreate {
  id?: string;
  nonce?: string | number;
  custom_id?: string;
  title?: string;
  components?: { type?: number; components?: { type?: number; custom_id?: string; value?: string }[] }[];
}

export interface ModalOpenedDeps {
  store: TaskStore;
  events: TaskEventPublisher;
  /** A captcha modal disables its account, as the same refusal in a message does (account-health.ts). */
  registry: Pick<AccountRegistry, 'disable'>;
  log: Logger;
  /** Gives a task in MODAL its text and enqueues the submit (tasks whose client never answers a Remix modal). */
  submitModal?: (task: Task, prompt: string) => Promise<void>;
}

/**
 * A Remix modal (not Custom Zoom's, which needs the client's zoom, nor Vary (Region)'s editor,
 * which needs its mask): one the proxy API's clients never answer, submitted with its own text.
 */
export function autoSubmittable(task: Pick<Task, 'autoModal'>, modal: Pick<ModalState, 'customId'>): boolean {
  return task.autoModal === true && !modal.customId.startsWith('MJ::iframe::') && !/CustomZoom/i.test(modal.customId);
}

/** Text input component type. */
const TEXT_INPUT = 4;

/**
 * Midjourney answered a click with a modal (Remix mode, Custom Zoom, describe/shorten picks) and
 * sent no message: the task waits in MODAL for the client's text, and the client learns it from
 * the `modal` callback. The modal's ids are what the dispatcher's submit needs. Returns the task
 * when this call applied the change (replicas and both sessions race; one wins). `accountId` is
 * the account whose session received the event.
 */
export async function onModalOpened(deps: ModalOpenedDeps, data: unknown, accountId?: string): Promise<Task | undefined> {
  const d = (data ?? {}) as ModalCreate;
  const iframe = d.custom_id?.startsWith('MJ::iframe::') ?? false;
  const input = d.components?.flatMap((row) => row.components ?? []).find((c) => c.type === TEXT_INPUT && c.custom_id);
  if (!d.id || d.nonce === undefined || !d.custom_id || (!iframe && !input?.custom_id)) {
    deps.log.warn({ interactionId: d.id, customId: d.custom_id }, 'modal without the ids a submit needs: ignored');
    return undefined;
  }
  const taskId = await deps.store.findByNonce(String(d.nonce));
  if (!taskId) {
    deps.log.debug({ interactionId: d.id }, 'modal of an interaction that is not ours');
    return undefined;
  }
  // The same iframe event titled "Action required to continue" is a captcha, not an editor (§3.4).
  if (iframe && /action required/i.test(d.title ?? '')) {
    await onCaptcha(deps, taskId, d.title ?? '', accountId);
    return undefined;
  }
  const modal: ModalState = { interactionId: d.id, customId: d.custom_id, inputId: input?.custom_id, title: d.title, value: input?.value };
  const applied = await deps.store.apply(taskId, { status: 'MODAL', fields: { modal, interactionId: d.id } }, { callbackLease: deps.events.lease(taskId) });
  if (!applied) return undefined;
  deps.log.info({ taskId, customId: d.custom_id, revision: applied.revision }, 'task waits for its modal input');
  await deps.events.publish('modal', applied);
  if (deps.submitModal && autoSubmittable(applied.task, modal)) {
    await deps.submitModal(applied.task, modal.value || applied.task.prompt);
    deps.log.info({ taskId }, 'remix modal submitted with its own prompt');
  }
  return applied.task;
}

/**
 * Every further task on the account would meet the same captcha: the account is disabled until a
 * human solves it and an admin re-enables it. Disabled first, so that no replica sends there
 * meanwhile, and by every replica that sees the event (idempotent), so that a replica dying after
 * failing the task cannot leave the account enabled.
 */
async function onCaptcha(deps: ModalOpenedDeps, taskId: string, title: string, sessionAccountId: string | undefined): Promise<void> {
  const accountId = sessionAccountId ?? (await deps.store.get(taskId))?.accountId;
  if (accountId) {
    await deps.registry.disable(accountId, `action_needed: captcha required (Midjourney's "${title}" modal); solve it in Discord, then enable the account`);
    deps.log.error({ accountId, taskId, failCode: 'action_needed' }, 'account disabled: Midjourney asks for a captcha');
  } else {
    deps.log.warn({ taskId }, 'captcha modal for a task without an account: nothing to disable');
  }
  await failTask(deps.store, deps.events, taskId, 'action_needed', `Midjourney asks for a captcha: ${title}`);
}
