import { describe, expect, it } from 'vitest';
import { AppError, parseSimpleChange, proxyActionOfCustomId, proxyMissingTask, proxyProgress, proxyTaskView, type Task } from '@mjq/common';
import { isOpenToOthers } from '../src/api-keys.js';
import { mjError } from '../src/mj/mj-answer.js';
import { decodeBase64Image } from '../src/mj/mj-base64.js';
import { afterCursor, decodeCursor, encodeCursor } from '../src/task-listing.js';
import { makePng } from '../../../tests/support/mjq-client.js';

const base: Task = {
  id: '7393285413120671745',
  action: 'IMAGINE',
  status: 'IN_PROGRESS',
  prompt: 'a red fox',
  progress: 31,
  imageUrls: [],
  attachments: [],
  embeds: [],
  buttons: [],
  submitTime: 1_760_000_000_000,
};

describe('the proxy Task object', () => {
  it('has every field with its JSON type, strings never null', () => {
    const view = proxyTaskView({ ...base, startTime: 1_760_000_001_000 });
    expect(view).toMatchObject({
      id: base.id,
      action: 'IMAGINE',
      customId: '',
      botType: 'MID_JOURNEY',
      prompt: 'a red fox',
      promptEn: 'a red fox',
      state: '',
      status: 'IN_PROGRESS',
      progress: '31%',
      failReason: '',
      imageUrl: '',
      submitTime: base.submitTime,
      startTime: 1_760_000_001_000,
      finishTime: null,
      buttons: [],
      properties: { finalPrompt: 'a red fox', finalZhPrompt: '', messageId: '', messageHash: '', nonce: '', discordInstanceId: '' },
    });
  });

  it('progress is "100%" exactly when terminal, and failReason only when failed', () => {
    expect(proxyProgress({ status: 'IN_PROGRESS', progress: 100 })).toBe('99%');
    expect(proxyProgress({ status: 'SUBMITTED', progress: 0 })).toBe('0%');
    expect(proxyProgress({ status: 'SUCCESS', progress: 0 })).toBe('100%');
    expect(proxyProgress({ status: 'FAILURE', progress: 12 })).toBe('100%');
    expect(proxyTaskView({ ...base, status: 'SUCCESS', failReason: 'stale' }).failReason).toBe('');
    const failed = proxyTaskView({ ...base, status: 'FAILURE' });
    expect(failed.failReason).not.toBe('');
    expect(failed.finishTime).toBe(base.submitTime);
    expect(proxyTaskView({ ...base, status: 'FAILURE', failReason: 'Banned prompt: x', failCode: 'banned_prompt' })).toMatchObject({
      failReason: 'Banned prompt: x',
      properties: { failCode: 'banned_prompt' },
    });
  });

  it('shows the notifyHook to the owner only, and keeps state and buttons', () => {
    const task: Task = {
      ...base,
      callbackUrl: 'https://hook.example/x',
      state: 'order-1',
      buttons: [{ customId: 'MJ::JOB::upsample::1::h', label: 'U1', style: 2 }, { customId: 'MJ::JOB::reroll::0::h::SOLO', emoji: '🔄' }],
    };
    expect(proxyTaskView(task).properties.notifyHook).toBeUndefined();
    expect(proxyTaskView(task, { owner: true }).properties.notifyHook).toBe('https://hook.example/x');
    expect(proxyTaskView(task).state).toBe('order-1');
    expect(proxyTaskView(task).buttons).toEqual([
      { customId: 'MJ::JOB::upsample::1::h', emoji: '', label: 'U1', type: 2, style: 2 },
      { customId: 'MJ::JOB::reroll::0::h::SOLO', emoji: '🔄', label: '', type: 2, style: 2 },
    ]);
  });

  it('names actions as the proxies do', () => {
    expect(proxyActionOfCustomId('MJ::JOB::upsample::2::h')).toBe('UPSCALE');
    expect(proxyActionOfCustomId('MJ::JOB::upsample_v6_2x_subtle::1::h::SOLO')).toBe('UPSCALE');
    expect(proxyActionOfCustomId('MJ::JOB::variation::3::h')).toBe('VARIATION');
    expect(proxyActionOfCustomId('MJ::JOB::high_variation::1::h::SOLO')).toBe('VARIATION');
    expect(proxyActionOfCustomId('MJ::JOB::reroll::0::h::SOLO')).toBe('REROLL');
    expect(proxyActionOfCustomId('MJ::JOB::pan_left::1::h::SOLO')).toBe('PAN');
    expect(proxyActionOfCustomId('MJ::Outpaint::50::1::h::SOLO')).toBe('ZOOM');
    expect(proxyActionOfCustomId('MJ::CustomZoom::h')).toBe('ZOOM');
    expect(proxyActionOfCustomId('MJ::Inpaint::1::h::SOLO')).toBe('INPAINT');
    expect(proxyActionOfCustomId('MJ::BOOKMARK::h')).toBe('ACTION');
    expect(proxyTaskView({ ...base, action: 'ACTION', customId: 'MJ::Outpaint::75::1::h::SOLO' }).action).toBe('ZOOM');
    expect(proxyTaskView({ ...base, action: 'UPLOAD' }).action).toBe('UPLOAD');
  });

  it('describes an unknown id as a finished FAILURE', () => {
    expect(proxyMissingTask('42', 1000)).toMatchObject({ id: '42', status: 'FAILURE', progress: '100%', finishTime: 1000, failReason: 'task not found or expired' });
  });
});

