import { describe, expect, it } from 'vitest';
import { classifyMidjourneyEmbed, parseMidjourneyMessage, type MidjourneyErrorCode } from '../src/index.js';
import { actionNeeded, embedAnswer, jobQueued, RED, YELLOW } from './fixtures/embed-messages.js';
import { TASK } from './fixtures/ids.js';

/** Every title of the §5.1 table, as Midjourney spells it. */
const titles: [title: string, code: MidjourneyErrorCode][] = [
  ['Banned prompt', 'banned_prompt'],
  ['Banned prompt detected', 'banned_prompt'],
  ['Banned image prompt', 'banned_prompt'],
  ['Invalid parameter', 'invalid_parameter'],
  ['Invalid prompt', 'invalid_parameter'],
  ['Invalid request', 'invalid_parameter'],
  ['Empty prompt', 'invalid_parameter'],
  ['Invalid link', 'invalid_link'],
  ['Action needed to continue', 'action_needed'],
  ['Pending mod message', 'pending_mod'],
  ['Queue full', 'queue_full'],
  ['Credits exhausted', 'credits_exhausted'],
  ['Subscription required', 'subscription_required'],
  ['Subscription paused', 'subscription_required'],
  ['Plan Cancelled', 'subscription_required'],
  ['Blocked', 'blocked'],
  ['Request cancelled due to output filters', 'output_filtered'],
  ['Duplicate images detected', 'duplicate_images'],
  ['Tos not accepted', 'tos_not_accepted'],
  ['Job action restricted', 'restricted'],
  ['Please complete the task', 'restricted'],
  ['Action required to continue', 'restricted'],
];

describe('Midjourney error embeds (§5.1)', () => {
  // Colour per title is unverified: the title must decide even when the embed is yellow.
  it.each(titles)('"%s" → %s', (title, code) => {
    expect(classifyMidjourneyEmbed({ title, description: '…', color: YELLOW })).toEqual({ stage: 'error', code });
    const parsed = parseMidjourneyMessage(embedAnswer(title, 'Details from Midjourney', RED));
    expect(parsed).toMatchObject({
      stage: 'error',
      kind: 'imagine',
      ephemeral: true,
      nonce: '1290000000000000000',
      taskId: TASK,
      error: { code, title, description: 'Details from Midjourney' },
    });
  });

  it('Job queued is a queued stage, not an error', () => {
    expect(classifyMidjourneyEmbed({ title: 'Job queued', color: YELLOW })).toEqual({ stage: 'queued' });
    const parsed = parseMidjourneyMessage(jobQueued);
    expect(parsed.stage).toBe('queued');
    expect(parsed.error).toBeUndefined();
  });

  it('keeps the Appeal button of "Action needed to continue" clickable', () => {
    const parsed = parseMidjourneyMessage(actionNeeded);
    expect(parsed.error?.code).toBe('action_needed');
    expect(parsed.buttons[0]?.customId).toMatch(/^MJ::Prompts::Appeal::/);
  });

  const fallbacks: [string, Parameters<typeof classifyMidjourneyEmbed>[0], ReturnType<typeof classifyMidjourneyEmbed>][] = [
    ['unknown title containing Invalid', { title: 'Invalid aspect ratio', color: YELLOW }, { stage: 'error', code: 'invalid_parameter' }],
    [
      'captcha wording',
      { title: 'Hold on', description: 'To continue, please verify you’re human.' },
      { stage: 'error', code: 'restricted' },
    ],
    ['unknown red embed', { title: 'Something went wrong', color: RED }, { stage: 'error', code: 'unknown_error' }],
    ['unknown yellow embed', { title: 'Heads up', color: YELLOW }, { stage: 'info' }],
    ['describe result (no title)', { description: '1️⃣ a fox' }, { stage: 'info' }],
    ['title with odd case and spaces', { title: '  banned PROMPT ' }, { stage: 'error', code: 'banned_prompt' }],
    ['prototype key as title', { title: 'constructor' }, { stage: 'info' }],
  ];
  it.each(fallbacks)('%s', (_name, embed, expected) => expect(classifyMidjourneyEmbed(embed)).toEqual(expected));
});
