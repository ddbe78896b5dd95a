import { Midjourney, type MJMessage } from 'midjourney';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../src/index.js';

/**
 * §7(b): the npm package `midjourney` (erictik) 4.3.18, unmodified, against the sandbox — only its
 * public API, with the sandbox's URLs in `DiscordBaseUrl`/`WsBaseUrl`.
 */
describe('npm midjourney (erictik) 4.3.18, unmodified, against the sandbox', () => {
  let sandbox: Sandbox;
  let client: Midjourney;
  let grid: MJMessage;
  let upscaled: MJMessage;
  const prompt = 'a red fox in snow';

  const configFor = (s: Sandbox) => ({
    SalaiToken: s.userToken,
    ServerId: s.guildId,
    ChannelId: s.channelId,
    DiscordBaseUrl: s.url,
    WsBaseUrl: `${s.gatewayUrl}/?encoding=json&v=9`,
    Ws: true,
    Debug: false,
  });

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, speed: { stepMs: 20 } });
    client = new Midjourney(configFor(sandbox));
    await client.Connect();
  });
  afterAll(async () => {
    client?.Close();
    await sandbox?.stop();
  });

  /** Job id of a result image, from `<user>_<slug>_<uuid>.png` (§3.5). */
  const jobIdOf = (uri: string) => /_([0-9a-f-]{36})\.png(?:\?|$)/.exec(uri)?.[1];

  async function expectImage(uri: string | undefined, contentType = 'image/png'): Promise<void> {
    expect(uri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/attachments\//);
    const res = await fetch(uri!);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(contentType);
    expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(100);
  }

  const labels = (m: MJMessage) => (m.options ?? []).map((o) => o.label);
  const customOf = (m: MJMessage, prefix: string) => m.options?.find((o) => o.custom.startsWith(prefix))?.custom;

  it('Imagine reports progress with previews and resolves to the grid with its buttons', async () => {
    const progress: Array<{ uri: string; progress: string }> = [];
    const result = await client.Imagine(prompt, (uri, p) => progress.push({ uri, progress: p }));
    expect(result).not.toBeNull();
    grid = result!;
    expect(grid.content).toBe(`**${prompt}** - <@${sandbox.userId}> (fast)`);
    expect(grid.id).toMatch(/^\d+$/);
    expect(grid.hash).toBe(jobIdOf(grid.uri));
    expect(labels(grid)).toEqual(['U1', 'U2', 'U3', 'U4', '🔄', 'V1', 'V2', 'V3', 'V4']);
    await expectImage(grid.uri);
    expect(progress.map((p) => p.progress)).toEqual(['31%', '62%', '93%']);
    for (const p of progress) await expectImage(p.uri, 'image/webp');
  });

  it('Upscale U2 resolves to "Image #2" with the solo buttons of a new job', async () => {
    const result = await client.Upscale({ index: 2, msgId: grid.id!, hash: grid.hash!, flags: grid.flags, content: grid.content });
    upscaled = result!;
    expect(upscaled.content).toBe(`**${prompt}** - Image #2 <@${sandbox.userId}>`);
    expect(upscaled.hash).toBe(jobIdOf(upscaled.uri));
    expect(upscaled.hash).not.toBe(grid.hash);
    expect(labels(upscaled)).toEqual(expect.arrayContaining(['Upscale (Subtle)', 'Vary (Strong)', 'Zoom Out 2x', 'Custom Zoom']));
    await expectImage(upscaled.uri);
  });

  it('Variation V1 and Reroll resolve to new grids', async () => {
    const progress: string[] = [];
    const varied = await client.Variation({ index: 1, msgId: grid.id!, hash: grid.hash!, flags: grid.flags, content: grid.content, loading: (_u, p) => progress.push(p) });
    expect(varied!.content).toBe(`**${prompt}** - Variations (Strong) by <@${sandbox.userId}> (fast)`);
    expect(varied!.hash).toBe(jobIdOf(varied!.uri));
    expect(progress).toEqual(['31%', '62%', '93%']);
    await expectImage(varied!.uri);

    const rerolled = await client.Reroll({ msgId: grid.id!, hash: grid.hash!, flags: grid.flags, content: grid.content });
    expect(rerolled!.content).toBe(`**${prompt}** - <@${sandbox.userId}> (fast)`);
    expect(rerolled!.hash).not.toBe(grid.hash);
    expect(labels(rerolled!)).toContain('U1');
    await expectImage(rerolled!.uri);
  });

  it('the v6 solo buttons of the upscale: Vary (Strong) through Custom, Zoom Out 2x through ZoomOut', async () => {
    const strong = await client.Custom({ msgId: upscaled.id!, customId: customOf(upscaled, 'MJ::JOB::high_variation::')!, flags: upscaled.flags, content: upscaled.content });
    expect(strong!.content).toBe(`**${prompt}** - Variations (Strong) by <@${sandbox.userId}> (fast)`);
    await expectImage(strong!.uri);

    const zoomed = await client.ZoomOut({ level: '2x', msgId: upscaled.id!, hash: upscaled.hash!, flags: upscaled.flags, content: upscaled.content });
    expect(zoomed!.content).toBe(`**${prompt}** - Zoom Out by <@${sandbox.userId}> (fast)`);
    expect(zoomed!.hash).toBe(jobIdOf(zoomed!.uri));
    await expectImage(zoomed!.uri);
  });

  it('Custom Zoom: the package submits the modal under the id of INTERACTION_SUCCESS', async () => {
    const zoomPrompt = `${prompt} --zoom 1.5`;
    const zoomed = await client.Custom({ msgId: upscaled.id!, customId: `MJ::CustomZoom::${upscaled.hash}`, flags: upscaled.flags, content: zoomPrompt });
    expect(zoomed!.content).toBe(`**${zoomPrompt}** - Zoom Out by <@${sandbox.userId}> (fast)`);
    await expectImage(zoomed!.uri);
  });

  it('Remix mode: SwitchRemix turns it on, a variation with Remix: true submits the RemixModal', async () => {
    expect(await client.SwitchRemix()).toMatch(/^Remix mode turned on/);
    const remixClient = new Midjourney({ ...configFor(sandbox), Remix: true });
    await remixClient.Connect();
    try {
      const newPrompt = `${prompt}, at night`;
      const remixed = await remixClient.Variation({ index: 3, msgId: grid.id!, hash: grid.hash!, flags: grid.flags, content: newPrompt });
      expect(remixed!.content).toBe(`**${newPrompt}** - Remix (Strong) by <@${sandbox.userId}> (fast)`);
      await expectImage(remixed!.uri);
    } finally {
      remixClient.Close();
    }
    expect(await client.SwitchRemix()).toMatch(/^Remix mode turned off/);
  });

  it('Describe of a sandbox CDN link: the package downloads and uploads it, then gets four prompts', async () => {
    const described = await client.Describe(grid.uri);
    expect(described!.descriptions).toHaveLength(4);
    expect(described!.descriptions.every((d, i) => d.startsWith(`${i + 1}\uFE0F\u20E3 `))).toBe(true);
    await expectImage(described!.uri);
    expect(described!.options.map((o) => o.custom)).toContain('MJ::Job::PicReader::1');
  });

  it('Shorten resolves to the numbered prompts', async () => {
    const shortened = await client.Shorten('a very detailed photograph of a red fox standing in deep fresh snow at dawn, cinematic');
    expect(shortened!.prompts.length).toBeGreaterThanOrEqual(1);
    expect(shortened!.prompts[0]).toMatch(/^1\uFE0F\u20E3 /);
    expect(shortened!.options.map((o) => o.custom)).toContain(expect.stringMatching(/^MJ::Job::PromptAnalyzer::/));
  });
});
