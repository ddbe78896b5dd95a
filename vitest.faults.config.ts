import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

// `pnpm test:faults`: the fault suite (tests/faults) alone; `pnpm test` runs it with the rest.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['tests/faults/**/*.test.ts'],
    exclude: ['**/node_modules/**'],
    testTimeout: 900_000,
  },
});
