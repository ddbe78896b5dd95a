/** One Server-Sent Event as a client sees it. */
export interface SseEvent {
  id?: string;
  event: string;
  data: string;
}

export interface SseSession {
  status: number;
  headers: Headers;
  events: SseEvent[];
  /** Comment lines (`: heartbeat`). */
  comments: string[];
  /** Resolves when the server ends the stream. */
  closed: Promise<void>;
  /** Resolves once `n` events have arrived. */
  waitForEvents(n: number, timeoutMs?: number): Promise<SseEvent[]>;
  close(): void;
}

/** A minimal EventSource over fetch (Node has none built in), for tests. */
export async function openSse(url: string, headers: Record<string, string> = {}): Promise<SseSession> {
  const abort = new AbortController();
  const res = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: abort.signal });
  const events: SseEvent[] = [];
  const comments: string[] = [];
  const closed = (async () => {
    if (!res.body || !res.headers.get('content-type')?.startsWith('text/event-stream')) return;
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of res.body) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          parseFrame(buffer.slice(0, end), events, comments);
          buffer = buffer.slice(end + 2);
        }
      }
    } catch {
      // aborted by close()
    }
  })();
  return {
    status: res.status,
    headers: res.headers,
    events,
    comments,
    closed,
    async waitForEvents(n, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      while (events.length < n) {
        if (Date.now() > until) throw new Error(`only ${events.length} of ${n} events: ${JSON.stringify(events.map((e) => e.event))}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return events;
    },
    close: () => abort.abort(),
  };
}

function parseFrame(frame: string, events: SseEvent[], comments: string[]): void {
  const event: SseEvent = { event: 'message', data: '' };
  let hasData = false;
  for (const line of frame.split('\n')) {
    if (line.startsWith(':')) comments.push(line.slice(1).trim());
    else if (line.startsWith('id: ')) event.id = line.slice(4);
    else if (line.startsWith('event: ')) event.event = line.slice(7);
    else if (line.startsWith('data: ')) {
      event.data += (hasData ? '\n' : '') + line.slice(6);
      hasData = true;
    }
  }
  if (hasData) events.push(event);
}
