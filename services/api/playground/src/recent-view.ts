import { byId, el } from './dom.js';
import { failureText } from './error-words.js';
import type { RecentTask } from './recent-tasks.js';
import { statusText } from './task-model.js';

/** The list of tasks this browser submitted: each entry opens its task. */
export class RecentView {
  private readonly list = byId('recent');

  constructor(private readonly open: (id: string) => void) {}

  render(tasks: RecentTask[]): void {
    byId('recent-empty').hidden = tasks.length > 0;
    this.list.replaceChildren(...tasks.map((t) => this.entry(t)));
  }

  private entry(task: RecentTask): HTMLLIElement {
    const item = el('li', { 'data-task-id': task.id, 'data-status': task.status });
    const button = el('button', { type: 'button', class: 'recent-open' });
    if (task.imageUrl) button.append(el('img', { src: task.imageUrl, alt: '', loading: 'lazy', width: '64', height: '64' }));
    else button.append(el('span', { class: 'thumb-none', 'aria-hidden': 'true' }));
    const text = el('span', { class: 'recent-text' });
    text.append(
      el('strong', {}, `${task.action.toLowerCase()} · ${statusText(task)}`),
      el('span', { class: 'recent-prompt' }, task.prompt || `task ${task.id}`),
    );
    if (task.status === 'FAILURE') text.append(el('span', { class: 'recent-failure' }, failureText(task.failCode, task.failReason)));
    button.append(text);
    button.addEventListener('click', () => this.open(task.id));
    item.append(button);
    return item;
  }
}
