import { ApiError, MjqApi, type TriggerAnswer } from './api-client.js';
import type { ButtonView } from './buttons.js';
import { byId } from './dom.js';
import { askModal } from './modal-dialog.js';
import { parseRecent, remember, unfinished, type RecentTask } from './recent-tasks.js';
import { RecentView } from './recent-view.js';
import { isTerminal, statusText, type Task } from './task-model.js';
import { TaskView } from './task-view.js';

// The page's wiring: forms → mjq's public API → the task view and the recent list. Everything it
// does, a client program can do with the same routes (see the README).

const RECENT_KEY = 'mjq.playground.recent';
/** How often tasks in the recent list other than the one on show are looked up until they end. */
const OTHERS_POLL_MS = 5_000;

const api = new MjqApi();
const recentView = new RecentView((id) => void guard(() => show(id)));
const view = new TaskView({
  click: (task, button, image) => void guard(() => click(task, button, image)),
  cancel: (task) => void guard(async () => onTask(await api.cancel(task.id))),
  answer: (task) => void guard(() => answer(task)),
});
let recent: RecentTask[] = parseRecent(localStorage.getItem(RECENT_KEY));
let currentId: string | undefined;
let following: AbortController | undefined;
/** The last clicked result's size: a Vary (Region) mask must match it. */
let clickedImage: { width: number; height: number } | undefined;
const asked = new Set<string>();

function notice(text: string): void {
  byId('notice').textContent = text;
}

function showError(err: unknown): void {
  const box = byId('error');
  box.textContent = err instanceof ApiError ? err.message : `Something went wrong: ${String(err)}`;
  box.hidden = false;
}

/** Runs a user action: clears the last error, shows a new one in words, keeps the page alive. */
async function guard(action: () => Promise<void>): Promise<void> {
  byId('error').hidden = true;
  try {
    await action();
  } catch (err) {
    notice('');
    showError(err);
  }
}

function record(task: Task): void {
  recent = remember(recent, task);
  localStorage.setItem(RECENT_KEY, JSON.stringify(recent));
  recentView.render(recent);
}

function onTask(task: Task): void {
  record(task);
  if (task.id !== currentId) return;
  view.show(task);
  // Announced once (the status region is polite); progress itself is on the labelled <progress>.
  if (isTerminal(task.status)) notice(`${task.action.toLowerCase()} task ${task.id}: ${statusText(task)}.`);
  if (task.status === 'MODAL' && !asked.has(task.id)) void guard(() => answer(task));
}

/** Shows a task and follows it live until it ends (only the task on show keeps a stream open). */
async function show(id: string): Promise<void> {
  following?.abort();
  const follow = (following = new AbortController());
  currentId = id;
  await api.follow(id, onTask, follow.signal);
}

async function started(answer: Promise<TriggerAnswer>, what: string): Promise<void> {
  notice(`Sending ${what}…`);
  const { trigger_id } = await answer;
  notice(`${what[0]!.toUpperCase()}${what.slice(1)} queued as task ${trigger_id}.`);
  // Followed in the background: the caller is done once the task is queued.
  void guard(() => show(trigger_id));
}

async function click(task: Task, button: ButtonView, image: HTMLImageElement): Promise<void> {
  clickedImage = image.naturalWidth ? { width: image.naturalWidth, height: image.naturalHeight } : undefined;
  await started(api.trigger('action', { trigger_id: task.id, custom_id: button.customId }), `“${button.name}”`);
}

async function answer(task: Task): Promise<void> {
  asked.add(task.id);
  const reply = await askModal(task, clickedImage);
  if (reply === 'later') return;
  if (reply === 'cancel') return onTask(await api.cancel(task.id));
  try {
    await api.trigger('modal', { trigger_id: task.id, ...reply });
    notice(`Text sent for task ${task.id}.`);
  } catch (err) {
    asked.delete(task.id);
    throw err;
  }
}

function chosenFiles(input: HTMLInputElement): File[] {
  return Array.from(input.files ?? []);
}

