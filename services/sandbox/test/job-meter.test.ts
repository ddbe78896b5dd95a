import { describe, expect, it } from 'vitest';
import { JobMeter } from '../src/measurements/job-meter.js';

describe('JobMeter history', () => {
  it('records when each job started and ended, and how', () => {
    const meter = new JobMeter();
    const endA = meter.begin('u1');
    const endB = meter.begin('u2');
    endA('done');
    endA('error');
    const [a, b] = meter.history();
    expect(a).toMatchObject({ userId: 'u1', outcome: 'done' });
    expect(a!.endedAt).toBeGreaterThanOrEqual(a!.startedAt);
    expect(b).toMatchObject({ userId: 'u2' });
    expect(b!.endedAt).toBeUndefined();
    meter.clear();
    endB('done');
    expect(meter.history()).toEqual([]);
  });
});
