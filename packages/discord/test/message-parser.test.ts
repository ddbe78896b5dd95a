import { describe, expect, it } from 'vitest';
import { parseMidjourneyMessage, type DiscordMessage, type ParsedMessage } from '../src/index.js';
import {
  blendResult,
  buttonResult,
  failedContent,
  imagePrompt,
  imagineGrid,
  moderatorRefusal,
  progressUpdate,
  promptWithStars,
  settingsDeferred,
  stealthWithSubtext,
  stopped,
  upscaleImage2,
  waiting,
} from './fixtures/job-messages.js';
import { describePending, describeResult, infoResult, shortenResult } from './fixtures/embed-messages.js';
import { DRIVER, GRID_MESSAGE, HASH, INTERACTION, PROGRESS_MESSAGE, PROMPT, TASK, UPSCALE_HASH, UPSCALE_MESSAGE } from './fixtures/ids.js';

const mention = `<@${DRIVER}>`;
const VARIATION_HASH = '9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d';

const cases: [name: string, message: DiscordMessage, expected: Partial<ParsedMessage>][] = [
  [
    'waiting to start (with the nonce)',
    waiting,
    {
      messageId: PROGRESS_MESSAGE,
      stage: 'waiting',
      kind: 'imagine',
      taskId: TASK,
      prompt: PROMPT,
      nonce: '1290000000000000000',
      interactionId: INTERACTION,
      interactionName: 'imagine',
      imageUrls: [],
      buttons: [],
      ephemeral: false,
    },
  ],
  ...[31, 62, 93].map((pct): [string, DiscordMessage, Partial<ParsedMessage>] => [
    `progress ${pct}% with a signed webp preview`,
    progressUpdate(pct),
    {
      messageId: PROGRESS_MESSAGE,
      stage: 'progress',
      kind: 'imagine',
      progress: pct,
      mode: 'fast',
      taskId: TASK,
      messageHash: HASH,
      imageUrl: expect.stringContaining(`${HASH}_grid_0.webp?ex=`),
    },
  ]),
  [
    'imagine grid with U/V/reroll buttons',
    imagineGrid,
    {
      messageId: GRID_MESSAGE,
      stage: 'done',
      kind: 'imagine',
      progress: 100,
      mode: 'fast',
      taskId: TASK,
      prompt: PROMPT,
      messageHash: HASH,
      imageUrls: [expect.stringContaining(`driver_a_red_fox_in_snow_${HASH}.png?ex=`)],
    },
  ],
  [
    'upscale "Image #2" reply with a new job id',
    upscaleImage2,
    {
      messageId: UPSCALE_MESSAGE,
      stage: 'done',
      kind: 'upscale',
      index: 2,
      taskId: TASK,
      messageHash: UPSCALE_HASH,
      referencedMessageId: GRID_MESSAGE,
      interactionId: INTERACTION,
    },
  ],
  [
    'Variations (Strong)',
    buttonResult('1300000000000000150', `Variations (Strong) by ${mention} (fast)`, VARIATION_HASH),
    { stage: 'done', kind: 'variation', variant: 'Strong', mode: 'fast', messageHash: VARIATION_HASH, taskId: TASK },
  ],
  [
    'Variations (v5-era, no type)',
    buttonResult('1300000000000000150', `Variations by ${mention} (relaxed)`, VARIATION_HASH),
    { stage: 'done', kind: 'variation', variant: undefined, mode: 'relaxed' },
  ],
  [
    'Remix (Strong) waiting',
    { ...buttonResult('1300000000000000150', `Remix (Strong) by ${mention} (Waiting to start)`, VARIATION_HASH), attachments: [] },
    { stage: 'waiting', kind: 'remix', variant: 'Strong' },
  ],
  ...acknowledgements(),
  [
    'Upscaled (Subtle)',
    buttonResult('1300000000000000150', `Upscaled (Subtle) by ${mention} (fast)`, VARIATION_HASH, true),
    { stage: 'done', kind: 'upscale_v2', variant: 'Subtle', messageHash: VARIATION_HASH, referencedMessageId: UPSCALE_MESSAGE },
  ],
  [
    'Upscaling in progress',
    buttonResult('1300000000000000150', `Upscaling by ${mention} (31%) (fast)`, VARIATION_HASH, true),
    { stage: 'progress', kind: 'upscale_v2', progress: 31, variant: undefined },
  ],
  [
    'Upscaled (4x) with the plain website note',
    buttonResult('1300000000000000150', `Upscaled (4x) by ${mention} (Open on website for full quality) (fast)`, VARIATION_HASH, true),
    { stage: 'done', kind: 'upscale_v2', variant: '4x', mode: 'fast' },
  ],
  [
    'Pan Left',
    buttonResult('1300000000000000150', `Pan Left by ${mention} (fast)`, VARIATION_HASH),
    { stage: 'done', kind: 'pan', variant: 'Left' },
  ],
  [
    'Zoom Out',
    buttonResult('1300000000000000150', `Zoom Out by ${mention} (fast)`, VARIATION_HASH),
    { stage: 'done', kind: 'zoom', variant: undefined },
  ],
  [
    'blend with s.mj.run links',
    blendResult,
    {
      stage: 'done',
      kind: 'blend',
      mode: 'relaxed',
      prompt: '<https://s.mj.run/aB3dE5fG7hI> <https://s.mj.run/jK9lM1nO3pQ> --ar 1:1',
      taskId: undefined,
    },
  ],
  [
    'blend without interaction fields (2023 capture shape)',
    { ...blendResult, interaction: undefined, interaction_metadata: undefined, content: `**--ar 1:1** - ${mention} (fast)` },
    { stage: 'done', kind: 'blend', interactionId: undefined },
  ],
  [
    'stealth, website link and -# subtext line',
    stealthWithSubtext,
    { stage: 'done', kind: 'imagine', mode: 'relaxed', taskId: TASK, prompt: PROMPT },
  ],
  [
    'prompt containing ** (greedy bold)',
    promptWithStars,
    { stage: 'done', kind: 'imagine', mode: 'turbo', taskId: '7700000001', prompt: '<#7700000001#>a **bold** fox - in snow' },
  ],
  [
    'image prompt URL before the marker',
    imagePrompt,
    {
      stage: 'done',
      kind: 'imagine',
      taskId: '7700000002',
      prompt: '<https://s.mj.run/Xy12Ab34Cd5> <#7700000002#>a fox like this one --iw 2',
    },
  ],
  ['stopped', stopped, { stage: 'stopped', kind: 'imagine', taskId: TASK, nonce: undefined }],
  [
    'plain-text moderation refusal',
    moderatorRefusal,
    {
      stage: 'error',
      ephemeral: true,
      error: {
        code: 'banned_prompt',
        title: 'Sorry! Our AI moderator thinks this prompt is probably against our community standards.',
        description: expect.stringContaining('community-guidelines'),
      },
    },
  ],
  [
    'content starting with Failed',
    failedContent,
    { stage: 'error', taskId: TASK, error: expect.objectContaining({ code: 'failed' }) },
  ],
  [
    'describe result: four prompts',
    describeResult,
    {
      stage: 'text_result',
      kind: 'describe',
      prompts: [
        'a fox in snow, watercolor --ar 3:2',
        'red fox standing in a snowy forest, soft light --ar 3:2',
        'a fox looking back over its shoulder, winter, photorealistic --ar 3:2',
        'minimalist fox illustration, white background --ar 3:2',
      ],
      imageUrl: expect.stringContaining('/4821093356.jpg?ex='),
      messageHash: undefined,
    },
  ],
  ['describe placeholder (deferred)', describePending, { stage: 'waiting', kind: 'describe', nonce: '1290000000000000003' }],
  [
    'shorten result: five prompts',
    shortenResult,
    {
      stage: 'text_result',
      kind: 'shorten',
      prompts: [
        'red fox, snow --ar 3:2',
        'red fox in snow --ar 3:2',
        'a red fox in snow --ar 3:2',
        'fox in snow --ar 3:2',
        'red fox --ar 3:2',
      ],
    },
  ],
  ['info result', infoResult, { stage: 'text_result', kind: 'unknown', interactionName: 'info', ephemeral: true }],
  ['settings deferred reply', settingsDeferred, { stage: 'waiting', kind: 'unknown', ephemeral: true }],
];

