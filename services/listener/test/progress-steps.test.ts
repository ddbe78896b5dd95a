import { describe, expect, it } from 'vitest';
import { ProgressSteps } from '../src/progress-steps.js';

const progress = (n: number) => ({ status: 'IN_PROGRESS' as const, progress: n });

describe('ProgressSteps', () => {
  it('skips a step no further than one applied here', () => {
    const steps = new ProgressSteps();
    expect(steps.skip('t', progress(0))).toBe(false);
    steps.stored('t', 31);
    expect(steps.skip('t', progress(31))).toBe(true);
    expect(steps.skip('t', progress(15))).toBe(true);
    expect(steps.skip('t', progress(62))).toBe(false);
    expect(steps.skip('other', progress(15))).toBe(false);
  });

  it('skips a progress step with a further one queued behind it, only once the task is in progress here', () => {
    const steps = new ProgressSteps();
    const first = steps.queue('t', progress(0));
    const second = steps.queue('t', progress(31));
    const third = steps.queue('t', progress(62));
    first();
    // The first IN_PROGRESS changes the status (a callback of its own): written whatever follows.
    expect(steps.skip('t', progress(0))).toBe(false);
    steps.stored('t', 0);
    second();
    expect(steps.skip('t', progress(31))).toBe(true);
    third();
    // Nothing queued behind the last one: written.
    expect(steps.skip('t', progress(62))).toBe(false);
  });

  it('counts the end as further than any progress, and a lower or other step as not', () => {
    const steps = new ProgressSteps();
    steps.stored('t', 0);
    const lower = steps.queue('t', progress(15));
    const modal = steps.queue('t', { status: 'MODAL' });
    expect(steps.skip('t', progress(31))).toBe(false);
    const end = steps.queue('t', { status: 'FAILURE' });
    expect(steps.skip('t', progress(93))).toBe(true);
    for (const started of [lower, modal, end]) started();
    expect(steps.skip('t', progress(93))).toBe(false);
    // Steps of other tasks do not count.
    steps.queue('u', { status: 'SUCCESS' });
    expect(steps.skip('t', progress(93))).toBe(false);
  });

  it('forgets a task whose queued steps have all started', () => {
    const steps = new ProgressSteps();
    steps.stored('t', 0);
    const a = steps.queue('t', progress(50));
    const b = steps.queue('t', progress(50));
    a();
    expect(steps.skip('t', progress(40))).toBe(true);
    b();
    expect(steps.skip('t', progress(40))).toBe(false);
  });
});
