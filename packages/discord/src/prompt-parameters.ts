/**
 * Midjourney's `--parameters` of a prompt, checked before a job is sent: a prompt Midjourney would
 * refuse ("Invalid parameter") costs an account's interaction and comes back as a FAILURE much
 * later. Only what Midjourney's parameter list documents is checked — names, value ranges, and
 * the documented conflicts of v7 (`--oref`, `--draft`, `--exp` need V7; `--cref` is V6 only).
 */
export type ParameterErrorCode = 'unknown_parameter' | 'invalid_value' | 'missing_value' | 'conflicting_parameters';

export interface ParameterError {
  code: ParameterErrorCode;
  parameter: string;
  message: string;
}

type Rule =
  | { kind: 'flag' }
  | { kind: 'range'; min: number; max: number; optional?: boolean }
  | { kind: 'choice'; values: readonly string[]; optional?: boolean }
  | { kind: 'ratio' }
  | { kind: 'text'; optional?: boolean };

const range = (min: number, max: number, optional = false): Rule => ({ kind: 'range', min, max, optional });
const choice = (values: readonly string[], optional = false): Rule => ({ kind: 'choice', values, optional });
const text = (optional = false): Rule => ({ kind: 'text', optional });
const flag: Rule = { kind: 'flag' };

const VERSIONS = ['1', '2', '3', '4', '5', '5.0', '5.1', '5.2', '6', '6.0', '6.1', '7'] as const;

/** Canonical name → rule; aliases map onto canonical names. */
const RULES: Record<string, Rule> = {
  v: choice(VERSIONS),
  niji: choice(['4', '5', '6', '7'], true),
  ar: { kind: 'ratio' },
  chaos: range(0, 100),
  stylize: range(0, 1000),
  weird: range(0, 3000),
  quality: choice(['.25', '0.25', '.5', '0.5', '1', '2', '4']),
  seed: range(0, 4294967295),
  stop: range(10, 100),
  repeat: range(1, 40),
  iw: range(0, 3),
  no: text(),
  style: choice(['raw', 'cute', 'expressive', 'original', 'scenic', '4a', '4b', '4c']),
  tile: flag,
  draft: flag,
  sref: text(),
  sw: range(0, 1000),
  sv: range(1, 6),
  cref: text(),
  cw: range(0, 100),
  oref: text(),
  ow: range(1, 1000),
  p: text(true),
  exp: range(0, 100),
  relax: flag,
  fast: flag,
  turbo: flag,
  video: choice(['1'], true),
  motion: choice(['low', 'high']),
  end: text(),
  loop: flag,
  bs: choice(['1', '2', '4']),
  raw: flag,
  zoom: range(1, 2),
  public: flag,
  stealth: flag,
  hd: flag,
  test: flag,
  testp: flag,
  creative: flag,
  uplight: flag,
  upbeta: flag,
  sameseed: range(0, 4294967295),
};

const ALIASES: Record<string, string> = {
  version: 'v',
  aspect: 'ar',
  c: 'chaos',
  s: 'stylize',
  w: 'weird',
  q: 'quality',
  r: 'repeat',
  personalize: 'p',
  profile: 'p',
};

export interface ParsedParameter {
  name: string;
  value: string;
}

/** The `--name value` pairs of a prompt, in order; a value is everything up to the next `--`. */
export function promptParameters(prompt: string): ParsedParameter[] {
  const found: ParsedParameter[] = [];
  const pattern = /(?:^|\s)--([A-Za-z]+)((?:\s+(?!--)\S+)*)/g;
  for (const m of prompt.matchAll(pattern)) found.push({ name: m[1]!.toLowerCase(), value: (m[2] ?? '').trim() });
  return found;
}

export function validatePromptParameters(prompt: string): ParameterError | undefined {
  const params = promptParameters(prompt);
  const seen = new Map<string, string>();
  for (const { name, value } of params) {
    const canonical = ALIASES[name] ?? name;
    const rule = RULES[canonical];
    if (!rule) return { code: 'unknown_parameter', parameter: `--${name}`, message: `Unknown parameter --${name}` };
    const problem = checkValue(rule, value);
    if (problem) return { code: problem, parameter: `--${name}`, message: valueMessage(name, rule, value, problem) };
    seen.set(canonical, value);
  }
  return checkConflicts(seen);
}

function checkValue(rule: Rule, value: string): ParameterErrorCode | undefined {
  if (rule.kind === 'flag') return undefined;
  if (value === '') return 'optional' in rule && rule.optional ? undefined : 'missing_value';
  switch (rule.kind) {
    case 'range': {
      if (!/^-?\d+(?:\.\d+)?$/.test(value)) return 'invalid_value';
      const n = Number(value);
      return n < rule.min || n > rule.max ? 'invalid_value' : undefined;
    }
    case 'choice':
      return rule.values.includes(value.toLowerCase()) ? undefined : 'invalid_value';
    case 'ratio':
      return /^\d+:\d+$/.test(value) && !/(^|:)0+(:|$)/.test(value) ? undefined : 'invalid_value';
    case 'text':
      return undefined;
  }
}

function valueMessage(name: string, rule: Rule, value: string, code: ParameterErrorCode): string {
  if (code === 'missing_value') return `--${name} needs a value`;
  if (rule.kind === 'range') return `--${name} ${value}: expected a number from ${rule.min} to ${rule.max}`;
  if (rule.kind === 'choice') return `--${name} ${value}: expected one of ${rule.values.join(', ')}`;
  if (rule.kind === 'ratio') return `--${name} ${value}: expected width:height, e.g. 16:9`;
  return `--${name} ${value} is not valid`;
}

function checkConflicts(seen: Map<string, string>): ParameterError | undefined {
  const version = seen.has('v') ? Number(seen.get('v')) : seen.has('niji') ? Number(seen.get('niji') || 6) : 7;
  const v7Only = ['oref', 'ow', 'draft', 'exp'].find((p) => seen.has(p));
  if (v7Only && version < 7) {
    return { code: 'conflicting_parameters', parameter: `--${v7Only}`, message: `--${v7Only} needs version 7 (the prompt asks for ${version})` };
  }
  if (seen.has('cref') && version >= 7) {
    return { code: 'conflicting_parameters', parameter: '--cref', message: '--cref works with V6 only; V7 uses --oref' };
  }
  if (seen.has('ow') && !seen.has('oref')) return { code: 'conflicting_parameters', parameter: '--ow', message: '--ow weighs an --oref image: add --oref' };
  if (seen.has('motion') && !seen.has('video')) return { code: 'conflicting_parameters', parameter: '--motion', message: '--motion applies to videos: add --video 1' };
  return undefined;
}
