import { describe, expect, it } from 'vitest';
import { buttonViews } from '../playground/src/buttons.js';
import { apiErrorText, failureText } from '../playground/src/error-words.js';
import { parseRecent, RECENT_LIMIT, remember, unfinished } from '../playground/src/recent-tasks.js';
import { SseParser } from '../playground/src/sse-parser.js';
import type { Task } from '../playground/src/task-model.js';

// The playground's pure logic (its DOM and fetch wiring is covered by tests/browser).

describe('SseParser', () => {
  const stream = 'retry: 3000\n\nid: 1-0\nevent: created\ndata: {"a":1}\n\n: heartbeat\n\nid: 2-0\r\nevent: generating\r\ndata: {"b":\r\ndata: 2}\r\n\r\n';

  it('reads events, ids and retry, skipping comments and keeping multi-line data', () => {
    const parser = new SseParser();
    expect(parser.push(stream)).toEqual([
      { id: '1-0', event: 'created', data: '{"a":1}' },
      { id: '2-0', event: 'generating', data: '{"b":\n2}' },
    ]);
    expect(parser.retryMs).toBe(3000);
    expect(parser.lastEventId).toBe('2-0');
  });

  it('gives the same events whatever the chunks are cut at', () => {
    const whole = new SseParser().push(stream);
    for (let size = 1; size < 12; size++) {
      const parser = new SseParser();
      const events = [];
      for (let i = 0; i < stream.length; i += size) events.push(...parser.push(stream.slice(i, i + size)));
      expect(events).toEqual(whole);
    }
  });

  it('holds an event back until its blank line; an event without id or name gets the defaults', () => {
    const parser = new SseParser();
    expect(parser.push('data: x\n')).toEqual([]);
    expect(parser.push('\n')).toEqual([{ event: 'message', data: 'x' }]);
  });
});

describe('error words', () => {
  it('says what an API code means, keeping the code and any detail the server adds', () => {
    expect(apiErrorText(401, { code: 'UNAUTHORIZED', message: 'Missing or invalid API key' })).toBe(
      'The API key is missing or wrong: enter a valid key under "API key" (UNAUTHORIZED)',
    );
    expect(apiErrorText(429, { code: 'QUEUE_FULL', message: 'Queue full' })).toMatch(/^The queue is full.*\(QUEUE_FULL\): Queue full$/);
    expect(apiErrorText(400, { code: 'VALIDATION_ERROR', message: 'prompt: Required' })).toContain('prompt: Required');
    expect(apiErrorText(502, undefined)).toBe('The request failed with HTTP 502');
  });

  it('says why a task failed, with Midjourney’s own reason after', () => {
    expect(failureText('banned_prompt', 'Banned prompt: fox')).toBe('Midjourney refused the prompt (banned words) — Banned prompt: fox');
    expect(failureText('something_new', undefined)).toBe('Failed (something_new)');
  });
});

describe('buttonViews', () => {
  it('names emoji buttons for screen readers, keeps labels, turns link buttons into links', () => {
    const views = buttonViews([
      { customId: 'MJ::JOB::upsample::1::h', label: 'U1' },
      { customId: 'MJ::JOB::reroll::0::h::SOLO', emoji: '🔄' },
      { customId: 'MJ::JOB::pan_left::1::h::SOLO', emoji: '⬅️' },
      { customId: 'MJ::Job::PicReader::2', label: '2' },
      { customId: '', label: 'Web', style: 5, url: 'https://www.midjourney.com/jobs/h' },
      { customId: '', label: '\u200b', style: 5, url: 'https://www.midjourney.com/jobs/g' },
      { customId: '', style: 5 },
    ]);
    expect(views.map((v) => [v.kind, v.text, v.name])).toEqual([
      ['click', 'U1', 'U1'],
      ['click', '🔄', 'Reroll (run the prompt again)'],
      ['click', '⬅️', 'Pan left'],
      ['click', '2', 'Imagine prompt 2'],
      ['link', 'Web', 'Open on midjourney.com'],
      ['link', 'Web', 'Open on midjourney.com'],
    ]);
  });
});

describe('recent tasks', () => {
  const task = (id: string, status: Task['status'], extra: Partial<Task> = {}): Task => ({
    id, action: 'IMAGINE', status, prompt: `p${id}`, progress: 0, buttons: [], submitTime: Number(id), ...extra,
  });

  it('puts a new task first, updates a known one in place, and keeps at most the limit', () => {
    let list = remember([], task('1', 'NOT_START'));
    list = remember(list, task('2', 'NOT_START'));
    list = remember(list, task('1', 'FAILURE', { failCode: 'timeout', failReason: 'no progress' }));
    expect(list.map((t) => [t.id, t.status, t.failCode])).toEqual([['2', 'NOT_START', undefined], ['1', 'FAILURE', 'timeout']]);
    expect(unfinished(list)).toEqual(['2']);
    for (let i = 10; i < 10 + RECENT_LIMIT; i++) list = remember(list, task(String(i), 'SUCCESS'));
    expect(list).toHaveLength(RECENT_LIMIT);
    expect(list[0]!.id).toBe(String(9 + RECENT_LIMIT));
  });

  it('never lets a stale running view replace a finished one', () => {
    const done = remember([], task('1', 'SUCCESS', { imageUrl: 'http://x/i.webp' }));
    expect(remember(done, task('1', 'IN_PROGRESS'))).toBe(done);
  });

  it('reads back what it stored and drops anything unreadable', () => {
    const list = remember([], task('7', 'SUCCESS'));
    expect(parseRecent(JSON.stringify(list))).toEqual(list);
    expect(parseRecent('{not json')).toEqual([]);
    expect(parseRecent(JSON.stringify([{ id: 'x' }, 5, null, ...list]))).toEqual(list);
    expect(parseRecent(null)).toEqual([]);
  });
});
