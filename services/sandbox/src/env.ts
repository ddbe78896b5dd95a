import { DEFAULTS, parseSpeed, type SandboxOptions } from './config.js';

/**
 * The standalone sandbox's environment, read once: SANDBOX_PORT (default 8090), SANDBOX_HOST,
 * SANDBOX_PUBLIC_URL, SANDBOX_USER_TOKEN, SANDBOX_USER_TOKENS (comma-separated: several Midjourney
 * accounts, the first is the driver), SANDBOX_BOT_TOKEN, SANDBOX_SPEED (instant | realistic |
 * <ms per step>). Every problem is reported at once.
 */
export function sandboxOptionsFromEnv(env: NodeJS.ProcessEnv): { options: SandboxOptions } | { errors: string[] } {
  const errors: string[] = [];
  const options: SandboxOptions = { port: DEFAULTS.port };
  if (env.SANDBOX_PORT !== undefined) {
    const port = Number(env.SANDBOX_PORT);
    if (Number.isInteger(port) && port >= 0 && port <= 65_535) options.port = port;
    else errors.push(`SANDBOX_PORT must be a port number, got "${env.SANDBOX_PORT}"`);
  }
  if (env.SANDBOX_SPEED !== undefined) {
    const text = env.SANDBOX_SPEED;
    const speed = parseSpeed(/^\d+$/.test(text) ? Number(text) : text);
    if (speed) options.speed = speed;
    else errors.push(`SANDBOX_SPEED must be instant, realistic or a number of ms, got "${text}"`);
  }
  if (env.SANDBOX_PUBLIC_URL !== undefined && !/^https?:\/\/[^/]+/.test(env.SANDBOX_PUBLIC_URL)) {
    errors.push(`SANDBOX_PUBLIC_URL must be an http(s) URL, got "${env.SANDBOX_PUBLIC_URL}"`);
  }
  if (env.SANDBOX_USER_TOKENS !== undefined && env.SANDBOX_USER_TOKENS !== '') {
    const tokens = env.SANDBOX_USER_TOKENS.split(',').map((t) => t.trim());
    if (tokens.some((t) => t === '') || new Set(tokens).size !== tokens.length) errors.push('SANDBOX_USER_TOKENS must be distinct, non-empty tokens separated by commas');
    else options.users = tokens.map((token) => ({ token }));
  }
  const text = (name: string) => (env[name] === undefined || env[name] === '' ? undefined : env[name]);
  const fields = { host: text('SANDBOX_HOST'), publicUrl: text('SANDBOX_PUBLIC_URL'), userToken: text('SANDBOX_USER_TOKEN'), botToken: text('SANDBOX_BOT_TOKEN') };
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) Object.assign(options, { [key]: value });
  return errors.length > 0 ? { errors } : { options };
}
