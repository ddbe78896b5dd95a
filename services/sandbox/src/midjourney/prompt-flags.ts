/** Midjourney's job modes as its messages spell them in the trailing parenthesis (§4.2). */
export type JobMode = 'fast' | 'relaxed' | 'turbo';

/**
 * Parameter names Midjourney accepts (current and legacy versions, long and short forms). Anything
 * else after `--` is refused with "Invalid parameter" (§5.1) — which is how a client learns that
 * it mangled a prompt.
 */
const KNOWN_PARAMETERS = new Set([
  'ar', 'aspect', 'c', 'chaos', 'no', 'q', 'quality', 'r', 'repeat', 'seed', 'sameseed', 'stop',
  'style', 's', 'stylize', 'tile', 'iw', 'niji', 'v', 'version', 'w', 'weird', 'fast', 'relax',
  'turbo', 'draft', 'raw', 'hd', 'test', 'testp', 'creative', 'uplight', 'upbeta', 'upanime',
  'cref', 'cw', 'sref', 'sw', 'sv', 'oref', 'ow', 'p', 'personalize', 'profile', 'exp', 'video',
  'motion', 'loop', 'end', 'bs', 'public', 'stealth', 'zoom',
]);
const PARAMETER = /(?:^|\s)--([A-Za-z][\w-]*)/g;
/** `sandbox:<kind>` anywhere in a prompt: lets concurrent tests pick Midjourney's answer per task. */
const SANDBOX_KEYWORD = /(?:^|\s)sandbox:([a-z_]+)\b/;

/** Names of the `--parameters` in a prompt, in order, lower-cased. */
export function parameterNames(prompt: string): string[] {
  return [...prompt.matchAll(PARAMETER)].map((m) => m[1]!.toLowerCase());
}

export function unknownParameters(prompt: string): string[] {
  return parameterNames(prompt).filter((name) => !KNOWN_PARAMETERS.has(name));
}

/** The mode a prompt asks for with `--fast` / `--relax` / `--turbo` (the last one wins). */
export function promptMode(prompt: string): JobMode | undefined {
  const modes = parameterNames(prompt).filter((n) => n === 'fast' || n === 'relax' || n === 'turbo');
  const last = modes.at(-1);
  return last === 'relax' ? 'relaxed' : (last as JobMode | undefined);
}

/** The `<kind>` of the first `sandbox:<kind>` keyword in the text, if any. */
export function sandboxKeyword(text: string): string | undefined {
  return SANDBOX_KEYWORD.exec(text)?.[1];
}

/** The prompt of a Midjourney message: the bold part at its start (§4.7 BOLD). */
export function boldPrompt(content: string): string | undefined {
  return /^\*\*(?<prompt>[\s\S]*)\*\* - /.exec(content)?.groups?.prompt;
}
