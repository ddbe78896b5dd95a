import { buttonViews, type ButtonView } from './buttons.js';
import { byId, el } from './dom.js';
import { failureText } from './error-words.js';
import { isTerminal, statusText, type Task } from './task-model.js';

export interface TaskViewActions {
  click(task: Task, button: ButtonView, image: HTMLImageElement): void;
  cancel(task: Task): void;
  /** Open the dialog again for a task waiting in MODAL. */
  answer(task: Task): void;
}

/** The task on show: progress, live preview, final image, prompts and the result's buttons. */
export class TaskView {
  private readonly section = byId('task');
  private readonly progress = byId<HTMLProgressElement>('task-progress');
  private readonly image = byId<HTMLImageElement>('task-image');
  private readonly buttons = byId('task-buttons');
  private readonly cancelButton = byId<HTMLButtonElement>('task-cancel');
  private readonly answerButton = byId<HTMLButtonElement>('task-answer');
  private shown: Task | undefined;
  private buttonsKey = '';

  constructor(private readonly actions: TaskViewActions) {
    this.cancelButton.addEventListener('click', () => this.shown && this.actions.cancel(this.shown));
    this.answerButton.addEventListener('click', () => this.shown && this.actions.answer(this.shown));
  }

  get current(): Task | undefined {
    return this.shown;
  }

  show(task: Task): void {
    const fresh = this.shown?.id !== task.id;
    this.shown = task;
    this.section.hidden = false;
    this.section.dataset.taskId = task.id;
    this.section.dataset.status = task.status;
    byId('task-title').textContent = `${task.action.toLowerCase()} · task ${task.id}`;
    byId('task-prompt').textContent = task.prompt;
    this.progress.value = task.status === 'SUCCESS' ? 100 : task.progress;
    this.progress.setAttribute('aria-valuetext', statusText(task));
    byId('task-status').textContent = statusText(task);
    const failure = byId('task-failure');
    failure.hidden = task.status !== 'FAILURE';
    failure.textContent = task.status === 'FAILURE' ? failureText(task.failCode, task.failReason) : '';
    this.cancelButton.hidden = isTerminal(task.status);
    this.answerButton.hidden = task.status !== 'MODAL';
    this.showImage(task, fresh);
    this.showPrompts(task.prompts ?? []);
    this.showButtons(task);
    if (fresh) this.section.scrollIntoView({ block: 'nearest' });
  }

  private showImage(task: Task, fresh: boolean): void {
    const figure = byId('task-figure');
    if (fresh) this.image.removeAttribute('src');
    figure.hidden = !task.imageUrl;
    if (!task.imageUrl) return;
    const final = task.status === 'SUCCESS';
    this.image.alt = final ? `Result of “${task.prompt || task.action.toLowerCase()}”` : `Preview at ${task.progress}%`;
    byId('task-caption').textContent = final ? 'Result' : `Preview (${task.progress}%)`;
    if (this.image.getAttribute('src') !== task.imageUrl) this.image.src = task.imageUrl;
  }

  private showPrompts(prompts: string[]): void {
    const list = byId('task-prompts');
    list.hidden = !prompts.length;
    list.replaceChildren(...prompts.map((p) => el('li', {}, p)));
  }

  /** Rebuilt only when the buttons change, so keyboard focus is not lost on every progress event. */
  private showButtons(task: Task): void {
    const views = task.status === 'SUCCESS' ? buttonViews(task.buttons) : [];
    const key = `${task.id}|${views.map((v) => v.customId || v.url).join('|')}`;
    if (key === this.buttonsKey) return;
    this.buttonsKey = key;
    this.buttons.hidden = !views.length;
    this.buttons.replaceChildren(
      ...views.map((view) => {
        if (view.kind === 'link') return el('a', { href: view.url ?? '#', target: '_blank', rel: 'noopener', 'aria-label': view.name }, view.text);
        const button = el('button', { type: 'button', 'data-custom-id': view.customId }, view.text);
        if (view.name !== view.text) button.setAttribute('aria-label', view.name);
        button.addEventListener('click', () => this.shown && this.actions.click(this.shown, view, this.image));
        return button;
      }),
    );
  }
}
