import { loadConfig, runUntilSignal, serveProbes } from '@mjq/common';
import { start } from './service.js';

await runUntilSignal('dispatcher', async () => {
  const config = loadConfig();
  return serveProbes('dispatcher', config, await start(config));
});
