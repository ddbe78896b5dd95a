import { describe, expect, it } from 'vitest';
import { CommandIndexError, isInvalidCommandVersionError, parseCommandIndex } from '../src/index.js';
import { commandIndex, componentValidationBody, invalidVersionBody } from './fixtures/command-index.js';

describe('parseCommandIndex (§2.4)', () => {
  it("keys Midjourney's commands by name and drops other applications'", () => {
    const commands = parseCommandIndex(commandIndex);
    expect([...commands.keys()]).toEqual(['imagine', 'describe', 'blend', 'shorten', 'settings']);
    expect(commands.get('imagine')).toEqual({
      id: '938956540159881230',
      version: '1237876415471554623',
      name: 'imagine',
      type: 1,
      applicationId: '936929561302675456',
    });
  });

  it('reads another application when asked (Niji)', () => {
    const niji = parseCommandIndex(commandIndex, '1022952195194359889');
    expect([...niji.values()]).toEqual([
      { id: '1023054140580057099', version: '1166847114203123799', name: 'imagine', type: 1, applicationId: '1022952195194359889' },
    ]);
  });

  const malformed: [string, unknown][] = [
    ['null', null],
    ['a string', 'oops'],
    ['no application_commands', { applications: [] }],
    ['application_commands not an array', { application_commands: {} }],
    ['a non-object entry', { application_commands: [42] }],
    [
      'a Midjourney command without version',
      { application_commands: [{ id: '1', type: 1, application_id: '936929561302675456', name: 'imagine' }] },
    ],
  ];
  it.each(malformed)('throws a CommandIndexError on %s', (_name, json) => {
    expect(() => parseCommandIndex(json)).toThrow(CommandIndexError);
  });

  it('ignores malformed commands of other applications', () => {
    const json = { application_commands: [{ application_id: '1', name: 7 }, ...commandIndex.application_commands] };
    expect(parseCommandIndex(json).size).toBe(5);
  });
});

describe('isInvalidCommandVersionError (§5.2)', () => {
  const cases: [string, number, unknown, boolean][] = [
    ['stale version', 400, invalidVersionBody, true],
    [
      'code nested deeper',
      400,
      { code: 50035, errors: { data: { options: { '0': { _errors: [{ code: 'INTERACTION_APPLICATION_COMMAND_INVALID_VERSION' }] } } } } },
      true,
    ],
    ['component validation', 400, componentValidationBody, false],
    ['same body, other status', 404, invalidVersionBody, false],
    ['other error code', 400, { ...invalidVersionBody, code: 10063 }, false],
    ['unknown message', 404, { code: 10008, message: 'Unknown Message' }, false],
    ['empty body', 400, '', false],
    ['no errors', 400, { code: 50035, message: 'Invalid Form Body' }, false],
  ];
  it.each(cases)('%s', (_name, status, body, expected) => expect(isInvalidCommandVersionError(status, body)).toBe(expected));
});
