import type { TaskStore } from '@mjq/common';
import type { ParsedMessage } from '@mjq/discord';
import { describe, expect, it } from 'vitest';
import { LinkCache } from '../src/link-cache.js';
import { MessageCorrelator } from '../src/message-correlator.js';

/** A store that counts the lookups it is asked for and knows the links it is given. */
function countingStore(links: Record<string, string>) {
  const asked: string[] = [];
  const find = (kind: string) => async (id: string) => {
    asked.push(`${kind}:${id}`);
    return links[`${kind}:${id}`];
  };
  const store = {
    findByMessage: find('message'),
    findByNonce: find('nonce'),
    findByInteraction: find('interaction'),
    get: async (id: string) => {
      asked.push(`task:${id}`);
      return undefined;
    },
  } as unknown as TaskStore;
  return { store, asked };
}

const message = (over: Partial<ParsedMessage>): ParsedMessage => ({ messageId: 'm-1', channelId: 'c', stage: 'result', kind: 'imagine', imageUrls: [], buttons: [], ephemeral: false, ...over });

describe('MessageCorrelator', () => {
  it('matches a result with a new message id through its interaction known here, asking Redis nothing', async () => {
    const { store, asked } = countingStore({});
    const links = new LinkCache();
    links.remember('interaction', 'i-1', 'task-7');
    const correlator = new MessageCorrelator(store, () => false, links);
    expect(await correlator.correlate(message({ messageId: 'm-new', interactionId: 'i-1' }))).toEqual({ taskId: 'task-7', via: 'interaction' });
    expect(asked).toEqual([]);
  });

  it('keeps the order of the ids when more than one is known here (message first)', async () => {
    const { store, asked } = countingStore({});
    const links = new LinkCache();
    links.remember('nonce', 'n-1', 'task-1');
    links.remember('message', 'm-1', 'task-1');
    const correlator = new MessageCorrelator(store, () => false, links);
    expect(await correlator.correlate(message({ messageId: 'm-1', nonce: 'n-1' }))).toEqual({ taskId: 'task-1', via: 'message' });
    expect(asked).toEqual([]);
  });

  it('asks the store for a first message’s nonce alone, and remembers what it found', async () => {
    const { store, asked } = countingStore({ 'nonce:n-2': 'task-2' });
    const correlator = new MessageCorrelator(store, () => false, new LinkCache());
    const first = message({ messageId: 'm-2', nonce: 'n-2', interactionId: 'i-2' });
    expect(await correlator.correlate(first)).toEqual({ taskId: 'task-2', via: 'nonce' });
    expect(asked).toEqual(['nonce:n-2']);
    asked.length = 0;
    expect(await correlator.correlate(message({ messageId: 'm-3', nonce: 'n-2' }))).toEqual({ taskId: 'task-2', via: 'nonce' });
    expect(asked).toEqual([]);
  });

  it('asks for the message and interaction ids when the nonce names no task (or there is none)', async () => {
    const { store, asked } = countingStore({ 'interaction:i-4': 'task-4', 'message:m-5': 'task-5' });
    const correlator = new MessageCorrelator(store, () => false, new LinkCache());
    expect(await correlator.correlate(message({ messageId: 'm-4', nonce: 'n-other', interactionId: 'i-4' }))).toEqual({ taskId: 'task-4', via: 'interaction' });
    expect(asked.sort()).toEqual(['interaction:i-4', 'message:m-4', 'nonce:n-other']);
    asked.length = 0;
    expect(await correlator.correlate(message({ messageId: 'm-5' }))).toEqual({ taskId: 'task-5', via: 'message' });
    expect(asked).toEqual(['message:m-5']);
  });
});
