import { createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import WebSocket, { WebSocketServer, type RawData } from 'ws';

/**
 * A man in the middle for tests: everything mjq says to "Discord" (the sandbox) passes through
 * here and is recorded as it left mjq — method, path, headers, body, time — and gateway
 * WebSockets are piped both ways with every frame the client sends recorded. Point mjq at
 * `proxy.url` (DISCORD_API_URL, MJ_ACTIVITY_URL). The sandbox hands out its own address (the
 * gateway URL of GET /gateway, READY's resume_gateway_url, upload and attachment URLs), which
 * would let later traffic bypass the proxy: answers and gateway frames have it rewritten to the
 * proxy's.
 */

export interface RecordedRequest {
  /** When the request arrived (ms since epoch). */
  at: number;
  method: string;
  /** Path and query, e.g. `/api/v9/interactions`. */
  path: string;
  headers: IncomingHttpHeaders;
  /** Parsed JSON when it parses, else the text (text types) or the bytes; undefined when empty. */
  body: unknown;
  /** The answer's status; undefined while pending or when the upstream cut the connection. */
  status?: number;
}

export interface RecordedFrame {
  at: number;
  /** The client's frame, parsed (gateway frames are JSON text). */
  data: unknown;
}

export interface RecordedSocket {
  at: number;
  path: string;
  /** The client's handshake headers (User-Agent, Origin, …). */
  headers: IncomingHttpHeaders;
  /** Every frame the client sent, in order. */
  frames: RecordedFrame[];
  /** The code the socket ended with, as the proxy saw it from either side. */
  closeCode?: number;
}

export class RecordingProxy {
  readonly requests: RecordedRequest[] = [];
  readonly sockets: RecordedSocket[] = [];
  private readonly wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  private readonly live = new Set<WebSocket>();
  private rewrite: (text: string) => string = (text) => text;

  private constructor(
    private readonly server: Server,
    private readonly target: URL,
  ) {}

  /** Listens on a free loopback port, forwarding to `target` (a base URL such as `sandbox.url`). */
  static async start(target: string): Promise<RecordingProxy> {
    const server = createServer();
    const proxy = new RecordingProxy(server, new URL(target));
    server.on('request', (req, res) => void proxy.forward(req, res).catch(() => res.socket?.destroy()));
    server.on('upgrade', (req, socket, head) => proxy.upgrade(req, socket as Duplex, head));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const own = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // Not followed by a digit: the sandbox on :4123 must not rewrite a link to :41234.
    const upstreamUrl = new RegExp(`(http|ws)://${escapeRegExp(proxy.target.host)}(?!\\d)`, 'g');
    const host = new URL(own).host;
    proxy.rewrite = (text) => text.replace(upstreamUrl, (_match, scheme: string) => `${scheme}://${host}`);
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** REST calls made with this raw Authorization value (a user token, or `Bot <token>`). */
  requestsWithAuth(authorization: string): RecordedRequest[] {
    return this.requests.filter((r) => r.headers.authorization === authorization);
  }

  /** Gateway sockets whose IDENTIFY or RESUME carried this token. */
  socketsOf(token: string): RecordedSocket[] {
    return this.sockets.filter((s) => s.frames.some((f) => [2, 6].includes(frameOp(f)) && frameData(f)?.token === token));
  }

  /** The `POST …/interactions` of this token, in order: time and body (nonce, session_id, data …). */
  interactions(token: string): { at: number; status?: number; body: Record<string, unknown> }[] {
    return this.requestsWithAuth(token)
      .filter((r) => r.method === 'POST' && /\/interactions$/.test(r.path))
      .map((r) => ({ at: r.at, status: r.status, body: r.body as Record<string, unknown> }));
  }

  clear(): void {
    this.requests.length = 0;
    this.sockets.length = 0;
  }

  async stop(): Promise<void> {
    for (const ws of this.live) ws.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async forward(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const record: RecordedRequest = { at: Date.now(), method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body: undefined };
    this.requests.push(record);
    const raw = await readAll(req);
    record.body = decodeBody(raw, req.headers['content-type']);
    const headers = { ...req.headers, host: this.target.host, 'content-length': String(raw.length) };
    delete headers['transfer-encoding'];
    const upstream = httpRequest(new URL(record.path, this.target), { method: record.method, headers }, (answer) => {
      readAll(answer).then(
        (bytes) => {
          record.status = answer.statusCode;
          const body = isText(answer.headers) ? Buffer.from(this.rewrite(bytes.toString('utf8'))) : bytes;
          const out: IncomingHttpHeaders = { ...answer.headers, 'content-length': String(body.length) };
          delete out['transfer-encoding'];
          if (!body.length) delete out['content-length'];
          res.writeHead(answer.statusCode ?? 502, out);
          res.end(body);
        },
        () => res.socket?.destroy(),
      );
    });
    // The upstream cut the connection (a fault): so does the proxy, so the client sees the same.
    upstream.on('error', () => res.socket?.destroy());
    upstream.end(raw);
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const record: RecordedSocket = { at: Date.now(), path: req.url ?? '/', headers: req.headers, frames: [] };
    this.sockets.push(record);
    const forwarded = pick(req.headers, ['user-agent', 'origin', 'accept-language']);
    const upstream = new WebSocket(new URL(record.path, this.target.origin.replace(/^http/, 'ws')), { headers: forwarded, perMessageDeflate: false });
    // The server speaks first (HELLO), maybe before the client's side is accepted: hold it until then.
    const early: string[] = [];
    let client: WebSocket | undefined;
    upstream.on('message', (data: RawData) => {
      const text = this.rewrite(data.toString());
      if (client) client.send(text);
      else early.push(text);
    });
    upstream.on('error', () => (client ? client.terminate() : socket.destroy()));
    upstream.once('open', () => {
      this.wss.handleUpgrade(req, socket, head, (ws) => {
        client = ws;
        this.live.add(ws);
        for (const text of early.splice(0)) ws.send(text);
        ws.on('message', (data: RawData) => {
          record.frames.push({ at: Date.now(), data: parseJson(data.toString()) });
          if (upstream.readyState === WebSocket.OPEN) upstream.send(data.toString());
        });
        ws.on('close', (code) => {
          this.live.delete(ws);
          record.closeCode ??= code;
          closeLike(upstream, code);
        });
        ws.on('error', () => undefined);
        upstream.on('close', (code, reason) => {
          record.closeCode ??= code;
          closeLike(ws, code, reason.toString());
        });
      });
    });
  }
}

/** Decodes an `X-Super-Properties` header (base64 of JSON). */
export function decodeSuperProperties(header: string | string[] | undefined): Record<string, unknown> | undefined {
  if (typeof header !== 'string') return undefined;
  return JSON.parse(Buffer.from(header, 'base64').toString('utf8')) as Record<string, unknown>;
}

/** The `d` of a socket's first IDENTIFY (op 2). */
export function identifyOf(socket: RecordedSocket): Record<string, unknown> | undefined {
  const frame = socket.frames.find((f) => frameOp(f) === 2);
  return frame ? frameData(frame) : undefined;
}

/** Milliseconds between consecutive times, e.g. of `proxy.interactions(token).map((i) => i.at)`. */
export function gapsMs(times: number[]): number[] {
  return times.slice(1).map((t, i) => t - times[i]!);
}

const frameOp = (f: RecordedFrame): number => (f.data as { op?: number } | undefined)?.op ?? -1;
const frameData = (f: RecordedFrame): Record<string, unknown> | undefined => (f.data as { d?: Record<string, unknown> } | undefined)?.d;

/** Close codes 1005/1006 only describe a socket; they cannot be sent, so the other side is cut instead. */
function closeLike(ws: WebSocket, code: number, reason?: string): void {
  if (ws.readyState === WebSocket.CLOSED || ws.readyState === WebSocket.CLOSING) return;
  if (code === 1005 || code === 1006 || code === 1015) ws.terminate();
  else ws.close(code, reason);
}

async function readAll(stream: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks);
}

function isText(headers: IncomingHttpHeaders): boolean {
  return !headers['content-encoding'] && /json|text/.test(headers['content-type'] ?? '');
}

function decodeBody(raw: Buffer, contentType: string | undefined): unknown {
  if (raw.length === 0) return undefined;
  const parsed = parseJson(raw.toString('utf8'));
  if (parsed !== undefined) return parsed;
  return /json|text/.test(contentType ?? '') ? raw.toString('utf8') : raw;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function pick(headers: IncomingHttpHeaders, names: string[]): Record<string, string> {
  return Object.fromEntries(names.flatMap((n) => (typeof headers[n] === 'string' ? [[n, headers[n]]] : [])));
}
