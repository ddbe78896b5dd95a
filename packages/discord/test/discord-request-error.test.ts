import { describe, expect, it } from 'vitest';
import { DiscordRequestError, failureLogFields, flattenFieldErrors, readDiscordError } from '../src/index.js';

describe('Discord error bodies (§2.2)', () => {
  it('flattens nested field errors to one `path: CODE message` line each', () => {
    const errors = {
      _errors: [{ code: 'BODY_INVALID', message: 'Bad body.' }],
      data: { components: { '0': { components: { '1': { custom_id: { _errors: [{ code: 'COMPONENT_VALIDATION_FAILED', message: 'Component validation failed' }] } } } } } },
    };
    expect(flattenFieldErrors(errors)).toEqual([
      '(body): BODY_INVALID Bad body.',
      'data.components[0].components[1].custom_id: COMPONENT_VALIDATION_FAILED Component validation failed',
    ]);
    expect(flattenFieldErrors(undefined)).toEqual([]);
  });

  it('keeps a log line bounded when a form names many fields', () => {
    const many = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`f${i}`, { _errors: [{ code: 'X', message: 'bad' }] }]));
    const lines = flattenFieldErrors(many);
    expect(lines).toHaveLength(21);
    expect(lines.at(-1)).toBe('… 10 more');
  });

  it('reads code and message of a JSON error, nothing of anything else', () => {
    expect(readDiscordError({ code: 50013, message: 'Missing Permissions' })).toEqual({ code: 50013, discordMessage: 'Missing Permissions' });
    expect(readDiscordError('error code: 1010')).toEqual({});
    expect(readDiscordError(undefined)).toEqual({});
  });

  it('gives log fields: the context for a Discord request error, the message alone for others', () => {
    const err = new DiscordRequestError('GET /gateway: Response code 401 (Unauthorized)', { method: 'GET', route: '/gateway', status: 401, code: 0 });
    expect(failureLogFields(err)).toEqual({ err: err.message, discord: { method: 'GET', route: '/gateway', status: 401, code: 0 } });
    expect(failureLogFields(new Error('boom'))).toEqual({ err: 'boom' });
  });
});
