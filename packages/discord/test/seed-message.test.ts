import { describe, expect, it } from 'vitest';
import { parseSeedMessage } from '../src/index.js';

const JOB = '0f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a';

describe('parseSeedMessage', () => {
  it('reads the job id and the seed of the ✉️ answer', () => {
    expect(parseSeedMessage(`**a quiet harbour**\n**Job ID**: ${JOB}\n**seed** 3091225761`)).toEqual({ jobId: JOB, seed: '3091225761' });
    expect(parseSeedMessage(`**Job ID**: ${JOB.toUpperCase()}\n**seed**: 7`)).toEqual({ jobId: JOB, seed: '7' });
  });

  it('is nothing for a DM without both', () => {
    expect(parseSeedMessage(`**Job ID**: ${JOB}`)).toBeUndefined();
    expect(parseSeedMessage('**seed** 12')).toBeUndefined();
    expect(parseSeedMessage('You have successfully rated this job')).toBeUndefined();
  });
});
