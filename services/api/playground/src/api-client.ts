import { apiErrorText, type ApiErrorBody } from './error-words.js';
import { SseParser } from './sse-parser.js';
import { isTerminal, type Task } from './task-model.js';

const KEY_STORAGE = 'mjq.playground.apiKey';
/** Reconnects in a row without a single event before the page gives up following a task. */
const MAX_SILENT_RECONNECTS = 5;

/** A refused or failed request, with the API's code and the words the page shows. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

export interface TriggerAnswer {
  trigger_id: string;
  trigger_type: string;
}

export interface UploadAnswer extends TriggerAnswer {
  upload_filename: string;
  upload_url: string;
}

async function errorOf(res: Response): Promise<ApiError> {
  const body = (await res.json().catch(() => undefined)) as ApiErrorBody | undefined;
  return new ApiError(res.status, body?.code, apiErrorText(res.status, body));
}

const networkError = () => new ApiError(0, 'NETWORK', apiErrorText(0, { code: 'NETWORK' }));

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });
}

/** mjq's public API as this page uses it: same origin, the key typed into the page as `x-api-key`. */
export class MjqApi {
  get key(): string {
    return localStorage.getItem(KEY_STORAGE) ?? '';
  }

  set key(value: string) {
    if (value) localStorage.setItem(KEY_STORAGE, value);
    else localStorage.removeItem(KEY_STORAGE);
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return this.key ? { 'x-api-key': this.key, ...extra } : extra;
  }

  private async send<T>(path: string, init: RequestInit): Promise<T> {
    let res: Response;
    try {
      res = await fetch(path, init);
    } catch (err) {
      if (init.signal?.aborted) throw err;
      throw networkError();
    }
    if (!res.ok) throw await errorOf(res);
    return (await res.json()) as T;
  }

  /** POST /v1/api/trigger/{route} with a JSON body. */
  trigger<T extends TriggerAnswer = TriggerAnswer>(route: string, body: object): Promise<T> {
    return this.send<T>(`/v1/api/trigger/${route}`, { method: 'POST', headers: this.headers({ 'content-type': 'application/json' }), body: JSON.stringify(body) });
  }

  upload(file: File): Promise<UploadAnswer> {
    const form = new FormData();
    form.append('file', file, file.name);
    return this.send<UploadAnswer>('/v1/api/trigger/upload', { method: 'POST', headers: this.headers(), body: form });
  }

  task(id: string): Promise<Task> {
    return this.send<Task>(`/v1/tasks/${encodeURIComponent(id)}`, { headers: this.headers() });
  }

  cancel(id: string): Promise<Task> {
    return this.send<Task>(`/v1/tasks/${encodeURIComponent(id)}/cancel`, { method: 'POST', headers: this.headers() });
  }

  /**
   * Follows GET /v1/tasks/{id}/events until the task ends, calling `onTask` with each state. The
   * stream is read with fetch() since EventSource cannot send the key header; a stream cut
   * before the end (a proxy, a restart) is resumed after the last event seen (Last-Event-ID).
   */
  async follow(id: string, onTask: (task: Task) => void, signal: AbortSignal): Promise<Task | undefined> {
    let lastEventId: string | undefined;
    let retryMs = 3_000;
    for (let silent = 0; silent < MAX_SILENT_RECONNECTS && !signal.aborted; silent++) {
      const headers = this.headers({ accept: 'text/event-stream', ...(lastEventId ? { 'last-event-id': lastEventId } : {}) });
      const res = await fetch(`/v1/tasks/${encodeURIComponent(id)}/events`, { headers, signal }).catch(() => undefined);
      if (signal.aborted) return undefined;
      if (res && !res.ok) throw await errorOf(res);
      if (res?.body) {
        const parser = new SseParser();
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        for (;;) {
          const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true as const }));
          if (done) break;
          for (const message of parser.push(value)) {
            silent = -1;
            lastEventId = parser.lastEventId ?? lastEventId;
            const task = JSON.parse(message.data) as Task;
            onTask(task);
            if (isTerminal(task.status)) {
              await reader.cancel().catch(() => undefined);
              return task;
            }
          }
        }
        retryMs = parser.retryMs ?? retryMs;
      }
      await pause(retryMs, signal);
    }
    if (signal.aborted) return undefined;
    throw networkError();
  }
}
