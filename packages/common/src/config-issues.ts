import type { z } from 'zod';

/**
 * Zod's issues as the lines of "invalid configuration": where (`MJ_ACCOUNTS[0].userToken`) and
 * what is wrong, in a few words. Built from the issue's code and limits only, never from the
 * input: the environment holds Discord tokens and secrets, and these lines go to the console.
 */
export function describeConfigIssue(issue: z.core.$ZodIssue): string {
  return `${issuePath(issue.path) || '(environment)'}: ${issueProblem(issue)}`;
}

/** `['MJ_ACCOUNTS', 0, 'userToken']` → `MJ_ACCOUNTS[0].userToken`. */
export function issuePath(path: readonly PropertyKey[]): string {
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i ? '.' : ''}${String(part)}`)).join('');
}

function issueProblem(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'too_small':
      return tooSmall(issue.origin, issue.minimum, issue.inclusive ?? true);
    case 'too_big':
      return tooBig(issue.origin, issue.maximum, issue.inclusive ?? true);
    case 'invalid_type':
      // Zod names only the type it received, and "undefined" means the field is missing.
      return issue.message.endsWith('received undefined') ? 'required' : `must be ${withArticle(issue.expected)}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
    case 'invalid_format':
      // The schema's own message when it has one ("must be a Discord snowflake"), else the format.
      return isZodDefault(issue.message) ? `must be ${issue.format === 'regex' ? `like ${issue.pattern ?? 'the pattern'}` : `a valid ${issue.format}`}` : issue.message;
    default:
      return isZodDefault(issue.message) ? 'invalid' : issue.message;
  }
}

function tooSmall(origin: string, minimum: number | bigint, inclusive: boolean): string {
  if (origin === 'string') return `too short (min ${minimum})`;
  if (origin === 'array' || origin === 'set') return `needs at least ${minimum} item${Number(minimum) === 1 ? '' : 's'}`;
  return `must be ${inclusive ? '>=' : '>'} ${minimum}`;
}

function tooBig(origin: string, maximum: number | bigint, inclusive: boolean): string {
  if (origin === 'string') return `too long (max ${maximum})`;
  if (origin === 'array' || origin === 'set') return `at most ${maximum} item${Number(maximum) === 1 ? '' : 's'}`;
  return `must be ${inclusive ? '<=' : '<'} ${maximum}`;
}

const withArticle = (type: string) => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);

/** Zod's built-in messages start so; ours ("must be …") do not. */
const isZodDefault = (message: string) => /^(Invalid|Too (small|big)|Unrecognized)\b/.test(message);
