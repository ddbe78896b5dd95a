import { byId } from './dom.js';
import { isEditorModal, type Task } from './task-model.js';

/** The text (and for Vary (Region) a mask); cancel the task; or answer later (Escape). */
export type ModalAnswer = { prompt: string; maskBase64?: string } | 'cancel' | 'later';

/**
 * A mask for Vary (Region) (the editor's area, white = redraw) the size of the image: the page has
 * no drawing tool, so it asks Midjourney to redraw the middle half of the picture.
 */
function centreMask(width: number, height: number): string {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const g = canvas.getContext('2d')!;
  g.fillStyle = '#000';
  g.fillRect(0, 0, width, height);
  g.fillStyle = '#fff';
  g.fillRect(width / 4, height / 4, width / 2, height / 2);
  return canvas.toDataURL('image/png');
}

/**
 * A task waiting in MODAL (Remix mode, Custom Zoom, Vary (Region)): the dialog shows what
 * Midjourney asks with its prefilled text and resolves with the person's answer.
 */
export function askModal(task: Task, imageSize: { width: number; height: number } | undefined): Promise<ModalAnswer> {
  const dialog = byId<HTMLDialogElement>('modal-dialog');
  const text = byId<HTMLTextAreaElement>('modal-text');
  const modal = task.modal!;
  const editor = isEditorModal(modal);
  byId('modal-title').textContent = modal.title || (editor ? 'Vary (Region)' : 'Midjourney asks for text');
  byId('modal-note').textContent = editor
    ? 'The playground cannot draw a region: it asks Midjourney to redraw the middle of the image.'
    : 'Edit the text Midjourney prefilled, then submit.';
  text.value = modal.value ?? task.prompt;
  return new Promise((resolve) => {
    dialog.addEventListener(
      'close',
      () => {
        if (dialog.returnValue === 'cancel') return resolve('cancel');
        if (dialog.returnValue !== 'submit' || !text.value.trim()) return resolve('later');
        const mask = editor && imageSize ? { maskBase64: centreMask(imageSize.width, imageSize.height) } : {};
        resolve({ prompt: text.value.trim(), ...mask });
      },
      { once: true },
    );
    dialog.returnValue = '';
    dialog.showModal();
    text.focus();
  });
}
