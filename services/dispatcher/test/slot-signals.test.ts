import { describe, expect, it } from 'vitest';
import { SlotSignals } from '../src/slot-signals.js';

describe('SlotSignals', () => {
  it('hands a freed slot to the oldest waiter for that account, and only to one', async () => {
    const signals = new SlotSignals(4);
    const first = signals.register(['a', 'b'], 1)!;
    const second = signals.register(['a'], 2)!;
    const other = signals.register(['c'], 3)!;
    expect(signals.offer('a')).toBe(true);
    expect(await first.wait(60_000)).toBe(true);
    expect(signals.offer('a')).toBe(true);
    expect(await second.wait(60_000)).toBe(true);
    // Nobody here waits for a any more: the freed slot must wake a parked job instead.
    expect(signals.offer('a')).toBe(false);
    other.done();
    expect(await other.wait(60_000)).toBe(false);
    expect(signals.waiting).toBe(0);
  });

  it('lets only maxWaiters wait; a waiter gives up after its timeout, and all give up on close', async () => {
    const signals = new SlotSignals(2);
    const a = signals.register(['x'], 4)!;
    const b = signals.register(['x'], 5)!;
    expect(signals.register(['y'], 6)).toBeUndefined();
    expect(await a.wait(1)).toBe(false);
    expect(signals.waiting).toBe(1);
    const c = signals.register(['y'], 7)!;
    signals.close();
    expect(await b.wait(60_000)).toBe(false);
    expect(await c.wait(60_000)).toBe(false);
    expect(signals.register(['x'], 8)).toBeUndefined();
    expect(signals.offer('x')).toBe(false);
  });

  it('lets any number wait beyond the cap when told every account is full', async () => {
    const signals = new SlotSignals(1);
    const capped = signals.register(['x'], 9)!;
    expect(signals.register(['x'], 10)).toBeUndefined();
    const beyond = signals.register(['x'], 11, true)!;
    expect(signals.waiting).toBe(2);
    expect(signals.offer('x')).toBe(true);
    expect(await capped.wait(60_000)).toBe(true);
    expect(signals.offer('x')).toBe(true);
    expect(await beyond.wait(60_000)).toBe(true);
  });

  it('keeps waiters in the order they were queued, whenever they registered', async () => {
    const signals = new SlotSignals(4);
    const younger = signals.register(['a'], 200)!;
    // Its claim failed again after a wait: back in line at its place, ahead of the younger one.
    const older = signals.register(['a'], 100)!;
    const sameAge = signals.register(['a'], 200)!;
    expect(signals.offer('a')).toBe(true);
    expect(await older.wait(60_000)).toBe(true);
    expect(signals.offer('a')).toBe(true);
    expect(await younger.wait(60_000)).toBe(true);
    expect(signals.offer('a')).toBe(true);
    expect(await sameAge.wait(60_000)).toBe(true);
  });

  it('leaves an account to older waiters and to a job woken for its freed slot until that job has claimed', async () => {
    const signals = new SlotSignals(4);
    expect(signals.queued('a', 150)).toBe(false);
    const waiter = signals.register(['a'], 100)!;
    expect(signals.queued('a', 150)).toBe(true);
    expect(signals.queued('a', 50)).toBe(false);
    expect(signals.queued('b', 150)).toBe(false);
    expect(signals.offer('a')).toBe(true);
    expect(await waiter.wait(60_000)).toBe(true);
    // Woken, not yet claimed: the slot is promised to it, whatever the age of the asker.
    expect(signals.queued('a', 50)).toBe(true);
    waiter.done();
    expect(signals.queued('a', 150)).toBe(false);
    // A waiter that gives up unwoken promised nothing.
    const late = signals.register(['a'], 100)!;
    late.done();
    late.done();
    expect(signals.queued('a', 150)).toBe(false);
  });

  it('sleeps in the process, and wakes every sleeper early on close', async () => {
    const signals = new SlotSignals(1);
    expect(await signals.sleep(1)).toBe(true);
    const long = signals.sleep(60_000);
    signals.close();
    expect(await long).toBe(false);
    expect(await signals.sleep(1)).toBe(false);
    expect(signals.register(['x'], 12, true)).toBeUndefined();
  });
});
