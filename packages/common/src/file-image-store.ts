import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { assertImageKey, assertImageSize, sniffImageType, type ImageStore, type StoredImage } from './image-store.js';

const isMissing = (err: unknown) => (err as NodeJS.ErrnoException).code === 'ENOENT';

/**
 * Images as files under one directory (IMAGE_STORE_DIR, .data/images by default; a volume every
 * replica mounts when they run on several machines), so they
 * cost no Redis memory. Every stored image is a PNG, JPEG, GIF or WebP (uploads are checked,
 * results come from Midjourney), so the type is read back from the bytes. Files older than the
 * TTL count as gone at once and are deleted by `sweep`, which the listener runs periodically.
 */
export class FileImageStore implements ImageStore {
  constructor(
    private readonly dir: string,
    private readonly ttlMs: number,
  ) {}

  private path(key: string): string {
    assertImageKey(key);
    return join(this.dir, ...key.split('/'));
  }

  async put(key: string, image: StoredImage): Promise<void> {
    assertImageSize(image);
    const path = this.path(key);
    await mkdir(dirname(path), { recursive: true });
    // Write then rename: a reader on another replica never sees half a file.
    const temp = `${path}.${randomUUID()}.tmp`;
    await writeFile(temp, image.data);
    await rename(temp, path);
  }

  async get(key: string): Promise<StoredImage | undefined> {
    const path = this.path(key);
    try {
      if (!(await this.fresh(path))) return undefined;
      const data = await readFile(path);
      return { data, contentType: sniffImageType(data) ?? 'application/octet-stream' };
    } catch (err) {
      if (isMissing(err)) return undefined;
      throw err;
    }
  }

  async stat(key: string): Promise<{ contentType: string; size: number } | undefined> {
    const path = this.path(key);
    try {
      const info = await this.fresh(path);
      if (!info) return undefined;
      const file = await open(path, 'r');
      try {
        const head = Buffer.alloc(16);
        const { bytesRead } = await file.read(head, 0, 16, 0);
        return { contentType: sniffImageType(head.subarray(0, bytesRead)) ?? 'application/octet-stream', size: info.size };
      } finally {
        await file.close();
      }
    } catch (err) {
      if (isMissing(err)) return undefined;
      throw err;
    }
  }

  async has(key: string): Promise<boolean> {
    return (await this.stat(key)) !== undefined;
  }

  async sweep(now = Date.now()): Promise<number> {
    return this.sweepDir(this.dir, now);
  }

  /** The file's stat while it counts as stored: a folder (`upload` of `upload/<uuid>/…`) is no image. */
  private async fresh(path: string, now = Date.now()) {
    const info = await stat(path);
    return !info.isFile() || now - info.mtimeMs > this.ttlMs ? undefined : info;
  }

  /** Depth-first: expired files (and stale temp files) go, then folders left empty. */
  private async sweepDir(dir: string, now: number): Promise<number> {
    let removed = 0;
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (err) {
      if (isMissing(err)) return 0;
      throw err;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        removed += await this.sweepDir(path, now);
        await rmdir(path).catch(() => undefined);
      } else if (!(await this.fresh(path, now).catch(() => undefined))) {
        await rm(path, { force: true });
        removed += 1;
      }
    }
    return removed;
  }
}
