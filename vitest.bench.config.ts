import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

// `pnpm bench`: the benchmarks only, one file at a time so that they do not compete for the CPU.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['tests/bench/**/*.bench.test.ts'],
    exclude: ['**/node_modules/**'],
    fileParallelism: false,
    testTimeout: 300_000,
  },
});
