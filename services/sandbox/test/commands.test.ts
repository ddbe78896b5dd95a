import { describe, expect, it } from 'vitest';
import { type Sandbox } from '../src/index.js';
import { click, command, customIds, downloadImage, errorBody, pngBytes, upload, type Option } from './action-helpers.js';
import { eventually, identifyUser, RawGateway, resultOf, withSandboxAndUser } from './helpers.js';

const KEYCAP_LINE = /^[1-5]\uFE0F\u20E3 .+$/;

describe('slash commands beyond /imagine', () => {
  let sandbox: Sandbox;
  let user: RawGateway;

  withSandboxAndUser((s, u) => {
    sandbox = s;
    user = u;
  });

  /** §4.5: the nonce-bearing placeholder, then the nonce-less edit of the same message. */
  async function deferred(nonce: string, flags = { pending: 128, done: 0 }) {
    const created = await user.dispatch('MESSAGE_CREATE', (d) => d.nonce === nonce);
    expect(created.d).toMatchObject({ flags: flags.pending, content: '', embeds: [] });
    const updated = await user.dispatch('MESSAGE_UPDATE', (d) => d.id === created.d.id);
    expect(updated.d.nonce).toBeUndefined();
    expect(updated.d.flags).toBe(flags.done);
    return updated.d;
  }

  async function uploaded(name: string, seed: number, width?: number, height?: number) {
    const slot = await upload(sandbox, name, pngBytes(seed, width, height));
    return { filename: name, uploaded_filename: slot.upload_filename };
  }

  it('/describe an uploaded image: four numbered prompts, the image with its name and size, PicReader buttons', async () => {
    const file = await uploaded('cat.png', 3, 150, 100);
    const { res, nonce } = await command(sandbox, 'describe', [{ type: 11, name: 'image', value: 0 }], [{ id: '0', ...file }]);
    expect(res.status).toBe(204);
    const answer = await deferred(nonce);
    expect(answer.interaction).toMatchObject({ name: 'describe', user: { id: sandbox.userId } });
    const [embed] = answer.embeds;
    const lines = embed.description.split('\n\n');
    expect(lines).toHaveLength(4);
    for (const [i, line] of lines.entries()) expect(line).toMatch(new RegExp(`^${i + 1}\uFE0F\u20E3 a cat in .+ --ar 3:2$`));
    expect(new Set(lines.map((l: string) => l.slice(3))).size).toBe(4);
    expect(embed.image).toMatchObject({ width: 150, height: 100 });
    expect(embed.image.url).toMatch(/\/cat\.png\?ex=/);
    expect((await downloadImage(embed.image.url)).width).toBe(150);
    expect(customIds(answer)).toEqual(['MJ::Job::PicReader::1', 'MJ::Job::PicReader::2', 'MJ::Job::PicReader::3', 'MJ::Job::PicReader::4', 'MJ::Picread::Retry', 'MJ::Job::PicReader::all']);
  });

  it('/describe by link: our own CDN links, any other http(s) link, and "Invalid link"', async () => {
    const { nonce: first } = await command(sandbox, 'describe', [{ type: 3, name: 'link', value: 'https://example.com/pics/red%20fox.png' }]);
    const foreign = await deferred(first);
    expect(foreign.embeds[0].description).toMatch(/^1\uFE0F\u20E3 a red fox in /);
    expect(foreign.embeds[0].image.url).toMatch(/\/red%20fox\.png\?ex=/);

    const { nonce: second } = await command(sandbox, 'describe', [{ type: 3, name: 'link', value: foreign.embeds[0].image.url }]);
    expect((await deferred(second)).embeds[0].image).toMatchObject({ width: 512, height: 512 });

    for (const link of ['not a link', foreign.embeds[0].image.url.replace(/hm=\w+/, 'hm=0')]) {
      const { nonce } = await command(sandbox, 'describe', [{ type: 3, name: 'link', value: link }]);
      const reply = await user.dispatch('MESSAGE_CREATE', (d) => d.nonce === nonce);
      expect(reply.d).toMatchObject({ flags: 64, embeds: [{ title: 'Invalid link', color: 0xff0000 }] });
    }
  });

  it('🔄 on a describe answer describes the same image again, as a reply', async () => {
    const file = await uploaded('dog.png', 5);
    const { nonce } = await command(sandbox, 'describe', [{ type: 11, name: 'image', value: '0' }], [{ id: '0', ...file }]);
    const answer = await deferred(nonce);
    const { nonce: retry } = await click(sandbox, answer, 'MJ::Picread::Retry');
    const again = await deferred(retry);
    expect(again).toMatchObject({ type: 19, message_reference: { message_id: answer.id } });
    expect(again.embeds[0].description).not.toBe(answer.embeds[0].description);
  });

  it('/blend 2–5 uploads: an imagine-like job with s.mj.run links and the chosen --ar', async () => {
    const files = [await uploaded('a.png', 1), await uploaded('b.png', 2), await uploaded('c.png', 9)];
    const options: Option[] = [
      { type: 11, name: 'image1', value: 0 },
      { type: 11, name: 'image2', value: 1 },
      { type: 3, name: 'dimensions', value: '--ar 3:2' },
      { type: 11, name: 'image3', value: 2 },
    ];
    const { res, nonce } = await command(sandbox, 'blend', options, files.map((f, i) => ({ id: String(i), ...f })));
    expect(res.status).toBe(204);
    const waiting = await user.dispatch('MESSAGE_CREATE', (d) => d.nonce === nonce);
    const head = new RegExp(`^\\*\\*<https://s\\.mj\\.run/\\w+> <https://s\\.mj\\.run/\\w+> <https://s\\.mj\\.run/\\w+> --ar 3:2\\*\\* - <@${sandbox.userId}>`);
    expect(waiting.d.content).toMatch(new RegExp(`${head.source} \\(Waiting to start\\)$`));
    expect(waiting.d.interaction.name).toBe('blend');
    const prompt = /^\*\*(.*)\*\*/.exec(waiting.d.content)![1]!;
    const result = await eventually(() => resultOf(sandbox, prompt));
    expect(result.content).toMatch(new RegExp(`${head.source} \\(fast\\)$`));
    expect(result.interaction).toMatchObject({ name: 'blend' });
    // U1–U4, 🔄, V1–V4 and today's link to the job's page (§4.8).
    expect(customIds(result)).toHaveLength(10);
    const png = await downloadImage(result.attachments[0]!.url);
    expect([png.width, png.height]).toEqual([768, 512]);
  });

  it('/blend refuses fewer than 2 or more than 5 images, bad dimensions, and identical images', async () => {
    const files = await Promise.all([1, 2, 3, 4, 5, 6].map((seed) => uploaded(`${seed}.png`, seed)));
    const attachments = files.map((f, i) => ({ id: String(i), ...f }));
    const images = (n: number): Option[] => Array.from({ length: n }, (_, i) => ({ type: 11, name: `image${i + 1}`, value: i }));
    const cases: Array<[string, Option[], object]> = [
      ['one image', images(1), { status: 400, code: 50035, inner: 'BASE_TYPE_REQUIRED' }],
      ['six images', images(6), { status: 400, code: 50035, inner: 'INTERACTION_APPLICATION_COMMAND_OPTION_INVALID' }],
      ['bad dimensions', [...images(2), { type: 3, name: 'dimensions', value: '--ar 16:9' }], { status: 400, code: 50035, inner: 'BASE_TYPE_CHOICES' }],
      ['unknown attachment id', [...images(1), { type: 11, name: 'image2', value: 42 }], { status: 400, code: 50035, inner: 'ATTACHMENT_NOT_FOUND' }],
    ];
    for (const [name, options, expected] of cases) expect(await errorBody((await command(sandbox, 'blend', options, attachments)).res), name).toEqual(expected);

    const same = [attachments[0]!, { ...attachments[0]!, id: '1' }];
    const { res, nonce } = await command(sandbox, 'blend', images(2), same);
    expect(res.status).toBe(204);
    const reply = await user.dispatch('MESSAGE_CREATE', (d) => d.nonce === nonce);
    expect(reply.d).toMatchObject({ flags: 64, embeds: [{ title: 'Duplicate images detected', color: 0xff0000 }] });
  });

  it('/shorten: important tokens, five numbered shorter prompts, the footer and one button each', async () => {
    const prompt = 'a very beautiful red fox sitting quietly in the deep fresh snow at dawn --ar 3:2';
    const { nonce } = await command(sandbox, 'shorten', [{ type: 3, name: 'prompt', value: prompt }]);
    const answer = await deferred(nonce);
    expect(answer.interaction.name).toBe('shorten');
    const [embed] = answer.embeds;
    expect(embed.footer.text).toContain('Click on a button to imagine one of the shortened prompts');
    expect(embed.description).toMatch(/^\*\*IMPORTANT TOKENS\*\*\n.*fox.*\n\n\*\*SHORTENED OPTIONS\*\*\n\n/);
    const options = (embed.description as string).split('\n').filter((l) => KEYCAP_LINE.test(l));
    expect(options).toHaveLength(5);
    for (const option of options) expect(option).toMatch(/ --ar 3:2$/);
    expect(options[4]!.length).toBeLessThan(options[0]!.length);
    expect(customIds(answer)).toEqual([1, 2, 3, 4, 5].map((n) => expect.stringMatching(new RegExp(`^MJ::Job::PromptAnalyzer::.+::${n}$`))));
  });

  it('/prefer remix toggles Remix mode, answered ephemerally as "prefer remix"', async () => {
    for (const state of ['on', 'off']) {
      const { nonce } = await command(sandbox, 'prefer', [{ type: 1, name: 'remix', options: [] }]);
      const answer = await deferred(nonce, { pending: 192, done: 64 });
      expect(answer.content).toMatch(new RegExp(`^Remix mode turned ${state}!`));
      expect(answer.interaction.name).toBe('prefer remix');
      expect(answer.interaction_metadata.name).toBe('prefer remix');
    }
  });
});
