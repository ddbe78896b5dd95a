import { describe, expect, it } from 'vitest';
import { decideCorrelation, type ChildCandidate, type CorrelationFacts, type MessageTraits } from '../src/correlation.js';

const H = '5e0c9c1e-3b4a-4f51-9d2e-6a7b8c9d0e1f';
const child = (id: string, fields: Partial<ChildCandidate> = {}): ChildCandidate => ({ id, status: 'SUBMITTED', submitTime: Number(id), ...fields });
const u = (n: number) => `MJ::JOB::upsample::${n}::${H}`;
const v = (n: number) => `MJ::JOB::variation::${n}::${H}`;
const upscale = (index: number, jobId?: string): MessageTraits => ({ kind: 'upscale', index, jobId });
const zoom = `MJ::Outpaint::50::1::${H}::SOLO`;
const J1 = '11111111-1111-4111-8111-111111111111';
const J2 = '22222222-2222-4222-8222-222222222222';
const unknown: MessageTraits = { kind: 'unknown' };

const cases: [string, MessageTraits, CorrelationFacts, string | undefined, string?][] = [
  ['nothing known', unknown, {}, undefined],
  ['the message id wins over everything', unknown, { byMessage: '1', byNonce: '2', byInteraction: '3', marker: { id: '4', status: 'IN_PROGRESS' } }, '1', 'message'],
  ['then the nonce', unknown, { byNonce: '2', byInteraction: '3', marker: { id: '4', status: 'IN_PROGRESS' } }, '2', 'nonce'],
  ['then the interaction id', unknown, { byInteraction: '3', marker: { id: '4', status: 'IN_PROGRESS' } }, '3', 'interaction'],
  ['a live marker', unknown, { marker: { id: '4', status: 'IN_PROGRESS' } }, '4', 'marker'],
  ['a marker of a task not yet started', unknown, { marker: { id: '4', status: 'SUBMITTED' } }, '4', 'marker'],
  ['a finished parent marker captures nothing', upscale(1), { marker: { id: '4', status: 'SUCCESS' } }, undefined],
  ['a failed parent marker neither', unknown, { marker: { id: '4', status: 'FAILURE' } }, undefined],
  ['a finished parent marker falls through to its children', upscale(2), { marker: { id: '4', status: 'SUCCESS' }, children: [child('5', { index: 1, customId: u(1) }), child('6', { index: 2, customId: u(2) })] }, '6', 'reference'],
  ['the oldest fitting child', unknown, { children: [child('9'), child('7'), child('8')] }, '7', 'reference'],
  ['ids compare as numbers', unknown, { children: [child('10', { submitTime: 1 }), child('9', { submitTime: 1 })] }, '9', 'reference'],
  ['children with a message are spoken for', unknown, { children: [child('7', { messageId: '100' }), child('8')] }, '8', 'reference'],
  ['children being applied are spoken for', unknown, { children: [child('7', { busy: true }), child('8')] }, '8', 'reference'],
  ['finished children are skipped', unknown, { children: [child('7', { status: 'SUCCESS' }), child('8', { status: 'CANCEL' })] }, undefined],
  ['a child not yet marked sent still fits (the message may beat SUBMITTED)', unknown, { children: [child('7', { status: 'NOT_START' })] }, '7', 'reference'],
  ['Image #2 skips U1', upscale(2), { children: [child('7', { index: 1 }), child('8', { index: 2 })] }, '8', 'reference'],
  ['index from the custom_id when the task has none', upscale(2), { children: [child('7', { customId: u(1) }), child('8', { customId: u(2) })] }, '8', 'reference'],
  ['Image #3 matches no U1/U2', upscale(3), { children: [child('7', { index: 1 }), child('8', { index: 2 })] }, undefined],
  ['an upscale is not a variation', upscale(1), { children: [child('7', { customId: v(1), index: 1 }), child('8', { customId: u(1), index: 1 })] }, '8', 'reference'],
  ['a variation result is not an upscale', { kind: 'variation' }, { children: [child('7', { customId: u(1) }), child('8', { customId: v(1) })] }, '8', 'reference'],
  ['a remix answers a variation click', { kind: 'remix' }, { children: [child('7', { customId: v(3) })] }, '7', 'reference'],
  ['a pan answers a pan click', { kind: 'pan' }, { children: [child('7', { customId: `MJ::Outpaint::50::1::${H}::SOLO` }), child('8', { customId: `MJ::JOB::pan_left::1::${H}::SOLO` })] }, '8', 'reference'],
  ['solo buttons say nothing of the index', upscale(1), { children: [child('7', { customId: `MJ::JOB::upsample_v6_2x_subtle::1::${H}::SOLO` })] }, undefined],
  // Today's messages (§4.8): the job id (Cancel Job button, preview, image name) and look-alike waiting messages.
  ['a reply naming the job a child recorded is that child\'s, though it has a message', { kind: 'zoom', jobId: J1 }, { children: [child('7', { messageId: '100', messageHash: J2 }), child('8', { messageId: '101', messageHash: J1 })] }, '8', 'job'],
  ['the job id beats the oldest fitting child', upscale(2, J2), { children: [child('7', { index: 2 }), child('8', { index: 2, messageHash: J2 })] }, '8', 'job'],
  ['the job id of a finished child still names it (its slot ends with it)', { kind: 'zoom', jobId: J1 }, { children: [child('7', { status: 'CANCEL', messageHash: J1 }), child('8')] }, '7', 'job'],
  ['a waiting message worded like an imagine\'s fits a zoom click', { kind: 'imagine', stage: 'waiting', jobId: J1 }, { children: [child('7', { customId: zoom })] }, '7', 'reference'],
  ['…or an Upscale (Subtle) click', { kind: 'imagine', stage: 'waiting' }, { children: [child('7', { customId: `MJ::JOB::upsample_v7_2x_subtle::1::${H}::SOLO` })] }, '7', 'reference'],
  ['…but not a U click, which has an acknowledgement of its own', { kind: 'imagine', stage: 'waiting' }, { children: [child('7', { customId: u(1) }), child('8', { customId: `MJ::JOB::reroll::0::${H}::SOLO` })] }, '8', 'reference'],
  ['…nor a variation click', { kind: 'imagine', stage: 'waiting' }, { children: [child('7', { customId: v(2) })] }, undefined],
  ['…and an imagine\'s progress is no zoom', { kind: 'imagine', stage: 'progress' }, { children: [child('7', { customId: zoom })] }, undefined],
  ['an upscale acknowledgement names its image', { kind: 'upscale', stage: 'acknowledged', index: 3 }, { children: [child('7', { customId: u(2) }), child('8', { customId: u(3) })] }, '8', 'reference'],
  ['a variation acknowledgement is no upscale', { kind: 'variation', stage: 'acknowledged', index: 1 }, { children: [child('7', { customId: u(1) }), child('8', { customId: v(1) })] }, '8', 'reference'],
  ['"Animating..." answers an animate click', { kind: 'animate', stage: 'acknowledged' }, { children: [child('7', { customId: zoom }), child('8', { customId: `MJ::JOB::animate_high::1::${H}::SOLO` })] }, '8', 'reference'],
  ['a rating answer is no job of a zoom child', { kind: 'bookmark', stage: 'text_result' }, { children: [child('7', { customId: zoom })] }, undefined],
  ['a reply to a running task\'s own message is that task\'s', { kind: 'imagine' }, { repliedTo: { id: '5', status: 'IN_PROGRESS' }, children: [child('7')] }, '5', 'reference'],
  ['a reply to a finished task\'s message goes to its children', { kind: 'imagine' }, { repliedTo: { id: '5', status: 'SUCCESS' }, children: [child('7')] }, '7', 'reference'],
  ['an unknown custom_id rules nothing out', { kind: 'zoom' }, { children: [child('7', { customId: 'MJ::Something::new' })] }, '7', 'reference'],
];

describe('decideCorrelation', () => {
  it.each(cases)('%s', (_name, message, facts, taskId, via) => {
    const got = decideCorrelation(message, facts);
    expect(got?.taskId).toBe(taskId);
    if (via) expect(got?.via).toBe(via);
  });
});
