import { pino, type Logger, type LoggerOptions } from 'pino';

/** Fields that may hold secrets, at any of the depths our log calls use. */
const SECRET_KEYS = [
  'token',
  'userToken',
  'botToken',
  'authorization',
  'Authorization',
  'apiKey',
  'apiKeys',
  'api_key',
  'password',
  'secret',
  'webhookSecret',
  'mj-api-secret',
  'x-api-key',
  'secretAccessKey',
  'sessionToken',
  // Proxy URLs may carry credentials (DISCORD_PROXY, an account's `proxy`).
  'proxy',
  'DISCORD_PROXY',
];
export const REDACT_PATHS = SECRET_KEYS.flatMap((k) => {
  const key = /^[A-Za-z_$][\w$]*$/.test(k) ? k : `["${k}"]`;
  const dot = key.startsWith('[') ? '' : '.';
  return [key, `*${dot}${key}`, `*.*${dot}${key}`, `*.*.*${dot}${key}`];
});

export type { Logger };

export function createLogger(name: string, level: LoggerOptions['level'] = 'info', destination?: pino.DestinationStream): Logger {
  const options: LoggerOptions = {
    name,
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    base: { service: name },
  };
  return destination ? pino(options, destination) : pino(options);
}