async function imagine(form: HTMLFormElement): Promise<void> {
  const prompt = byId<HTMLTextAreaElement>('prompt').value.trim();
  const [image] = chosenFiles(byId<HTMLInputElement>('image-prompt'));
  let picurl: string | undefined;
  if (image) {
    notice('Uploading the image prompt…');
    const upload = await api.upload(image);
    notice('Posting the image prompt to Discord…');
    ({ picurl } = await api.trigger<TriggerAnswer & { picurl: string }>('message', { upload_filename: upload.upload_filename }));
  }
  await started(api.trigger('imagine', { prompt, ...(picurl ? { picurl } : {}) }), 'the imagine');
  form.reset();
}

async function describeOrBlend(op: string): Promise<void> {
  const files = chosenFiles(byId<HTMLInputElement>('images'));
  if (op === 'describe' && files.length !== 1) throw new ApiError(400, 'MISSING_FILE', 'Choose one image to describe.');
  if (op === 'blend' && (files.length < 2 || files.length > 5)) throw new ApiError(400, 'MISSING_FILE', 'Choose 2 to 5 images to blend.');
  notice(`Uploading ${files.length === 1 ? 'the image' : `${files.length} images`}…`);
  const uploads = [];
  for (const file of files) uploads.push(await api.upload(file));
  if (op === 'describe') {
    const first = uploads[0]!;
    return started(api.trigger('describe', { upload_filename: first.upload_filename, trigger_id: first.trigger_id }), 'the describe');
  }
  const dimensions = byId<HTMLSelectElement>('dimensions').value;
  await started(api.trigger('blend', { upload_filenames: uploads.map((u) => u.upload_filename), ...(dimensions ? { dimensions } : {}) }), 'the blend');
}

/** Disables a form's buttons until its task is queued, so a double press sends one task. */
async function busyWhile(form: HTMLFormElement, action: () => Promise<void>): Promise<void> {
  const buttons = Array.from(form.querySelectorAll('button'));
  buttons.forEach((b) => (b.disabled = true));
  form.setAttribute('aria-busy', 'true');
  try {
    await action();
  } finally {
    buttons.forEach((b) => (b.disabled = false));
    form.removeAttribute('aria-busy');
  }
}

function wireForms(): void {
  const keyInput = byId<HTMLInputElement>('api-key');
  keyInput.value = api.key;
  byId<HTMLFormElement>('key-form').addEventListener('submit', (e) => {
    e.preventDefault();
    api.key = keyInput.value.trim();
    notice(api.key ? 'API key saved in this browser.' : 'API key removed from this browser.');
  });
  const imagineForm = byId<HTMLFormElement>('imagine-form');
  imagineForm.addEventListener('submit', (e) => {
    e.preventDefault();
    void guard(() => busyWhile(imagineForm, () => imagine(imagineForm)));
  });
  const imagesForm = byId<HTMLFormElement>('images-form');
  imagesForm.addEventListener('submit', (e) => {
    e.preventDefault();
    const op = (e.submitter as HTMLButtonElement | null)?.value ?? 'describe';
    void guard(() => busyWhile(imagesForm, () => describeOrBlend(op)));
  });
  byId('clear-recent').addEventListener('click', () => {
    recent = [];
    localStorage.removeItem(RECENT_KEY);
    recentView.render(recent);
  });
}

function forget(id: string): void {
  recent = recent.filter((t) => t.id !== id);
  localStorage.setItem(RECENT_KEY, JSON.stringify(recent));
  recentView.render(recent);
}

/** Tasks still running in the list, except the one on show, are looked up now and then. */
async function pollOthers(): Promise<void> {
  for (const id of unfinished(recent)) {
    if (id === currentId) continue;
    try {
      record(await api.task(id));
    } catch (err) {
      // Expired (tasks live TASK_TTL_DAYS); anything else is tried again next round.
      if (err instanceof ApiError && err.status === 404) forget(id);
    }
  }
  setTimeout(() => void pollOthers(), OTHERS_POLL_MS);
}

wireForms();
recentView.render(recent);
void pollOthers();
