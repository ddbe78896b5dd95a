import type { Attachment } from '../discord-types.js';
import type { SnowflakeGenerator } from '../ids.js';
import type { UrlSigner } from './url-signer.js';

export interface StoredFile {
  channelId: string;
  filename: string;
  contentType: string;
  bytes: Buffer;
}

/** Images have dimensions (§6); other files have none. */
export interface NewFile extends StoredFile {
  width?: number;
  height?: number;
}

/** `/attachments/{channel}/{id}/{file}`, and the same under `/media` for `proxy_url` (§6). */
const ATTACHMENT_PATH = /^(\/media)?\/attachments\/(\d+)\/(\d+)\/([^/]+)$/;

/**
 * Bytes behind every attachment the sandbox hands out. `url` and `proxy_url` are absolute on the
 * sandbox itself (§6: clients pass non-Discord hosts through unchanged); the media-proxy form,
 * `media.discordapp.net` on Discord, lives under `/media` here because both share one host.
 */
export class AttachmentStore {
  private readonly files = new Map<string, StoredFile>();

  constructor(
    private readonly baseUrl: string,
    private readonly ids: SnowflakeGenerator,
    private readonly signer: UrlSigner,
  ) {}

  put(file: NewFile): Attachment {
    const id = this.ids.next();
    const { width, height, ...stored } = file;
    this.files.set(id, stored);
    const path = attachmentPath(file.channelId, id, file.filename);
    const query = this.signer.query(path);
    return {
      id,
      filename: file.filename,
      size: file.bytes.length,
      url: `${this.baseUrl}${path}${query}`,
      proxy_url: `${this.baseUrl}/media${path}${query}`,
      ...(width !== undefined && height !== undefined ? { width, height } : {}),
      content_type: file.contentType,
    };
  }

  /**
   * The file a link of ours points at, when the link is still valid (signed, not expired): what
   * Midjourney would get by downloading it, e.g. a `/describe link:` to an earlier result.
   */
  open(url: string): StoredFile | undefined {
    const link = this.parse(url);
    if (!link || !this.signer.verify(link.path, link.query)) return undefined;
    return this.find(link.channelId, link.id, link.filename);
  }

  /** Whether a link is a CDN link of ours at all, valid or not. */
  owns(url: string): boolean {
    return this.parse(url) !== undefined;
  }

  /**
   * `POST /attachments/refresh-urls` (§6): the same link signed anew, expired or not, keeping the
   * CDN or media-proxy form; undefined for links to nothing we stored.
   */
  refresh(url: string): string | undefined {
    const link = this.parse(url);
    if (!link || !this.find(link.channelId, link.id, link.filename)) return undefined;
    return `${this.baseUrl}${link.media ? '/media' : ''}${link.path}${this.signer.query(link.path)}`;
  }

  /** The file at `/attachments/{channelId}/{id}/{filename}`, if all three match. */
  find(channelId: string, id: string, filename: string): StoredFile | undefined {
    const file = this.files.get(id);
    return file && file.channelId === channelId && file.filename === filename ? file : undefined;
  }

  clear(): void {
    this.files.clear();
  }

  private parse(url: string): { path: string; query: URLSearchParams; media: boolean; channelId: string; id: string; filename: string } | undefined {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return undefined;
    }
    if (parsed.origin !== new URL(this.baseUrl).origin) return undefined;
    const m = ATTACHMENT_PATH.exec(parsed.pathname);
    if (!m) return undefined;
    const [, media, channelId, id, encoded] = m as unknown as [string, string | undefined, string, string, string];
    let filename: string;
    try {
      filename = decodeURIComponent(encoded);
    } catch {
      return undefined;
    }
    return { path: attachmentPath(channelId, id, filename), query: parsed.searchParams, media: media !== undefined, channelId, id, filename };
  }
}

export function attachmentPath(channelId: string, id: string, filename: string): string {
  return `/attachments/${channelId}/${id}/${encodeURIComponent(filename)}`;
}
