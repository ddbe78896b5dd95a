import { describe, expect, it } from 'vitest';
import { promptParameters, validatePromptParameters } from '../src/index.js';

describe('prompt parameters', () => {
  it.each([
    'a red fox in snow',
    'a red fox --v 7 --ar 16:9 --stylize 250 --chaos 10',
    'a red fox --draft --v 7',
    'a red fox --oref https://s.mj.run/abc --ow 120',
    'a red fox --sref 1234 https://example.com/a.png --sw 300 --sv 4',
    'a red fox --p --exp 25',
    'a red fox --p m7318879261434052637',
    'a red fox --no trees, snow --q 2 --seed 4294967295',
    'a red fox --v 6.1 --cref https://s.mj.run/x --cw 50',
    'a red fox --niji 6 --style cute --tile',
    'waves --video 1 --motion high --bs 2 --end loop',
    'a red fox --relax',
    'a red fox --zoom 1.5',
  ])('accepts %j', (prompt) => {
    expect(validatePromptParameters(prompt)).toBeUndefined();
  });

  it.each([
    ['a fox --frobnicate 3', 'unknown_parameter', '--frobnicate'],
    ['a fox --chaos 101', 'invalid_value', '--chaos'],
    ['a fox --stylize lots', 'invalid_value', '--stylize'],
    ['a fox --ar 16x9', 'invalid_value', '--ar'],
    ['a fox --ar 0:1', 'invalid_value', '--ar'],
    ['a fox --v 8', 'invalid_value', '--v'],
    ['a fox --seed', 'missing_value', '--seed'],
    ['a fox --exp 101', 'invalid_value', '--exp'],
    ['a fox --ow 0 --oref https://x/y.png', 'invalid_value', '--ow'],
    ['a fox --v 6 --oref https://x/y.png', 'conflicting_parameters', '--oref'],
    ['a fox --v 6.1 --draft', 'conflicting_parameters', '--draft'],
    ['a fox --niji 6 --exp 10', 'conflicting_parameters', '--exp'],
    ['a fox --v 7 --cref https://x/y.png', 'conflicting_parameters', '--cref'],
    ['a fox --ow 100', 'conflicting_parameters', '--ow'],
    ['a fox --motion high', 'conflicting_parameters', '--motion'],
  ])('refuses %j (%s)', (prompt, code, parameter) => {
    expect(validatePromptParameters(prompt)).toMatchObject({ code, parameter, message: expect.any(String) });
  });

  it('reads multi-word values up to the next parameter; aliases are accepted', () => {
    expect(promptParameters('x --no red trees --aspect 2:3 --s 50')).toEqual([
      { name: 'no', value: 'red trees' },
      { name: 'aspect', value: '2:3' },
      { name: 's', value: '50' },
    ]);
    expect(validatePromptParameters('x --version 7 --c 5 --q 1 --w 100 --personalize')).toBeUndefined();
  });

  it('leaves a -- inside a URL or a word alone', () => {
    expect(validatePromptParameters('https://ex.com/a--b.png a fox--like cat')).toBeUndefined();
  });
});
