import { describe, expect, it } from 'vitest';
import { SlotSignals } from '../src/slot-signals.js';

describe('SlotSignals', () => {
  it('hands a freed slot to the oldest waiter for that account, and only to one', async () => {
    const signals = new SlotSignals(4);
    const first = signals.register(['a', 'b'])!;
    const second = signals.register(['a'])!;
    const other = signals.register(['c'])!;
    expect(signals.offer('a')).toBe(true);
    expect(await first.wait(60_000)).toBe(true);
    expect(signals.offer('a')).toBe(true);
    expect(await second.wait(60_000)).toBe(true);
    // Nobody here waits for a any more: the freed slot must wake a parked job instead.
    expect(signals.offer('a')).toBe(false);
    other.cancel();
    expect(await other.wait(60_000)).toBe(false);
    expect(signals.waiting).toBe(0);
  });

  it('lets only maxWaiters wait; a waiter gives up after its timeout, and all give up on close', async () => {
    const signals = new SlotSignals(2);
    const a = signals.register(['x'])!;
    const b = signals.register(['x'])!;
    expect(signals.register(['y'])).toBeUndefined();
    expect(await a.wait(1)).toBe(false);
    expect(signals.waiting).toBe(1);
    const c = signals.register(['y'])!;
    signals.close();
    expect(await b.wait(60_000)).toBe(false);
    expect(await c.wait(60_000)).toBe(false);
    expect(signals.register(['x'])).toBeUndefined();
    expect(signals.offer('x')).toBe(false);
  });

  it('lets any number wait beyond the cap when told every account is full', async () => {
    const signals = new SlotSignals(1);
    const capped = signals.register(['x'])!;
    expect(signals.register(['x'])).toBeUndefined();
    const beyond = signals.register(['x'], true)!;
    expect(signals.waiting).toBe(2);
    expect(signals.offer('x')).toBe(true);
    expect(await capped.wait(60_000)).toBe(true);
    expect(signals.offer('x')).toBe(true);
    expect(await beyond.wait(60_000)).toBe(true);
  });

  it('sleeps in the process, and wakes every sleeper early on close', async () => {
    const signals = new SlotSignals(1);
    expect(await signals.sleep(1)).toBe(true);
    const long = signals.sleep(60_000);
    signals.close();
    expect(await long).toBe(false);
    expect(await signals.sleep(1)).toBe(false);
    expect(signals.register(['x'], true)).toBeUndefined();
  });
});
