import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, DEFAULT_BROWSER_IDENTITY, mergeBrowserIdentity } from '@mjq/common';
import { failureLogFields } from '@mjq/discord';
import { DiscordEdgeBlocked, DiscordRateLimited, DiscordRejected, DiscordUnavailable, InteractionOutcomeUnknown } from '../src/discord-errors.js';
import { DiscordRest, parseRateLimitHeaders } from '../src/discord-rest.js';

// A stand-in for Discord's REST edge: the true boundary of the dispatcher.
type Reply = { status: number; body?: unknown; headers?: Record<string, string>; text?: string };
let next: Reply = { status: 204 };
let seen: { method?: string; url?: string; auth?: string; body?: string; headers?: IncomingMessage['headers'] } = {};
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      seen = { method: req.method, url: req.url, auth: req.headers.authorization, body: data, headers: req.headers };
      res.writeHead(next.status, { 'content-type': next.text === undefined ? 'application/json' : 'text/plain; charset=UTF-8', ...next.headers });
      res.end(next.text ?? (next.body === undefined ? '' : JSON.stringify(next.body)));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('DiscordRest', () => {
  const rest = () => new DiscordRest(base, 'user-token');

  it('posts interactions to /api/v9 with the raw user token and accepts 204', async () => {
    next = { status: 204 };
    await rest().postInteraction({ type: 2 });
    expect(seen).toMatchObject({ method: 'POST', url: '/api/v9/interactions', auth: 'user-token', body: '{"type":2}' });
  });

  it('turns 429 into DiscordRateLimited using retry_after (seconds → ms) and the global flag', async () => {
    next = { status: 429, body: { message: 'You are being rate limited.', retry_after: 1.337, global: false }, headers: { 'retry-after': '2' } };
    await expect(rest().postInteraction({})).rejects.toMatchObject({ constructor: DiscordRateLimited, retryAfterMs: 1337, global: false });
    next = { status: 429, body: { retry_after: 0.5 }, headers: { 'retry-after': '1', 'x-ratelimit-global': 'true' } };
    await expect(rest().postInteraction({})).rejects.toMatchObject({ retryAfterMs: 500, global: true });
  });

  it('falls back to the Retry-After header when the body has no retry_after', async () => {
    next = { status: 429, headers: { 'retry-after': '3' } };
    await expect(rest().postInteraction({})).rejects.toMatchObject({ retryAfterMs: 3000 });
  });

  it('turns other 4xx into DiscordRejected carrying the body', async () => {
    const body = { code: 50035, message: 'Invalid Form Body' };
    next = { status: 400, body };
    const err = await rest().postInteraction({}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DiscordRejected);
    expect(err).toMatchObject({ status: 400, body });
  });

  it('turns 5xx and network errors into DiscordUnavailable', async () => {
    next = { status: 502, body: { message: 'bad gateway' } };
    await expect(rest().postInteraction({})).rejects.toBeInstanceOf(DiscordUnavailable);
    await expect(new DiscordRest('http://127.0.0.1:1', 't').postInteraction({})).rejects.toBeInstanceOf(DiscordUnavailable);
  });

  it('reads the guild command index', async () => {
    next = { status: 200, body: { application_commands: [] } };
    expect(await rest().getCommandIndex('1100000000000000001')).toEqual({ application_commands: [] });
    expect(seen.url).toBe('/api/v9/guilds/1100000000000000001/application-command-index');
  });
});

