import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    pool: 'forks',
    globalSetup: ['test/global-setup.ts'],
    setupFiles: ['test/setup.ts'],
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: ['test/leftovers.test.ts'] } },
      // After every other file: what the suite left behind.
      { extends: true, test: { name: 'leftovers', include: ['test/leftovers.test.ts'], sequence: { groupOrder: 1 } } },
    ],
  },
});
