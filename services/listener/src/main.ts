import { loadConfig, runUntilSignal } from '@mjq/common';
import { start } from './service.js';

await runUntilSignal('listener', () => start(loadConfig()));
