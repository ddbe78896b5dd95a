import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type DiscordMessage, type Sandbox } from '../src/index.js';
import { errorBody, pngBytes, upload } from './action-helpers.js';
import { BOT_INTENTS, eventually, identifyBot, imagine, RawGateway, resultOf, userHeaders } from './helpers.js';

describe('uploads (§2.4)', () => {
  let sandbox: Sandbox;
  let listener: RawGateway;
  const api = (path: string) => `${sandbox.apiBase}/v9${path}`;
  const post = (path: string, body: unknown) => fetch(api(path), { method: 'POST', headers: userHeaders(sandbox), body: JSON.stringify(body) });

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, speed: 'instant' });
    listener = await RawGateway.open(sandbox.gatewayUrl);
    identifyBot(listener, sandbox, BOT_INTENTS);
    await listener.dispatch('READY');
  });
  afterEach(async () => {
    await fetch(`${sandbox.url}/_sandbox/reset`, { method: 'POST' });
  });
  afterAll(async () => {
    listener.close();
    await sandbox.stop();
  });

  it('hands out upload slots on itself and echoes each file id as sent', async () => {
    const res = await post(`/channels/${sandbox.channelId}/attachments`, {
      files: [
        { id: '0', filename: 'cat.png', file_size: 52341 },
        { id: 1, filename: 'dog.png', file_size: 10 },
      ],
    });
    expect(res.status).toBe(200);
    const { attachments } = (await res.json()) as { attachments: Array<{ id: unknown; upload_filename: string; upload_url: string }> };
    expect(attachments.map((a) => a.id)).toEqual(['0', 1]);
    expect(attachments[0]!.upload_filename).toMatch(/^[0-9a-f-]{36}\/cat\.png$/);
    expect(attachments[0]!.upload_url).toBe(`${sandbox.url}/upload/${attachments[0]!.upload_filename}?upload_id=${new URL(attachments[0]!.upload_url).searchParams.get('upload_id')}`);

    const wrongId = await fetch(attachments[0]!.upload_url.replace(/upload_id=[^&]+/, 'upload_id=nope'), { method: 'PUT', body: pngBytes(1) });
    expect(wrongId.status).toBe(404);
    const put = await fetch(attachments[0]!.upload_url, { method: 'PUT', headers: { 'Content-Type': 'image/png' }, body: pngBytes(1) });
    expect(put.status).toBe(200);
  });

  it('refuses bad slot requests and files over 25 MB', async () => {
    const cases: Array<[unknown, object]> = [
      [{}, { status: 400, code: 50035, inner: 'BASE_TYPE_REQUIRED' }],
      [{ files: [{ id: '0' }] }, { status: 400, code: 50035, inner: 'BASE_TYPE_REQUIRED' }],
      [{ files: [{ id: '0', filename: 'huge.png', file_size: 26 * 1024 * 1024 }] }, { status: 413, code: 40005 }],
    ];
    for (const [body, expected] of cases) expect(await errorBody(await post(`/channels/${sandbox.channelId}/attachments`, body)), JSON.stringify(body)).toEqual(expected);
    expect((await post('/channels/42/attachments', { files: [{ filename: 'a.png' }] })).status).toBe(404);

    const slot = (await (await post(`/channels/${sandbox.channelId}/attachments`, { files: [{ id: '0', filename: 'big.bin' }] })).json()) as {
      attachments: Array<{ upload_url: string }>;
    };
    const tooBig = await fetch(slot.attachments[0]!.upload_url, { method: 'PUT', body: Buffer.alloc(25 * 1024 * 1024 + 1) });
    expect(tooBig.status).toBe(413);
  });

  it('posts an uploaded image as a message with a signed CDN link, broadcast as MESSAGE_CREATE', async () => {
    const bytes = pngBytes(7, 120, 80);
    const slot = await upload(sandbox, 'cat.png', bytes);
    const res = await post(`/channels/${sandbox.channelId}/messages`, {
      content: '',
      nonce: '1290000000000000077',
      channel_id: sandbox.channelId,
      type: 0,
      sticker_ids: [],
      attachments: [{ id: '0', filename: 'cat.png', uploaded_filename: slot.upload_filename }],
    });
    expect(res.status).toBe(200);
    const message = (await res.json()) as DiscordMessage;
    expect(message).toMatchObject({ author: { id: sandbox.userId }, nonce: '1290000000000000077' });
    const [attachment] = message.attachments;
    expect(attachment).toMatchObject({ filename: 'cat.png', size: bytes.length, width: 120, height: 80, content_type: 'image/png' });
    expect(attachment!.url).toMatch(new RegExp(`^${sandbox.url}/attachments/${sandbox.channelId}/\\d+/cat\\.png\\?ex=[0-9a-f]+&is=[0-9a-f]+&hm=[0-9a-f]+&$`));
    expect(Buffer.from(await (await fetch(attachment!.url)).arrayBuffer()).equals(bytes)).toBe(true);
    const seen = await listener.dispatch('MESSAGE_CREATE', (d) => d.id === message.id);
    expect(seen.d.attachments[0].url).toBe(attachment!.url);

    // The link works as an image prompt, shown as an s.mj.run short link (§4.2).
    await imagine(sandbox, `${attachment!.url} a cat in a hat`);
    const result = await eventually(() => sandbox.state.messages.all().find((s) => !s.deleted && s.message.components.length > 0)?.message);
    expect(result.content).toMatch(new RegExp(`^\\*\\*<https://s\\.mj\\.run/\\w+> a cat in a hat\\*\\* - <@${sandbox.userId}> \\(fast\\)$`));
  });

  it('refuses messages naming uploads it does not have', async () => {
    const slot = (await (await post(`/channels/${sandbox.channelId}/attachments`, { files: [{ id: '0', filename: 'empty.png' }] })).json()) as {
      attachments: Array<{ upload_filename: string }>;
    };
    const cases = ['00000000-0000-0000-0000-000000000000/cat.png', slot.attachments[0]!.upload_filename /* never PUT */];
    for (const uploaded_filename of cases) {
      const res = await post(`/channels/${sandbox.channelId}/messages`, { content: '', attachments: [{ id: '0', filename: 'cat.png', uploaded_filename }] });
      expect(await errorBody(res)).toEqual({ status: 400, code: 50035, inner: 'ATTACHMENT_NOT_FOUND' });
    }
  });

  it('refreshes CDN links: a new signature that works, other links unchanged', async () => {
    await imagine(sandbox, 'refresh me');
    const { url, proxy_url } = (await eventually(() => resultOf(sandbox, 'refresh me'))).attachments[0]!;
    const expired = url.replace(/ex=[0-9a-f]+/, 'ex=1');
    expect((await fetch(expired)).status).toBe(404);
    const res = await post('/attachments/refresh-urls', { attachment_urls: [expired, proxy_url, 'https://example.com/x.png'] });
    const { refreshed_urls } = (await res.json()) as { refreshed_urls: Array<{ original: string; refreshed: string }> };
    expect(refreshed_urls.map((r) => r.original)).toEqual([expired, proxy_url, 'https://example.com/x.png']);
    expect(refreshed_urls[0]!.refreshed.split('?')[0]).toBe(url.split('?')[0]);
    expect((await fetch(refreshed_urls[0]!.refreshed)).status).toBe(200);
    expect(refreshed_urls[1]!.refreshed).toContain('/media/attachments/');
    expect((await fetch(refreshed_urls[1]!.refreshed)).status).toBe(200);
    expect(refreshed_urls[2]!.refreshed).toBe('https://example.com/x.png');
    expect((await post('/attachments/refresh-urls', { attachment_urls: 'nope' })).status).toBe(400);
  });

  it('holds CDN downloads under the cdn fault until it is lifted, and answers 404 under cdn.gone', async () => {
    await imagine(sandbox, 'slow cdn');
    const { url } = (await eventually(() => resultOf(sandbox, 'slow cdn'))).attachments[0]!;
    const fresh = Buffer.from(await (await fetch(url)).arrayBuffer());
    sandbox.configure({ faults: { cdn: { hold: true } } });
    let answered = false;
    const held = fetch(url).then(async (res) => {
      answered = true;
      return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()) };
    });
    await eventually(() => sandbox.state.snapshot().faults?.cdnHeld === 1 || undefined);
    expect(answered).toBe(false);
    sandbox.configure({ faults: { cdn: { gone: true } } });
    expect((await held).status).toBe(404);
    expect((await fetch(url)).status).toBe(404);
    sandbox.configure({ faults: { cdn: null } });
    const after = await fetch(url);
    expect(after.status).toBe(200);
    expect(Buffer.from(await after.arrayBuffer()).equals(fresh)).toBe(true);
  });
});
