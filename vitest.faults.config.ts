import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

// `pnpm test:faults`: the fault suites (tests/fault: the 300-task stack under faults, exactly-once,
// limits, edge blocks, graceful stop) alone; `pnpm test` runs them with the rest.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['tests/fault/**/*.test.ts'],
    exclude: ['**/node_modules/**'],
    testTimeout: 900_000,
  },
});
