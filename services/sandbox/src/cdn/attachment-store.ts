import type { Attachment } from '../discord-types.js';
import type { SnowflakeGenerator } from '../ids.js';
import type { UrlSigner } from './url-signer.js';

export interface StoredFile {
  channelId: string;
  filename: string;
  contentType: string;
  bytes: Buffer;
}

export interface NewFile extends StoredFile {
  width: number;
  height: number;
}

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
      width,
      height,
      content_type: file.contentType,
    };
  }

  /** The file at `/attachments/{channelId}/{id}/{filename}`, if all three match. */
  find(channelId: string, id: string, filename: string): StoredFile | undefined {
    const file = this.files.get(id);
    return file && file.channelId === channelId && file.filename === filename ? file : undefined;
  }

  clear(): void {
    this.files.clear();
  }
}

export function attachmentPath(channelId: string, id: string, filename: string): string {
  return `/attachments/${channelId}/${id}/${encodeURIComponent(filename)}`;
}
