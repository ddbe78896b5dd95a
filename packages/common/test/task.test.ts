import { describe, expect, it } from 'vitest';
import { canTransition, isTerminal, TASK_STATUSES, type TaskStatus } from '../src/task.js';
import { composeTaskId } from '../src/ids.js';

describe('status machine', () => {
  const forward: [TaskStatus, TaskStatus][] = [
    ['NOT_START', 'SUBMITTED'],
    ['SUBMITTED', 'IN_PROGRESS'],
    ['SUBMITTED', 'MODAL'],
    ['MODAL', 'IN_PROGRESS'],
    ['IN_PROGRESS', 'SUCCESS'],
    ['NOT_START', 'FAILURE'],
    ['SUBMITTED', 'CANCEL'],
  ];
  it.each(forward)('%s → %s is allowed', (from, to) => expect(canTransition(from, to)).toBe(true));

  const backward: [TaskStatus, TaskStatus][] = [
    ['IN_PROGRESS', 'SUBMITTED'],
    ['SUBMITTED', 'NOT_START'],
    ['SUCCESS', 'IN_PROGRESS'],
    ['SUCCESS', 'FAILURE'],
    ['FAILURE', 'SUCCESS'],
    ['CANCEL', 'SUCCESS'],
    ['SUBMITTED', 'SUBMITTED'],
  ];
  it.each(backward)('%s → %s is refused', (from, to) => expect(canTransition(from, to)).toBe(false));

  it('stays IN_PROGRESS only when progress grows', () => {
    expect(canTransition('IN_PROGRESS', 'IN_PROGRESS', { current: 31, next: 62 })).toBe(true);
    expect(canTransition('IN_PROGRESS', 'IN_PROGRESS', { current: 62, next: 62 })).toBe(false);
    expect(canTransition('IN_PROGRESS', 'IN_PROGRESS', { current: 62, next: 31 })).toBe(false);
    expect(canTransition('IN_PROGRESS', 'IN_PROGRESS')).toBe(false);
  });

  it('nothing leaves a terminal status', () => {
    for (const from of TASK_STATUSES.filter(isTerminal))
      for (const to of TASK_STATUSES) expect(canTransition(from, to, { current: 0, next: 100 })).toBe(false);
  });
});

describe('task ids', () => {
  it('are numeric strings that sort by time and keep their timestamp', () => {
    const a = composeTaskId(1_800_000_000_000, 1);
    const b = composeTaskId(1_800_000_000_000, 2);
    const c = composeTaskId(1_800_000_000_001, 0);
    expect(a).toMatch(/^\d+$/);
    expect(BigInt(a) < BigInt(b) && BigInt(b) < BigInt(c)).toBe(true);
    // The high bits are milliseconds since Discord's epoch, as in a snowflake.
    expect((BigInt(c) >> 22n) + 1_420_070_400_000n).toBe(1_800_000_000_001n);
    expect(BigInt(a) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
  });
});