describe('DiscordRest uploads (§2.4)', () => {
  const rest = () => new DiscordRest(base, 'user-token');

  it('asks for upload slots with the files\' sizes and returns them', async () => {
    const attachments = [{ id: '0', upload_filename: 'u-1/cat.png', upload_url: `${base}/upload/u-1/cat.png?upload_id=x` }];
    next = { status: 200, body: { attachments } };
    expect(await rest().requestUploadSlots('1100000000000000002', [{ id: '0', filename: 'cat.png', fileSize: 123 }])).toEqual(attachments);
    expect(seen).toMatchObject({ method: 'POST', url: '/api/v9/channels/1100000000000000002/attachments', auth: 'user-token' });
    expect(JSON.parse(seen.body ?? '')).toEqual({ files: [{ id: '0', filename: 'cat.png', file_size: 123 }] });
  });

  it('refuses a slot answer that does not match the files', async () => {
    next = { status: 200, body: { attachments: [] } };
    await expect(rest().requestUploadSlots('1', [{ id: '0', filename: 'a.png', fileSize: 1 }])).rejects.toBeInstanceOf(DiscordUnavailable);
  });

  it('PUTs raw bytes to the signed URL without the Discord token', async () => {
    next = { status: 200 };
    await rest().putUpload(`${base}/upload/u-1/cat.png?upload_id=x`, Buffer.from('PNGDATA'), 'image/png');
    expect(seen).toMatchObject({ method: 'PUT', url: '/upload/u-1/cat.png?upload_id=x', auth: undefined, body: 'PNGDATA' });
    next = { status: 413, body: { code: 40005 } };
    await expect(rest().putUpload(`${base}/upload/x`, Buffer.from('x'), 'image/png')).rejects.toBeInstanceOf(DiscordRejected);
  });

  it('posts a message made of uploaded files', async () => {
    next = { status: 200, body: { id: '1300000000000000001', attachments: [{ id: '9', filename: 'cat.png', url: 'https://cdn/cat.png' }] } };
    const message = await rest().postMessage('1100000000000000002', [{ id: '0', filename: 'cat.png', uploaded_filename: 'u-1/cat.png' }]);
    expect(message.id).toBe('1300000000000000001');
    expect(seen.url).toBe('/api/v9/channels/1100000000000000002/messages');
    expect(JSON.parse(seen.body ?? '')).toEqual({ content: '', attachments: [{ id: '0', filename: 'cat.png', uploaded_filename: 'u-1/cat.png' }] });
  });
});

describe('DiscordRest as a browser (§1.5)', () => {
  const firefox = mergeBrowserIdentity(DEFAULT_BROWSER_IDENTITY, {
    browser_user_agent: 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
    system_locale: 'de-DE',
  });
  const rest = () => new DiscordRest(base, 'user-token', firefox);
  const superProperties = () => JSON.parse(Buffer.from(String(seen.headers?.['x-super-properties']), 'base64').toString('utf8')) as unknown;

  it('sends the identity on every Discord call: User-Agent, X-Super-Properties, X-Discord-Locale, Accept-Language', async () => {
    next = { status: 204 };
    await rest().postInteraction({ type: 2 });
    expect(seen.headers).toMatchObject({ 'user-agent': firefox.browser_user_agent, 'x-discord-locale': 'de-DE', 'accept-language': 'de-DE,de;q=0.9' });
    expect(superProperties()).toEqual(firefox);
    next = { status: 200, body: { application_commands: [] } };
    await rest().getCommandIndex('1100000000000000001');
    expect(seen.headers?.['user-agent']).toBe(firefox.browser_user_agent);
    expect(superProperties()).toEqual(firefox);
  });

  it('sends only the browser\'s own headers to upload storage and the activity host, and no token', async () => {
    next = { status: 200 };
    await rest().putUpload(`${base}/upload/u-1/cat.png?upload_id=x`, Buffer.from('PNGDATA'), 'image/png');
    expect(seen.headers).toMatchObject({ 'user-agent': firefox.browser_user_agent, 'accept-language': 'de-DE,de;q=0.9' });
    expect(seen.headers?.['x-super-properties']).toBeUndefined();
    await rest().submitInpaint(base, { customId: 'x', prompt: 'p', mask: 'AA==' });
    expect(seen).toMatchObject({ url: '/inpaint/api/submit-job', auth: undefined });
    expect(seen.headers?.['user-agent']).toBe(firefox.browser_user_agent);
  });

  it('never sends got\'s User-Agent, even without an identity given', async () => {
    next = { status: 204 };
    await new DiscordRest(base, 'user-token').postInteraction({});
    expect(seen.headers?.['user-agent']).toBe(DEFAULT_BROWSER_IDENTITY.browser_user_agent);
  });
});

