import type { TaskButton } from './buttons.js';

/** The task as GET /v1/tasks/{id} and the SSE `data:` show it (the fields the page reads). */
export interface Task {
  id: string;
  action: string;
  status: 'NOT_START' | 'SUBMITTED' | 'MODAL' | 'IN_PROGRESS' | 'SUCCESS' | 'FAILURE' | 'CANCEL';
  prompt: string;
  progress: number;
  imageUrl?: string;
  messageId?: string;
  messageHash?: string;
  buttons: TaskButton[];
  prompts?: string[];
  modal?: { customId: string; inputId?: string; title?: string; value?: string };
  failCode?: string;
  failReason?: string;
  submitTime: number;
}

export function isTerminal(status: Task['status']): boolean {
  return status === 'SUCCESS' || status === 'FAILURE' || status === 'CANCEL';
}

const STATUS_WORDS: Record<Task['status'], string> = {
  NOT_START: 'Queued',
  SUBMITTED: 'Sent to Midjourney',
  MODAL: 'Waiting for your text',
  IN_PROGRESS: 'Generating',
  SUCCESS: 'Done',
  FAILURE: 'Failed',
  CANCEL: 'Cancelled',
};

export function statusText(task: Pick<Task, 'status' | 'progress'>): string {
  const words = STATUS_WORDS[task.status] ?? task.status;
  return task.status === 'IN_PROGRESS' ? `${words} ${task.progress}%` : words;
}

/** Vary (Region) opens Midjourney's editor, which needs a mask, not a text field (protocol §3.4). */
export function isEditorModal(modal: NonNullable<Task['modal']>): boolean {
  return modal.customId.startsWith('MJ::iframe::');
}
