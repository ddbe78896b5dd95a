import { Midjourney, type MJMessage } from 'midjourney';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../src/index.js';

/**
 * §7(b): the npm package `midjourney` (erictik) 4.3.18, unmodified, against the sandbox — only its
 * public API, pointed at the sandbox with `DiscordBaseUrl` and `WsBaseUrl`. The tests run in order
 * on one account: later ones click the buttons of earlier results.
 */
describe('npm midjourney (erictik) 4.3.18, unmodified, against the sandbox', () => {
  const prompt = 'a red fox in snow';
  let sandbox: Sandbox;
  let client: Midjourney;
  let grid: MJMessage;
  let upscaled: MJMessage;

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

  /** Job id of a result image, from `<user>_<slug>_<uuid>.png?ex=…` or today's `.webp` grids (§3.5, §4.8). */
  const jobIdOf = (uri: string) => /_([0-9a-f-]{36})\.(?:png|webp)(?:\?|$)/.exec(uri)?.[1];
  /** What today's grids of button jobs say between the mention and the mode (§4.8). */
  const website = (m: MJMessage) => `[(Open on website for full quality)](<https://midjourney.com/jobs/${m.hash}>) `;
  const labels = (m: MJMessage) => (m.options ?? []).map((o) => o.label);
  const customOf = (m: MJMessage, prefix: string) => m.options?.find((o) => o.custom.startsWith(prefix))?.custom;
  const mention = () => `<@${sandbox.userId}>`;

  async function expectImage(uri: string | undefined, contentType = 'image/png'): Promise<void> {
    expect(uri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/attachments\//);
    const res = await fetch(uri!);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(contentType);
    expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(100);
  }

  /** The interactions the sandbox received for `target` (command name or custom_id), oldest first. */
  const received = (target: string) => sandbox.state.interactions.filter((i) => i.target === target);

  it('Imagine reports progress with previews and resolves to the grid with its buttons', async () => {
    const progress: Array<{ uri: string; progress: string }> = [];
    grid = (await client.Imagine(prompt, (uri, p) => progress.push({ uri, progress: p })))!;
    expect(grid.content).toBe(`**${prompt}** - ${mention()} (fast)`);
    expect(grid.uri).toMatch(/\.webp\?/);
    expect(grid.id).toMatch(/^\d+$/);
    expect(grid.hash).toBe(jobIdOf(grid.uri));
    expect(labels(grid)).toEqual(['U1', 'U2', 'U3', 'U4', '🔄', 'V1', 'V2', 'V3', 'V4']);
    expect(customOf(grid, 'MJ::JOB::upsample::2::')).toBe(`MJ::JOB::upsample::2::${grid.hash}`);
    await expectImage(grid.uri, 'image/webp');
    // The 0% edit has no preview, and the package reports only edits with one.
    expect(progress.map((p) => p.progress)).toEqual(['31%', '62%', '93%']);
    for (const p of progress) await expectImage(p.uri, 'image/webp');
  });

  it('copes with the acknowledgement that comes before an upscale today (§4.8)', async () => {
    const u4 = (await client.Upscale({ index: 4, msgId: grid.id!, hash: grid.hash!, flags: grid.flags, content: grid.content }))!;
    expect(u4.content).toBe(`**${prompt}** - Image #4 ${mention()}`);
    const ack = sandbox.state.messages.all().find((m) => m.message.content.startsWith('Upscaling image #4 with '))?.message;
    expect(ack?.content).toBe(`Upscaling image #4 with **${prompt}** - ${mention()} (Waiting to start)`);
    expect(ack?.components[0]?.components[0]?.custom_id).toBe(`MJ::CancelJob::ByJobid::${u4.hash}`);
  });

  it('Upscale U2 resolves to "Image #2" with the solo buttons of a new job', async () => {
    upscaled = (await client.Upscale({ index: 2, msgId: grid.id!, hash: grid.hash!, flags: grid.flags, content: grid.content }))!;
    expect(upscaled.content).toBe(`**${prompt}** - Image #2 ${mention()}`);
    expect(upscaled.id).not.toBe(grid.id);
    expect(upscaled.hash).toBe(jobIdOf(upscaled.uri));
    expect(upscaled.hash).not.toBe(grid.hash);
    expect(labels(upscaled)).toEqual(expect.arrayContaining(['Upscale (Subtle)', 'Vary (Strong)', 'Zoom Out 2x', 'Custom Zoom']));
    await expectImage(upscaled.uri);
  });

  it('Variation V1 (with progress) and Reroll resolve to new grids', async () => {
    const progress: string[] = [];
    const varied = (await client.Variation({
      index: 1,
      msgId: grid.id!,
      hash: grid.hash!,
      flags: grid.flags,
      content: grid.content,
      loading: (_uri, p) => progress.push(p),
    }))!;
    expect(varied.content).toBe(`**${prompt}** - Variations (Strong) by ${mention()} ${website(varied)}(fast)`);
    expect(varied.hash).toBe(jobIdOf(varied.uri));
    expect(progress).toEqual(['31%', '62%', '93%']);
    await expectImage(varied.uri, 'image/webp');

    const rerolled = (await client.Reroll({ msgId: grid.id!, hash: grid.hash!, flags: grid.flags, content: grid.content }))!;
    expect(rerolled.content).toBe(`**${prompt}** - ${mention()} ${website(rerolled)}(fast)`);
    expect(rerolled.hash).toBe(jobIdOf(rerolled.uri));
    expect(rerolled.hash).not.toBe(grid.hash);
    expect(labels(rerolled)).toContain('U1');
    await expectImage(rerolled.uri, 'image/webp');
  });

  it('the solo buttons of the upscale: Vary (Strong) through Custom, Zoom Out 2x through ZoomOut', async () => {
    const customId = customOf(upscaled, 'MJ::JOB::high_variation::')!;
    const strong = (await client.Custom({ msgId: upscaled.id!, customId, flags: upscaled.flags, content: upscaled.content }))!;
    expect(strong.content).toBe(`**${prompt}** - Variations (Strong) by ${mention()} ${website(strong)}(fast)`);
    expect(strong.hash).toBe(jobIdOf(strong.uri));
    await expectImage(strong.uri, 'image/webp');

    const zoomed = (await client.ZoomOut({ level: '2x', msgId: upscaled.id!, hash: upscaled.hash!, flags: upscaled.flags, content: upscaled.content }))!;
    expect(zoomed.content).toBe(`**${prompt}** - Zoom Out by ${mention()} ${website(zoomed)}(fast)`);
    expect(zoomed.hash).toBe(jobIdOf(zoomed.uri));
    expect(labels(zoomed)).toContain('U1');
    await expectImage(zoomed.uri, 'image/webp');
  });

  /**
   * The package names a constant session id (its `SessionId` option), no session of its own, so on
   * Discord — and on the strict sandbox — it never hears the INTERACTION_* events its modal flows
   * wait for. Its modal tests run on the sandbox's lenient routing, which stands in for a client
   * that names its session; every other flow works as it is.
   */
  const withLenientRouting = async (flow: () => Promise<void>) => {
    sandbox.configure({ interactionEventsToAllSessions: true });
    try {
      await flow();
    } finally {
      sandbox.configure({ interactionEventsToAllSessions: false });
    }
  };

  it('Custom Zoom: after INTERACTION_SUCCESS the package submits the modal with that id as data.id', () => withLenientRouting(async () => {
    const zoomPrompt = `${prompt} --zoom 1.5`;
    const customId = `MJ::CustomZoom::${upscaled.hash}`;
    const zoomed = (await client.Custom({ msgId: upscaled.id!, customId, flags: upscaled.flags, content: zoomPrompt }))!;
    expect(zoomed.content).toBe(`**${zoomPrompt}** - Zoom Out by ${mention()} ${website(zoomed)}(fast)`);
    expect(zoomed.hash).toBe(jobIdOf(zoomed.uri));
    await expectImage(zoomed.uri, 'image/webp');

    const [click] = received(customId);
    const [submit] = received(`MJ::OutpaintCustomZoomModal::${upscaled.hash}`);
    expect(submit).toMatchObject({ type: 5, status: 204, body: { data: { id: click!.id } } });
  }));

  it('Remix: SwitchRemix turns it on, a variation with Remix: true submits the RemixModal with the new prompt', () => withLenientRouting(async () => {
    expect(await client.SwitchRemix()).toMatch(/^Remix mode turned on/);
    const remixClient = new Midjourney({ ...configFor(sandbox), Remix: true });
    await remixClient.Connect();
    const newPrompt = `${prompt}, at night`;
    try {
      const remixed = (await remixClient.Variation({ index: 3, msgId: grid.id!, hash: grid.hash!, flags: grid.flags, content: newPrompt }))!;
      expect(remixed.content).toBe(`**${newPrompt}** - Remix (Strong) by ${mention()} ${website(remixed)}(fast)`);
      expect(remixed.hash).toBe(jobIdOf(remixed.uri));
      await expectImage(remixed.uri, 'image/webp');
    } finally {
      remixClient.Close();
    }
    const [click] = received(`MJ::JOB::variation::3::${grid.hash}`);
    const [submit] = received(`MJ::RemixModal::${grid.hash}::3::1`);
    expect(submit).toMatchObject({ type: 5, status: 204, body: { data: { id: click!.id } } });
    expect(await client.SwitchRemix()).toMatch(/^Remix mode turned off/);
  }));

  it('Describe of a sandbox CDN link: the package downloads it, uploads it to a slot, gets four prompts', async () => {
    const described = (await client.Describe(grid.uri))!;
    expect(described.id).toMatch(/^\d+$/);
    expect(described.descriptions).toHaveLength(4);
    described.descriptions.forEach((d, i) => expect(d).toMatch(new RegExp(`^${i + 1}\uFE0F\u20E3 \\S`)));
    expect(described.options.map((o) => o.custom)).toEqual(expect.arrayContaining(['MJ::Job::PicReader::1', 'MJ::Picread::Retry']));
    await expectImage(described.uri, 'image/webp');
    expect(sandbox.state.requests.requests.some((r) => r.path === `/channels/${sandbox.channelId}/attachments` && r.status === 200)).toBe(true);
  });

  it('Shorten resolves to the numbered prompts', async () => {
    const shortened = (await client.Shorten('a very detailed photograph of a red fox standing in deep fresh snow at dawn, cinematic'))!;
    expect(shortened.prompts.length).toBeGreaterThanOrEqual(1);
    shortened.prompts.forEach((p, i) => expect(p).toMatch(new RegExp(`^${i + 1}\uFE0F\u20E3 \\S`)));
    expect(shortened.options.map((o) => o.custom)).toEqual(expect.arrayContaining([expect.stringMatching(/^MJ::Job::PromptAnalyzer::.+::1$/)]));
  });

  it('a red error embed (§5.1) rejects Imagine with its description', async () => {
    await expect(client.Imagine('a fox sandbox:banned_prompt')).rejects.toThrow(/is banned/);
  });

  it('Ws: false polls GET /channels/{id}/messages and finds the result by the [seed] it puts in the prompt', async () => {
    const poller = new Midjourney({ ...configFor(sandbox), Ws: false });
    await poller.Connect();
    const result = (await poller.Imagine('a grey owl at dusk'))!;
    expect(result.content).toMatch(/^\[\d{10}\] a grey owl at dusk$/);
    expect(result.hash).toBe(jobIdOf(result.uri));
    expect(labels(result)).toContain('U1');
    await expectImage(result.uri, 'image/webp');
  });

  it('Discord refused none of the package requests', () => {
    expect(sandbox.state.interactions.filter((i) => i.status !== 204)).toEqual([]);
    expect(sandbox.state.requests.requests.filter((r) => r.status >= 400)).toEqual([]);
  });

  it('Relax() and Fast() switch the account; Info() reads the /info embed', async () => {
    expect(await client.Relax()).toBeNull();
    const relaxed = await eventuallyInfo('Relaxed');
    expect(relaxed).toMatchObject({ subscription: expect.stringContaining('Standard'), visibilityMode: 'Public', fastTimeRemaining: expect.stringMatching(/hours/), runningJobs: 'None' });
    expect(sandbox.state.snapshot().users?.find((u) => u.id === sandbox.userId)?.state.mode).toBe('relax');
    expect(await client.Fast()).toBeNull();
    expect((await eventuallyInfo('Fast')).jobMode).toBe('Fast');
  });

  it('Settings() reads the panel, init() and SwitchRemix agree on Remix, a mode button and Reset() change the account', async () => {
    const style = (s: { options: { label?: string; style?: number }[] }, label: string) => s.options.find((o) => o.label === label)?.style;
    const before = await client.Settings();
    expect(before.options.map((o) => o.label)).toEqual(expect.arrayContaining(['Remix mode', 'Fast mode', 'Relax mode', 'Turbo mode', 'Reset Settings', 'RAW Mode']));
    expect([style(before, 'Remix mode'), style(before, 'Fast mode')]).toEqual([2, 3]);
    expect(await client.SwitchRemix()).toMatch(/^Remix mode turned on/);
    const remixed = await client.Settings();
    expect(style(remixed, 'Remix mode')).toBe(3);
    const fresh = new Midjourney(configFor(sandbox));
    try {
      await fresh.init();
      expect(fresh.config.Remix).toBe(true);
    } finally {
      fresh.Close();
    }
    const relax = remixed.options.find((o) => o.label === 'Relax mode')!;
    expect(await client.MJApi.CustomApi({ msgId: remixed.id, customId: relax.custom, flags: remixed.flags })).toBe(204);
    expect((await eventuallyInfo('Relaxed')).jobMode).toBe('Relaxed');
    await client.Reset();
    const reset = await eventuallySettings((s) => style(s, 'Remix mode') === 2);
    expect([style(reset, 'Remix mode'), style(reset, 'Fast mode'), style(reset, 'Relax mode')]).toEqual([2, 3, 2]);
  });

  /** Reset()'s click and Settings() are separate interactions: ask until the panel shows it (a deadline, not a sleep). */
  async function eventuallySettings(done: (s: Awaited<ReturnType<Midjourney['Settings']>>) => boolean) {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const settings = await client.Settings();
      if (done(settings) || Date.now() > deadline) return settings;
    }
  }

  /** The switch's reply and Info()'s are separate interactions: ask until the mode shows (a deadline, not a sleep). */
  async function eventuallyInfo(jobMode: string) {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const info = await client.Info();
      if (info?.jobMode === jobMode || Date.now() > deadline) return info!;
    }
  }
});