describe('403s told apart (§5.2)', () => {
  const rest = () => new DiscordRest(base, 'user-token');

  it('a non-JSON 403 is the edge blocking the client: DiscordEdgeBlocked, naming the rule', async () => {
    next = { status: 403, text: 'error code: 1010' };
    const err = await rest().postInteraction({}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DiscordEdgeBlocked);
    expect(err).toMatchObject({ status: 403, excerpt: 'error code: 1010' });
    next = { status: 403, text: '<html><body><h1>Access denied</h1><p>error code: 1020</p></body></html>', headers: { 'content-type': 'text/html' } };
    await expect(rest().getCommandIndex('1')).rejects.toMatchObject({ constructor: DiscordEdgeBlocked, excerpt: 'error code: 1020' });
  });

  it('Discord\'s JSON 403 stays a refusal of the account: DiscordRejected with its code', async () => {
    next = { status: 403, body: { message: 'Missing Access', code: 50001 } };
    await expect(rest().postInteraction({})).rejects.toMatchObject({ constructor: DiscordRejected, status: 403, body: { code: 50001 } });
  });

  it('a non-JSON 403 from upload storage is its own refusal, not the edge', async () => {
    next = { status: 403, text: '<?xml version="1.0"?><Error><Code>SignatureDoesNotMatch</Code></Error>' };
    await expect(rest().putUpload(`${base}/upload/x`, Buffer.from('x'), 'image/png')).rejects.toBeInstanceOf(DiscordRejected);
  });
});

