import { pino, type Logger, type LoggerOptions } from 'pino';
import { redactSecrets } from './log-redaction.js';

export type { Logger };

export function createLogger(name: string, level: LoggerOptions['level'] = 'info', destination?: pino.DestinationStream): Logger {
  const options: LoggerOptions = {
    name,
    level,
    // Secrets are hidden at any depth in what each call logs (and in a child's bindings, below).
    formatters: { log: redactSecrets },
    base: { service: name },
  };
  const logger = destination ? pino(options, destination) : pino(options);
  // Pino's children inherit from their parent: every descendant's `child` is this one.
  const child = logger.child;
  logger.child = function (this: Logger, bindings, childOptions) {
    return child.call(this, redactSecrets(bindings), childOptions);
  } as Logger['child'];
  return logger;
}
