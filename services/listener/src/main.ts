import { loadConfig, runUntilSignal, serveProbes } from '@mjq/common';
import { start } from './service.js';

await runUntilSignal('listener', async () => {
  const config = loadConfig();
  return serveProbes('listener', config, await start(config));
});
