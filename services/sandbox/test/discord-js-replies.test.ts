import { once } from 'node:events';
import { Client, GatewayIntentBits, MessageType, type Message } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../src/index.js';
import { click, grid, jobIdOf, submitModal } from './action-helpers.js';
import { eventually } from './helpers.js';

describe('discord.js v14, unmodified, sees button results as replies', () => {
  let sandbox: Sandbox;
  let client: Client;
  const created: Message[] = [];

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, speed: 'instant' });
    client = new Client({ intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent], rest: { api: sandbox.apiBase } });
    client.on('messageCreate', (m) => created.push(m));
    const ready = once(client, 'clientReady');
    await client.login(sandbox.botToken);
    await ready;
  });
  afterAll(async () => {
    await client.destroy();
    await sandbox.stop();
  });

  it('an upscale arrives as messageCreate of a type 19 reply referencing the grid (§4.4)', async () => {
    const parent = await grid(sandbox, 'a lantern in fog');
    expect((await click(sandbox, parent, `MJ::JOB::upsample::3::${jobIdOf(parent)}`)).res.status).toBe(204);
    const reply = await eventually(() => created.find((m) => m.content.includes('Image #3')));
    expect(reply.content).toBe(`**a lantern in fog** - Image #3 <@${sandbox.userId}>`);
    expect(reply.type).toBe(MessageType.Reply);
    expect(reply.reference).toMatchObject({ messageId: parent.id, channelId: sandbox.channelId, guildId: sandbox.guildId });
    expect(reply.interactionMetadata).toMatchObject({ interactedMessageId: parent.id, user: expect.objectContaining({ id: sandbox.userId }) });
    expect(reply.author.id).toBe(sandbox.applicationId);
    expect((await reply.fetchReference()).id).toBe(parent.id);
    const [attachment] = reply.attachments.values();
    expect(attachment).toMatchObject({ width: 512, height: 512, contentType: 'image/png' });
    const h2 = /_([0-9a-f-]{36})\.png$/.exec(attachment!.name)![1];
    expect(JSON.stringify(reply.components)).toContain(`"custom_id":"MJ::JOB::upsample_v7_2x_subtle::1::${h2}::SOLO"`);
  });

  it('a remix result (after a modal submit) carries the triggering click in its metadata', async () => {
    const parent = await grid(sandbox, 'a kite over dunes');
    const h = jobIdOf(parent);
    await fetch(`${sandbox.url}/_sandbox/remix`, { method: 'POST', body: JSON.stringify({ on: true }) });
    await click(sandbox, parent, `MJ::JOB::variation::2::${h}`);
    // Without a user gateway session, the click's id is read from the sandbox's interaction log.
    const clickId = sandbox.state.interactions.at(-1)!.id!;
    const submit = await submitModal(sandbox, clickId, `MJ::RemixModal::${h}::2::1`, 'MJ::RemixModal::new_prompt', 'a kite over dunes at night');
    expect(submit.res.status).toBe(204);
    const result = await eventually(() => created.find((m) => m.content.includes('Remix (Strong)') && m.attachments.size > 0));
    expect(result.reference?.messageId).toBe(parent.id);
    expect(result.interactionMetadata?.triggeringInteractionMetadata).toMatchObject({ id: clickId, interactedMessageId: parent.id });
  });
});
