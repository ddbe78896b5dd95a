import { PNG } from 'pngjs';
import { pollUntil } from './poll.js';

/** The task record as GET /v1/tasks/{id} shows it (the fields the tests read). */
export interface TaskBody {
  id: string;
  action: string;
  status: string;
  prompt: string;
  progress: number;
  parentId?: string;
  index?: number;
  customId?: string;
  imageUrl?: string;
  discordImageUrl?: string;
  messageId?: string;
  messageHash?: string;
  content?: string;
  nonce?: string;
  prompts?: string[];
  modal?: { customId: string; inputId: string; value?: string };
  failCode?: string;
  failReason?: string;
  buttons: { customId: string; label?: string }[];
}

export interface Answer {
  status: number;
  body: Record<string, unknown> & { trigger_id?: string; code?: string; upload_filename?: string; picurl?: string };
}

/** A small real PNG whose pixels depend on `seed`, so two uploads never share bytes. */
export function makePng(seed: number, size = 32): Buffer {
  const png = new PNG({ width: size, height: size });
  for (let i = 0; i < size * size; i++) {
    png.data[i * 4] = (seed * 37 + i) % 256;
    png.data[i * 4 + 1] = (seed * 91 + (i >> 3)) % 256;
    png.data[i * 4 + 2] = (seed * 13) % 256;
    png.data[i * 4 + 3] = 255;
  }
  return PNG.sync.write(png);
}

/** A client of mjq's REST API, as a user's program would call it. */
export class MjqClient {
  constructor(readonly url: string) {}

  async post(path: string, body: unknown): Promise<Answer> {
    const res = await fetch(`${this.url}/v1/api/trigger/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as Answer['body'] };
  }

  /** POST and expect acceptance; returns the trigger_id. */
  async trigger(path: string, body: unknown): Promise<string> {
    const answer = await this.post(path, body);
    if (answer.status !== 200 || !answer.body.trigger_id) throw new Error(`${path} refused: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body.trigger_id;
  }

  async upload(data: Buffer | undefined, filename = 'image.png', type = 'image/png'): Promise<Answer> {
    const form = new FormData();
    if (data) form.append('file', new Blob([data], { type }), filename);
    const res = await fetch(`${this.url}/v1/api/trigger/upload`, { method: 'POST', body: form });
    return { status: res.status, body: (await res.json()) as Answer['body'] };
  }

  async uploaded(data: Buffer, filename = 'image.png'): Promise<{ uploadFilename: string; triggerId: string }> {
    const answer = await this.upload(data, filename);
    if (answer.status !== 200) throw new Error(`upload refused: ${answer.status} ${JSON.stringify(answer.body)}`);
    return { uploadFilename: answer.body.upload_filename!, triggerId: answer.body.trigger_id! };
  }

  async task(id: string): Promise<TaskBody> {
    return (await (await fetch(`${this.url}/v1/tasks/${id}`)).json()) as TaskBody;
  }

  async until(id: string, statuses: string[], timeoutMs = 30_000): Promise<TaskBody> {
    return pollUntil(() => this.task(id), (t) => statuses.includes(t.status), timeoutMs);
  }

  /** Waits for a terminal status and requires SUCCESS (a failure's reason shows in the error). */
  async succeeded(id: string, timeoutMs = 30_000): Promise<TaskBody> {
    const task = await this.until(id, ['SUCCESS', 'FAILURE', 'CANCEL'], timeoutMs);
    if (task.status !== 'SUCCESS') throw new Error(`task ${id} ended ${task.status}: ${task.failCode} ${task.failReason}`);
    return task;
  }

  async fetchImage(url: string): Promise<Buffer> {
    const res = await fetch(url);
    if (res.status !== 200) throw new Error(`GET ${url}: ${res.status}`);
    return Buffer.from(await res.arrayBuffer());
  }
}
