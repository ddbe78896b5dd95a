import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// Tests run against the TypeScript sources of the workspace packages, not their build output.
export default defineConfig({
  resolve: {
    alias: [
      { find: /^@mjq\/common$/, replacement: src('./packages/common/src/index.ts') },
      { find: /^@mjq\/discord$/, replacement: src('./packages/discord/src/index.ts') },
      { find: /^@mjq\/api$/, replacement: src('./services/api/src/index.ts') },
      { find: /^@mjq\/dispatcher$/, replacement: src('./services/dispatcher/src/index.ts') },
      { find: /^@mjq\/listener$/, replacement: src('./services/listener/src/index.ts') },
      { find: /^@mjq\/sandbox$/, replacement: src('./services/sandbox/src/index.ts') },
      { find: /^@mjq\/stack$/, replacement: src('./stack/src/index.ts') },
    ],
  },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'services/*/test/**/*.test.ts', 'tests/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**', 'tests/bench/**'],
    globalSetup: ['./tests/support/global-redis.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
