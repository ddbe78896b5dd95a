import { once } from 'node:events';
import { createHash } from 'node:crypto';
import { Client, GatewayIntentBits, type Message, type PartialMessage } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Raster } from '../src/images/raster.js';
import { decodeWebpLossless } from '../src/images/webp-lossless.js';
import { startSandbox, type Sandbox } from '../src/index.js';
import { eventually, imagine, userHeaders } from './helpers.js';

interface Seen {
  kind: 'create' | 'update' | 'delete';
  id: string;
  content: string;
  attachments: Array<{ name: string; url: string; contentType: string | null }>;
  customIds: string[];
}

function record(kind: Seen['kind'], m: Message | PartialMessage): Seen {
  const customIds = (m.components ?? []).flatMap((row) =>
    'components' in row ? row.components.map((c) => ('customId' in c ? String(c.customId) : '')) : [],
  );
  const attachments = [...(m.attachments?.values() ?? [])].map((a) => ({ name: a.name, url: a.url, contentType: a.contentType }));
  return { kind, id: m.id, content: m.content ?? '', attachments, customIds };
}

async function loggedInClient(sandbox: Sandbox, intents: GatewayIntentBits[], seen: Seen[]): Promise<Client> {
  const client = new Client({ intents, rest: { api: sandbox.apiBase } });
  client.on('messageCreate', (m) => seen.push(record('create', m)));
  client.on('messageUpdate', (_old, m) => seen.push(record('update', m)));
  client.on('messageDelete', (m) => seen.push(record('delete', m)));
  const ready = once(client, 'clientReady');
  await client.login(sandbox.botToken);
  await ready;
  return client;
}

async function download(url: string): Promise<Buffer> {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

function quadrantHashes(png: Raster): string[] {
  const half = png.width / 2;
  return [0, 1, 2, 3].map((q) => {
    const hash = createHash('sha1');
    for (let y = 0; y < half; y++) {
      const row = (Math.floor(q / 2) * half + y) * png.width + (q % 2) * half;
      hash.update(png.data.subarray(row * 4, (row + half) * 4));
    }
    return hash.digest('hex');
  });
}

describe('discord.js v14, unmodified, against the sandbox', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    // A short heartbeat makes discord.js beat (and expect ACKs) within the test.
    sandbox = await startSandbox({ port: 0, speed: 'instant', heartbeatIntervalMs: 1_000 });
  });
  afterAll(() => sandbox.stop());

  it('logs in and sees the whole /imagine lifecycle, with a real WebP grid', async () => {
    const seen: Seen[] = [];
    const client = await loggedInClient(sandbox, [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent], seen);
    try {
      expect(client.user?.id).toBe(sandbox.botUserId);
      expect(client.channels.cache.has(sandbox.channelId)).toBe(true);

      expect((await imagine(sandbox, 'a red fox in snow --ar 3:2')).status).toBe(204);
      const deleted = await eventually(() => seen.find((s) => s.kind === 'delete'));

      const waiting = seen.find((s) => s.kind === 'create' && s.content.endsWith('(Waiting to start)'));
      expect(waiting?.content).toBe(`**a red fox in snow --ar 3:2** - <@${sandbox.userId}> (Waiting to start)`);
      const updates = seen.filter((s) => s.kind === 'update' && s.id === waiting?.id);
      expect(updates.map((u) => /\((\d+)%\) \(fast\)$/.exec(u.content)?.[1])).toEqual(['0', '31', '62', '93']);
      expect(updates[1]?.attachments[0]?.name).toMatch(/^[0-9a-f-]{36}_grid_0\.webp$/);

      const result = seen.find((s) => s.kind === 'create' && s.attachments.length > 0);
      expect(result?.content).toBe(`**a red fox in snow --ar 3:2** - <@${sandbox.userId}> (fast)`);
      // Today's grids (§4.8): `.webp`, and a link button (no custom_id) to the job's page.
      const jobId = /_([0-9a-f-]{36})\.webp$/.exec(result?.attachments[0]?.name ?? '')?.[1];
      expect(result?.attachments[0]).toMatchObject({ name: `driver_a_red_fox_in_snow_${jobId}.webp`, contentType: 'image/webp' });
      expect(result?.customIds).toEqual([
        ...[1, 2, 3, 4].map((n) => `MJ::JOB::upsample::${n}::${jobId}`),
        `MJ::JOB::reroll::0::${jobId}::SOLO`,
        ...[1, 2, 3, 4].map((n) => `MJ::JOB::variation::${n}::${jobId}`),
        'null',
      ]);
      // §4.2 step 5: the result arrives before the progress message is deleted.
      expect(deleted.id).toBe(waiting?.id);
      expect(seen.indexOf(result!)).toBeLessThan(seen.indexOf(deleted));

      const bytes = await download(result!.attachments[0]!.url);
      expect([bytes.toString('ascii', 0, 4), bytes.toString('ascii', 8, 16)]).toEqual(['RIFF', 'WEBPVP8L']);
      const image = decodeWebpLossless(bytes)!;
      expect([image.width, image.height]).toEqual([512, 512]);
      expect(new Set(quadrantHashes(image)).size).toBe(4);

      // Another prompt, another picture.
      seen.length = 0;
      await imagine(sandbox, 'a blue whale at dawn');
      const other = await eventually(() => seen.find((s) => s.kind === 'create' && s.attachments.length > 0));
      expect((await download(other.attachments[0]!.url)).equals(bytes)).toBe(false);

      // discord.js measures ping from heartbeat ACKs: a number here means op 1 → op 11 worked.
      await eventually(() => (client.ws.ping >= 0 ? true : undefined), 3_000);
    } finally {
      await client.destroy();
    }
  });

  it('rejects a bad token the way Discord does (TokenInvalid)', async () => {
    const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: sandbox.apiBase } });
    await expect(client.login('not-a-valid-token')).rejects.toMatchObject({ code: 'TokenInvalid' });
    await client.destroy();
  });

  it('blanks message content for a client without the MessageContent intent', async () => {
    const seen: Seen[] = [];
    const client = await loggedInClient(sandbox, [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages], seen);
    try {
      const res = await fetch(`${sandbox.apiBase}/v10/channels/${sandbox.channelId}/messages`, {
        method: 'POST',
        headers: userHeaders(sandbox),
        body: JSON.stringify({ content: 'secret words' }),
      });
      const posted = (await res.json()) as { id: string; content: string };
      expect(posted.content).toBe('secret words');
      const received = await eventually(() => seen.find((s) => s.id === posted.id));
      expect(received.content).toBe('');
    } finally {
      await client.destroy();
    }
  });
});
