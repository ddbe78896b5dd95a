import { existsSync } from 'node:fs';
import { runUntilSignal } from '@mjq/common';
import { startStack } from './stack.js';

// A .env beside the project (the seed's habit) is read when present; real env vars win.
if (existsSync('.env')) process.loadEnvFile('.env');

await runUntilSignal('mjq', async () => {
  const stack = await startStack();
  const sandbox = stack.sandbox ? ` on the Discord sandbox at ${stack.sandbox.url}` : '';
  console.error(`mjq is up${sandbox}: API ${stack.api.url}, playground ${stack.api.url}/playground, docs ${stack.api.url}/docs`);
  return { stop: () => stack.stop(), stopTimeoutMs: stack.config.shutdownTimeoutMs };
});
