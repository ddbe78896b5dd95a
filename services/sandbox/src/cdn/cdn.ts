import { setTimeout as sleep } from 'node:timers/promises';
import type { FaultInjector } from '../faults/fault-injector.js';
import type { Reply } from '../http/http-io.js';
import { attachmentPath, type AttachmentStore } from './attachment-store.js';
import type { UrlSigner } from './url-signer.js';

/** `/attachments/{channel}/{id}/{file}`, and the same under `/media` for `proxy_url` (§6). */
const CDN_PATH = /^(?:\/media)?\/attachments\/(\d+)\/(\d+)\/([^/]+)$/;

/** §6: what Discord's CDN answers for an unknown, unsigned or expired link. */
const GONE: Reply = { status: 404, bytes: { data: Buffer.from('This content is no longer available.'), contentType: 'text/plain' } };

export class Cdn {
  constructor(
    private readonly files: AttachmentStore,
    private readonly signer: UrlSigner,
    /** The `cdn` fault (a slow, holding or gone CDN), read per download. */
    private readonly faults?: Pick<FaultInjector, 'cdnFault' | 'cdnGate'>,
  ) {}

  /** The reply for a CDN path, or undefined when `pathname` is not one. */
  async handle(method: string, pathname: string, query: URLSearchParams): Promise<Reply | undefined> {
    const m = CDN_PATH.exec(pathname);
    if (!m) return undefined;
    await this.faults?.cdnGate();
    const fault = this.faults?.cdnFault();
    if (fault?.delayMs) await sleep(fault.delayMs);
    if (fault?.gone) return GONE;
    if (method !== 'GET' && method !== 'HEAD') return { status: 405, body: { message: '405: Method Not Allowed', code: 0 } };
    const [, channelId, id, encodedName] = m as unknown as [string, string, string, string];
    const filename = safeDecode(encodedName);
    if (filename === undefined || !this.signer.verify(attachmentPath(channelId, id, filename), query)) return GONE;
    const file = this.files.find(channelId, id, filename);
    if (!file) return GONE;
    return { status: 200, bytes: { data: file.bytes, contentType: file.contentType }, headers: { 'Cache-Control': 'public, max-age=86400' } };
  }
}

function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}