/**
 * §4.8 acknowledgements no capture shows verbatim: a reply carrying the job's Cancel Job button,
 * the bold prompt (marker included) not at the start of the content.
 */
function acknowledgements(): [string, DiscordMessage, Partial<ParsedMessage>][] {
  const cancel = [{ type: 1 as const, components: [{ type: 2, style: 4, label: 'Cancel Job', custom_id: `MJ::CancelJob::ByJobid::${VARIATION_HASH}` }] }];
  const ack = (content: string): DiscordMessage => ({ ...buttonResult('1300000000000000150', '', VARIATION_HASH), content, attachments: [], components: cancel });
  return [
    [
      'variation acknowledgement',
      ack(`Making variations for image #3 with prompt **${PROMPT}** - ${mention} (Waiting to start)`),
      { stage: 'acknowledged', kind: 'variation', index: 3, prompt: PROMPT, taskId: TASK, messageHash: VARIATION_HASH, referencedMessageId: UPSCALE_MESSAGE },
    ],
    [
      'video acknowledgement',
      ack(`Creating video with prompt **${PROMPT} --video 1** - ${mention} (Waiting to start)`),
      { stage: 'acknowledged', kind: 'video', index: undefined, prompt: `${PROMPT} --video 1`, messageHash: VARIATION_HASH },
    ],
    [
      'an acknowledgement stopped later',
      ack(`Upscaling image #2 with **${PROMPT}** - ${mention} (Stopped)`),
      { stage: 'stopped', kind: 'upscale', index: 2 },
    ],
    ['"Animating…" with an ellipsis character', ack('Animating…'), { stage: 'acknowledged', kind: 'animate', prompt: undefined }],
    [
      '"Upscaled by" without a variant (v7)',
      buttonResult('1300000000000000150', `Upscaled by ${mention} (fast)`, VARIATION_HASH, true),
      { stage: 'done', kind: 'upscale_v2', variant: undefined, mode: 'fast' },
    ],
  ];
}

describe('parseMidjourneyMessage', () => {
  // `key: undefined` in a row means "absent", which toMatchObject alone cannot express.
  it.each(cases)('%s', (_name, message, expected) => {
    const parsed = parseMidjourneyMessage(message);
    const absent = Object.keys(expected).filter((k) => expected[k as keyof ParsedMessage] === undefined);
    for (const key of absent) expect(parsed).not.toHaveProperty(key);
    expect(parsed).toMatchObject(Object.fromEntries(Object.entries(expected).filter(([, v]) => v !== undefined)));
  });
});
