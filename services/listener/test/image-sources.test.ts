import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resultFiles, type ImageStore, type Logger } from '@mjq/common';
import { discordImageSources } from '../src/image-sources.js';
import { downloadImage, DOWNLOAD_LIMITS, ImageSourceRefused, ResultImages } from '../src/result-image.js';
import { ImageServer } from './fixtures.js';

/**
 * A host on loopback: `/img/<name>` a PNG, `/big/<bytes>` a PNG that size, `/redirect?to=<url>`
 * a 302 there. Every request path is recorded, so a test can tell that a host was never asked.
 */
class Host {
  private server: Server | undefined;
  base = '';
  readonly requests: string[] = [];

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://host');
      this.requests.push(url.pathname);
      const [, route, arg] = url.pathname.split('/');
      const send = (body: Buffer) => res.writeHead(200, { 'content-type': 'image/png', 'content-length': body.length }).end(body);
      if (route === 'img' && arg) return send(ImageServer.png(arg));
      if (route === 'big' && arg) return send(Buffer.concat([ImageServer.png('big'), Buffer.alloc(Number(arg))]));
      if (route === 'redirect') return void res.writeHead(302, { location: url.searchParams.get('to') ?? '/' }).end();
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

// The sandbox's layout: Discord's REST and its CDN on the configured base, one host and port.
let discord: Host;
let elsewhere: Host;
let allowed: (url: URL) => boolean;

beforeAll(async () => {
  discord = await new Host().start();
  elsewhere = await new Host().start();
  allowed = discordImageSources(`${discord.base}/`);
});
afterAll(async () => {
  await discord.stop();
  await elsewhere.stop();
});

describe('discordImageSources', () => {
  it("allows the configured Discord base and Discord's CDN hosts, by exact origin", () => {
    const real = discordImageSources('https://discord.com');
    for (const url of ['https://cdn.discordapp.com/attachments/1/2/a.png?ex=1', 'https://media.discordapp.net/attachments/1/2/a.png', 'https://discord.com/x.png']) {
      expect(real(new URL(url)), url).toBe(true);
    }
    for (const url of [
      'http://cdn.discordapp.com/a.png',
      'https://cdn.discordapp.com:8443/a.png',
      'https://cdn.discordapp.com.evil.example/a.png',
      'https://evil.example/cdn.discordapp.com/a.png',
      'https://user@evil.example/a.png',
      'http://127.0.0.1:8090/attachments/a.png',
    ]) {
      expect(real(new URL(url)), url).toBe(false);
    }
    const sandbox = discordImageSources('http://127.0.0.1:8090');
    expect(sandbox(new URL('http://127.0.0.1:8090/attachments/1/2/a.png'))).toBe(true);
    expect(sandbox(new URL('http://127.0.0.1:8091/attachments/1/2/a.png'))).toBe(false);
    expect(sandbox(new URL('http://localhost:8090/attachments/1/2/a.png'))).toBe(false);
  });
});

describe('downloadImage from Discord only', () => {
  it('downloads from the allowed host, following a redirect that stays there', async () => {
    expect((await downloadImage(`${discord.base}/img/fox.png?ex=1`, allowed)).data.equals(ImageServer.png('fox.png'))).toBe(true);
    const hop = `${discord.base}/redirect?to=${encodeURIComponent(`${discord.base}/img/hop.png`)}`;
    expect((await downloadImage(hop, allowed)).data.equals(ImageServer.png('hop.png'))).toBe(true);
  });

  it('refuses another host without asking it', async () => {
    await expect(downloadImage(`${elsewhere.base}/img/fox.png`, allowed)).rejects.toThrow(ImageSourceRefused);
    await expect(downloadImage(`${discord.base.replace('127.0.0.1', 'localhost')}/img/fox.png`, allowed)).rejects.toThrow(ImageSourceRefused);
    expect(elsewhere.requests).toEqual([]);
  });

  it('refuses a redirect to another host before following it, and does not retry', async () => {
    const before = discord.requests.length;
    const away = `${discord.base}/redirect?to=${encodeURIComponent(`${elsewhere.base}/img/fox.png`)}`;
    await expect(downloadImage(away, allowed)).rejects.toThrow(ImageSourceRefused);
    expect(elsewhere.requests).toEqual([]);
    expect(discord.requests.slice(before)).toEqual(['/redirect']);
  });

  it('keeps the size cap on the allowed host', async () => {
    await expect(downloadImage(`${discord.base}/big/4096`, allowed, { ...DOWNLOAD_LIMITS, maxBytes: 1024 })).rejects.toThrow(RangeError);
  });
});

/** A result of one image at `url`, attached as `filename`. */
const imageFile = (taskId: string, url: string, filename: string) => resultFiles(taskId, { discordImageUrl: url, attachments: [{ url, filename }] });

describe('ResultImages with a refused source', () => {
  it("keeps Discord's link, stores nothing and warns", async () => {
    const stored: string[] = [];
    const warnings: { obj: Record<string, unknown>; msg: string }[] = [];
    const images = { put: async (key: string) => void stored.push(key) } as unknown as ImageStore;
    const log = { warn: (obj: Record<string, unknown>, msg: string) => void warnings.push({ obj, msg }) } as unknown as Logger;
    const results = new ResultImages({ images, publicUrl: (key) => `https://mjq.example.test/v1/images/${key}`, sources: allowed, log });

    const away = `${discord.base}/redirect?to=${encodeURIComponent(`${elsewhere.base}/img/fox.png`)}`;
    for (const url of [`${elsewhere.base}/img/fox.png`, away]) {
      expect(await results.fieldsFor('7', imageFile('7', url, 'fox.png'))).toEqual({ imageUrl: url, discordImageUrl: url });
    }
    expect(stored).toEqual([]);
    expect(warnings).toHaveLength(2);
    expect(warnings.map((w) => w.obj.err)).toEqual([expect.stringMatching(/refused/), expect.stringMatching(/redirect to .* refused/)]);
    expect(elsewhere.requests).toEqual([]);

    expect(await results.fieldsFor('8', imageFile('8', `${discord.base}/img/ok.png`, 'ok.png'))).toMatchObject({ imageUrl: expect.stringContaining('https://mjq.example.test/') });
    expect(stored).toHaveLength(1);
  });
});
