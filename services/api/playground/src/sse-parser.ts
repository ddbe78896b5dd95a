/** One Server-Sent Event as the WHATWG event-stream format defines it. */
export interface SseMessage {
  /** The last `id:` seen so far in the stream (what a reconnect sends as Last-Event-ID). */
  id?: string;
  event: string;
  data: string;
}

/**
 * An incremental parser of `text/event-stream`: feed it text as it arrives, in chunks cut
 * anywhere, and it returns the events completed so far. The page reads the stream with fetch()
 * because EventSource cannot send the `x-api-key` header.
 */
export class SseParser {
  private buffer = '';
  private data: string[] = [];
  private event = '';
  private lastId: string | undefined;
  /** The server's `retry:` advice in ms, if it gave one. */
  retryMs: number | undefined;

  get lastEventId(): string | undefined {
    return this.lastId;
  }

  push(chunk: string): SseMessage[] {
    this.buffer += chunk;
    const out: SseMessage[] = [];
    let end: number;
    while ((end = this.buffer.indexOf('\n')) >= 0) {
      const line = this.buffer.slice(0, end).replace(/\r$/, '');
      this.buffer = this.buffer.slice(end + 1);
      const message = this.line(line);
      if (message) out.push(message);
    }
    return out;
  }

  private line(line: string): SseMessage | undefined {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return undefined;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'data') this.data.push(value);
    else if (field === 'event') this.event = value;
    else if (field === 'id' && !value.includes('\0')) this.lastId = value;
    else if (field === 'retry' && /^\d+$/.test(value)) this.retryMs = Number(value);
    return undefined;
  }

  private dispatch(): SseMessage | undefined {
    const data = this.data;
    const event = this.event || 'message';
    this.data = [];
    this.event = '';
    if (!data.length) return undefined;
    return { ...(this.lastId === undefined ? {} : { id: this.lastId }), event, data: data.join('\n') };
  }
}
