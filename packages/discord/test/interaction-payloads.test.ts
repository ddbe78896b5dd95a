import { describe, expect, it } from 'vitest';
import {
  buildBlendInteraction,
  buildButtonInteraction,
  buildDescribeInteraction,
  buildImagineInteraction,
  buildModalSubmitInteraction,
  buildShortenInteraction,
  buildSlashCommandInteraction,
  MIDJOURNEY_APPLICATION_ID,
  parseCommandIndex,
  type InteractionContext,
  type SlashCommand,
} from '../src/index.js';
import { commandIndex } from './fixtures/command-index.js';

const commands = parseCommandIndex(commandIndex);
const command = (name: string): SlashCommand => {
  const found = commands.get(name);
  if (!found) throw new Error(`fixture index lacks ${name}`);
  return found;
};

const ctx = (nonce: string): InteractionContext => ({
  applicationId: MIDJOURNEY_APPLICATION_ID,
  guildId: '1100000000000000001',
  channelId: '1100000000000000002',
  sessionId: 'b3d7a1f0c9e24c5aa0f1d2e3c4b5a697',
  nonce,
});

const envelope = (type: number, nonce: string) => ({
  type,
  application_id: '936929561302675456',
  guild_id: '1100000000000000001',
  channel_id: '1100000000000000002',
  session_id: 'b3d7a1f0c9e24c5aa0f1d2e3c4b5a697',
  nonce,
});

const fox = { filename: 'cat.png', uploadedFilename: '8d3f0a1b-uuid/cat.png' };
const dog = { filename: 'dog.png', uploadedFilename: '9e4a1b2c-uuid/dog.png' };

describe('interaction payloads (§3)', () => {
  it('/imagine equals the §3.2 sample', () => {
    expect(buildImagineInteraction(ctx('1290000000000000000'), command('imagine'), '<#4821093356#>a red fox in snow --ar 3:2')).toEqual({
      ...envelope(2, '1290000000000000000'),
      data: {
        version: '1237876415471554623',
        id: '938956540159881230',
        name: 'imagine',
        type: 1,
        options: [{ type: 3, name: 'prompt', value: '<#4821093356#>a red fox in snow --ar 3:2' }],
        attachments: [],
      },
    });
  });

  it('a button click equals the §3.3 sample', () => {
    const customId = 'MJ::JOB::upsample::2::5e0c9c1e-3b4a-4f51-9d2e-6a7b8c9d0e1f';
    expect(buildButtonInteraction(ctx('1290000000000000001'), '1300000000000000120', customId)).toEqual({
      ...envelope(3, '1290000000000000001'),
      message_id: '1300000000000000120',
      message_flags: 0,
      data: { component_type: 2, custom_id: customId },
    });
    expect(buildButtonInteraction(ctx('1'), '2', 'MJ::Prompts::Appeal::x', 64).message_flags).toBe(64);
  });

  it('a modal submit equals the §3.4 sample', () => {
    const modal = 'MJ::RemixModal::5e0c9c1e-3b4a-4f51-9d2e-6a7b8c9d0e1f::1::1';
    const payload = buildModalSubmitInteraction(ctx('1290000000000000002'), '1300000000000000130', modal, [
      { customId: 'MJ::RemixModal::new_prompt', value: 'a red fox in snow, night' },
    ]);
    expect(payload).toEqual({
      ...envelope(5, '1290000000000000002'),
      data: {
        id: '1300000000000000130',
        custom_id: modal,
        components: [{ type: 1, components: [{ type: 4, custom_id: 'MJ::RemixModal::new_prompt', value: 'a red fox in snow, night' }] }],
      },
    });
  });

  const slash: [string, () => unknown, object][] = [
    [
      '/describe an uploaded file',
      () => buildDescribeInteraction(ctx('3'), command('describe'), { image: fox }),
      {
        name: 'describe',
        id: '1092492867185950852',
        options: [{ type: 11, name: 'image', value: 0 }],
        attachments: [{ id: '0', filename: 'cat.png', uploaded_filename: '8d3f0a1b-uuid/cat.png' }],
      },
    ],
    [
      '/describe a link',
      () => buildDescribeInteraction(ctx('3'), command('describe'), { link: 'https://example.com/cat.png' }),
      { options: [{ type: 3, name: 'link', value: 'https://example.com/cat.png' }], attachments: [] },
    ],
    [
      '/blend two files with dimensions',
      () => buildBlendInteraction(ctx('4'), command('blend'), [fox, dog], '3:2'),
      {
        name: 'blend',
        version: '1237876415471554624',
        options: [
          { type: 11, name: 'image1', value: 0 },
          { type: 11, name: 'image2', value: 1 },
          { type: 3, name: 'dimensions', value: '--ar 3:2' },
        ],
        attachments: [
          { id: '0', filename: 'cat.png', uploaded_filename: '8d3f0a1b-uuid/cat.png' },
          { id: '1', filename: 'dog.png', uploaded_filename: '9e4a1b2c-uuid/dog.png' },
        ],
      },
    ],
    [
      '/shorten',
      () => buildShortenInteraction(ctx('5'), command('shorten'), 'a red fox in snow'),
      { name: 'shorten', options: [{ type: 3, name: 'prompt', value: 'a red fox in snow' }], attachments: [] },
    ],
    [
      '/settings (no options)',
      () => buildSlashCommandInteraction(ctx('6'), command('settings')),
      { name: 'settings', id: '1000850743479255081', version: '1237876415790055475', type: 1, options: [], attachments: [] },
    ],
  ];
  it.each(slash)('%s', (_name, build, data) => {
    expect(build()).toMatchObject({ type: 2, application_id: MIDJOURNEY_APPLICATION_ID, data });
  });

  it('refuses wiring mistakes before Discord would', () => {
    expect(() => buildImagineInteraction(ctx('7'), command('describe'), 'x')).toThrow(TypeError);
    expect(() => buildBlendInteraction(ctx('7'), command('blend'), [fox])).toThrow(RangeError);
    expect(() => buildBlendInteraction(ctx('7'), command('blend'), Array(6).fill(fox))).toThrow(RangeError);
  });
});
