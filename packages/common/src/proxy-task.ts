import { isTerminal, type Task } from './task.js';

// midjourney-proxy's Task object (novicezk's Java server, trueai's C# one), as relays such as
// new-api decode it with Go's strict types: every string is a string (never a number, "" when
// unknown), times are epoch milliseconds (null until known), `progress` is a percentage string
// that is "100%" exactly when the task is terminal. Pure: the API answers it and the callback
// publisher posts it to a task's notifyHook.

export interface ProxyButton {
  customId: string;
  emoji: string;
  label: string;
  /** Discord component type: 2 = button. */
  type: number;
  style: number;
}

export interface ProxyTaskProperties {
  finalPrompt: string;
  finalZhPrompt: string;
  messageId: string;
  messageHash: string;
  nonce: string;
  /** The mjq account that ran it (the proxies' Discord instance). */
  discordInstanceId: string;
  /** The task's callback URL: present only for its owner. */
  notifyHook?: string;
  /** Extra: mjq's own failure code, when it failed. */
  failCode?: string;
  /** Extra: the numbered prompts of a describe or shorten result. */
  prompts?: string[];
}

export interface ProxyTask {
  id: string;
  action: string;
  customId: string;
  botType: string;
  prompt: string;
  promptEn: string;
  description: string;
  state: string;
  mode: string;
  submitTime: number;
  startTime: number | null;
  finishTime: number | null;
  imageUrl: string;
  status: string;
  progress: string;
  failReason: string;
  buttons: ProxyButton[];
  maskBase64: string;
  properties: ProxyTaskProperties;
}

/** Button labels Midjourney writes with an emoji only; the proxies show them as `emoji` + empty label. */
const BUTTON_TYPE = 2;

/**
 * The proxy's action name for a clicked custom_id: the names relays bill and display by
 * (UPSCALE, VARIATION, REROLL, ZOOM, PAN, INPAINT, …). An unknown button stays ACTION.
 */
export function proxyActionOfCustomId(customId: string): string {
  if (/^MJ::JOB::upsample/.test(customId)) return 'UPSCALE';
  if (/^MJ::JOB::(low_|high_)?variation/.test(customId)) return 'VARIATION';
  if (/^MJ::JOB::reroll/.test(customId)) return 'REROLL';
  if (/^MJ::JOB::pan_/.test(customId)) return 'PAN';
  if (/^MJ::(Outpaint|CustomZoom)::/.test(customId)) return 'ZOOM';
  if (/^MJ::Inpaint::/.test(customId)) return 'INPAINT';
  if (/^MJ::Job::(PicReader|PromptAnalyzer)::/.test(customId)) return 'IMAGINE';
  return 'ACTION';
}

export function proxyAction(task: Pick<Task, 'action' | 'customId'>): string {
  switch (task.action) {
    case 'ACTION':
    case 'MODAL':
      return task.customId ? proxyActionOfCustomId(task.customId) : 'ACTION';
    case 'UPLOAD':
    case 'MESSAGE':
      return 'UPLOAD';
    default:
      return task.action;
  }
}

/** "0%" … "100%"; exactly "100%" once the task is terminal (relays stop polling on it). */
export function proxyProgress(task: Pick<Task, 'status' | 'progress'>): string {
  if (isTerminal(task.status)) return '100%';
  return `${Math.min(Math.max(Math.trunc(task.progress), 0), 99)}%`;
}

const DESCRIPTIONS: Record<Task['status'], string> = {
  NOT_START: 'Waiting to be submitted',
  SUBMITTED: 'Submitted',
  MODAL: 'Waiting for window confirm',
  IN_PROGRESS: 'In progress',
  SUCCESS: 'Success',
  FAILURE: 'Failure',
  CANCEL: 'Cancelled',
};

function modeName(mode: Task['mode']): string {
  return mode ? mode.toUpperCase() : '';
}

/**
 * The Task object for a task. `owner`: whether the caller owns the task (its notifyHook is shown
 * only then). A failed task always has a failReason; any other has "".
 */
export function proxyTaskView(task: Task, options: { owner?: boolean } = {}): ProxyTask {
  const failed = task.status === 'FAILURE' || task.status === 'CANCEL';
  const properties: ProxyTaskProperties = {
    finalPrompt: task.modal?.prompt ?? task.prompt,
    finalZhPrompt: '',
    messageId: task.messageId ?? '',
    messageHash: task.messageHash ?? '',
    nonce: task.nonce ?? '',
    discordInstanceId: task.accountId ?? '',
  };
  if (options.owner && task.callbackUrl) properties.notifyHook = task.callbackUrl;
  if (task.failCode) properties.failCode = task.failCode;
  if (task.prompts?.length) properties.prompts = task.prompts;
  return {
    id: task.id,
    action: proxyAction(task),
    customId: task.customId ?? '',
    botType: task.botType ?? 'MID_JOURNEY',
    prompt: task.prompt,
    promptEn: task.prompt,
    description: task.action === 'DESCRIBE' && task.prompts?.length ? task.prompts.join('\n\n') : DESCRIPTIONS[task.status],
    state: task.state ?? '',
    mode: modeName(task.mode),
    submitTime: task.submitTime,
    startTime: task.startTime ?? null,
    finishTime: task.finishTime ?? (isTerminal(task.status) ? task.submitTime : null),
    imageUrl: task.imageUrl ?? '',
    status: task.status,
    progress: proxyProgress(task),
    failReason: failed ? task.failReason || (task.status === 'CANCEL' ? 'cancelled' : 'failed') : '',
    buttons: task.buttons.map((b) => ({ customId: b.customId, emoji: b.emoji ?? '', label: b.label ?? '', type: BUTTON_TYPE, style: b.style ?? 2 })),
    maskBase64: '',
    properties,
  };
}

/** What list-by-condition answers for an id that names no task the caller may see (relays stop asking). */
export function proxyMissingTask(id: string, now = Date.now()): ProxyTask {
  return {
    id,
    action: '',
    customId: '',
    botType: '',
    prompt: '',
    promptEn: '',
    description: 'Task not found',
    state: '',
    mode: '',
    submitTime: now,
    startTime: null,
    finishTime: now,
    imageUrl: '',
    status: 'FAILURE',
    progress: '100%',
    failReason: 'task not found or expired',
    buttons: [],
    maskBase64: '',
    properties: { finalPrompt: '', finalZhPrompt: '', messageId: '', messageHash: '', nonce: '', discordInstanceId: '' },
  };
}