describe('errors carry their context, as discord.js\'s DiscordAPIError does', () => {
  const TOKEN = 'user-token-do-not-log';
  const rest = () => new DiscordRest(base, TOKEN);
  const failure = (call: Promise<unknown>) => call.then(() => expect.fail('the call should fail'), (e: unknown) => e);

  it('a 400 50035 keeps method, route, status, code, message and its field errors as lines', async () => {
    next = {
      status: 400,
      body: {
        code: 50035,
        message: 'Invalid Form Body',
        errors: {
          data: {
            options: { '0': { value: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 6000 or fewer in length.' }] } } },
            version: { _errors: [{ code: 'INTERACTION_APPLICATION_COMMAND_INVALID_VERSION', message: 'This command is outdated' }] },
          },
          nonce: { _errors: [{ code: 'NONCE_TYPE_INVALID', message: 'Nonce must be a snowflake.' }] },
        },
      },
    };
    const err = await failure(rest().postInteraction({}));
    expect(err).toBeInstanceOf(DiscordRejected);
    const fieldErrors = [
      'data.options[0].value: BASE_TYPE_MAX_LENGTH Must be 6000 or fewer in length.',
      'data.version: INTERACTION_APPLICATION_COMMAND_INVALID_VERSION This command is outdated',
      'nonce: NONCE_TYPE_INVALID Nonce must be a snowflake.',
    ];
    expect(err).toMatchObject({ method: 'POST', route: '/interactions', status: 400, code: 50035, discordMessage: 'Invalid Form Body', fieldErrors });
    expect((err as DiscordRejected).context).toEqual({ method: 'POST', route: '/interactions', status: 400, code: 50035, discordMessage: 'Invalid Form Body', fieldErrors });
    expect((err as Error).message).toContain('POST /interactions: 400 code 50035 Invalid Form Body (data.options[0].value: BASE_TYPE_MAX_LENGTH');
  });

  it('a 403 50013 names the route with its ids as placeholders', async () => {
    next = { status: 403, body: { message: 'Missing Permissions', code: 50013 } };
    const err = await failure(rest().requestUploadSlots('1100000000000000002', [{ id: '0', filename: 'a.png', fileSize: 1 }]));
    expect(err).toBeInstanceOf(DiscordRejected);
    expect((err as DiscordRejected).context).toEqual({ method: 'POST', route: '/channels/:id/attachments', status: 403, code: 50013, discordMessage: 'Missing Permissions' });
    expect((err as Error).message).not.toContain('1100000000000000002');
  });

  it('a 5xx keeps its status and route; a lost interaction keeps them through InteractionOutcomeUnknown', async () => {
    next = { status: 503, body: { message: 'upstream connect error', code: 0 } };
    const index = await failure(rest().getCommandIndex('1100000000000000001'));
    expect(index).toBeInstanceOf(DiscordUnavailable);
    expect((index as DiscordUnavailable).context).toEqual({ method: 'GET', route: '/guilds/:id/application-command-index', status: 503, code: 0, discordMessage: 'upstream connect error' });
    next = { status: 502, text: 'Bad Gateway' };
    const sent = await failure(rest().postInteraction({}));
    expect(sent).toBeInstanceOf(InteractionOutcomeUnknown);
    expect((sent as InteractionOutcomeUnknown).context).toEqual({ method: 'POST', route: '/interactions', status: 502 });
    expect((sent as Error).message).toBe('outcome unknown: POST /interactions: HTTP 502');
  });

  it('a request that got no answer names its call, and no status', async () => {
    const err = await failure(new DiscordRest('http://127.0.0.1:1', TOKEN).getCommandIndex('1'));
    expect(err).toMatchObject({ constructor: DiscordUnavailable, mayHaveLanded: false });
    expect((err as DiscordUnavailable).context).toEqual({ method: 'GET', route: '/guilds/:id/application-command-index' });
  });

  it('logs route, status and code as structured fields, never the token or a signed URL', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    const log = createLogger('test', 'info', stream);
    next = { status: 403, body: { message: 'Missing Access', code: 50001 } };
    const rejected = await failure(rest().postInteraction({}));
    next = { status: 403, text: '<?xml version="1.0"?><Error><Code>AccessDenied</Code></Error>' };
    const upload = await failure(rest().putUpload(`${base}/upload/u-1/cat.png?upload_id=secret-signature`, Buffer.from('x'), 'image/png'));
    // As send-errors.ts logs them, and as any `{ err }` is (pino's error serializer).
    log.warn({ taskId: '1', ...failureLogFields(rejected) }, 'Discord rejected the request');
    log.error({ err: rejected }, 'account disabled');
    log.warn(failureLogFields(upload), 'send failed');
    const [fields, serialized, uploadFields] = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(fields).toMatchObject({ taskId: '1', discord: { method: 'POST', route: '/interactions', status: 403, code: 50001, discordMessage: 'Missing Access' } });
    expect(serialized).toMatchObject({ err: { type: 'DiscordRejected', method: 'POST', route: '/interactions', status: 403, code: 50001 } });
    expect(uploadFields).toMatchObject({ discord: { method: 'PUT', route: '(upload URL)', status: 403 } });
    expect(JSON.parse(JSON.stringify(rejected))).toMatchObject({ name: 'DiscordRejected', route: '/interactions', status: 403, code: 50001 });
    const out = lines.join('');
    expect(out).not.toContain(TOKEN);
    expect(out).not.toContain('secret-signature');
    expect(out.toLowerCase()).not.toContain('authorization');
  });
});

describe('parseRateLimitHeaders', () => {
  it('reads the bucket state of an answer', () => {
    expect(
      parseRateLimitHeaders({ 'x-ratelimit-limit': '5', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset-after': '1.25', 'x-ratelimit-bucket': 'abc' }),
    ).toEqual({ bucket: 'abc', limit: 5, remaining: 0, resetAfterMs: 1250 });
    expect(parseRateLimitHeaders({})).toEqual({ bucket: undefined, limit: undefined, remaining: undefined, resetAfterMs: undefined });
  });
});