describe('base64 images', () => {
  const png = makePng(3);
  it('takes bare base64 and data URLs, judged by the bytes', () => {
    expect(decodeBase64Image(png.toString('base64'), 'b').contentType).toBe('image/png');
    expect(decodeBase64Image(`data:image/jpeg;base64,${png.toString('base64')}`, 'b').data.equals(png)).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['not base64', '@@@@'],
    ['bad length', 'abc'],
    ['not an image', Buffer.from('hello world!').toString('base64')],
  ])('refuses %s with VALIDATION_ERROR', (_name, value) => {
    expect(() => decodeBase64Image(value, 'base64Array[0]')).toThrowError(AppError);
    try {
      decodeBase64Image(value, 'base64Array[0]');
    } catch (err) {
      expect((err as AppError).code).toBe('VALIDATION_ERROR');
      expect((err as AppError).message).toContain('base64Array[0]');
    }
  });
});

describe("mjq's errors as the proxy's codes", () => {
  it.each([
    [400, 'VALIDATION_ERROR', 200, 4],
    [404, 'UNKNOWN_TASK', 200, 3],
    [404, 'NOT_FOUND', 404, 3],
    [429, 'QUEUE_FULL', 200, 23],
    [429, 'RATE_LIMITED', 429, 23],
    [401, 'UNAUTHORIZED', 401, 4],
    [503, 'REDIS_UNAVAILABLE', 200, 9],
    [500, 'INTERNAL_ERROR', 200, 9],
  ])('%i %s → HTTP %i code %i', (status, code, http, mj) => {
    const answer = mjError(status, code, 'm');
    expect(answer).toEqual({ status: http, body: { code: mj, description: 'm', result: null, properties: { error: code } } });
  });

  it('a banned prompt names the word and the refused task', () => {
    expect(mjError(400, 'BANNED_PROMPT', 'Banned prompt: gore', { terms: ['gore'], trigger_id: '12' }).body).toEqual({
      code: 24,
      description: 'Banned prompt: gore',
      result: '12',
      properties: { error: 'BANNED_PROMPT', bannedWord: 'gore' },
    });
  });
});

describe('simple-change and listing cursors', () => {
  it('parses "<taskId> U2"', () => {
    expect(parseSimpleChange('123 U2')).toEqual({ taskId: '123', action: 'UPSCALE', index: 2 });
    expect(parseSimpleChange('123 v4')).toEqual({ taskId: '123', action: 'VARIATION', index: 4 });
    expect(parseSimpleChange('123 R')).toEqual({ taskId: '123', action: 'REROLL' });
  });

  it('a cursor continues strictly after the last task, ties broken by id', () => {
    const cursor = decodeCursor(encodeCursor({ submitTime: 1000, id: '500' }));
    expect(afterCursor({ score: 1000, id: '500' }, cursor)).toBe(false);
    expect(afterCursor({ score: 1000, id: '499' }, cursor)).toBe(true);
    expect(afterCursor({ score: 1000, id: '501' }, cursor)).toBe(false);
    expect(afterCursor({ score: 999, id: '900' }, cursor)).toBe(true);
    expect(() => decodeCursor('garbage')).toThrowError(AppError);
  });
});

describe('the open-API warning', () => {
  it('is due with no key on a non-loopback address only', () => {
    expect(isOpenToOthers('0.0.0.0', false)).toBe(true);
    expect(isOpenToOthers('::', false)).toBe(true);
    expect(isOpenToOthers('10.0.0.5', false)).toBe(true);
    expect(isOpenToOthers('0.0.0.0', true)).toBe(false);
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]']) expect(isOpenToOthers(host, false)).toBe(false);
  });
});
