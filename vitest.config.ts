import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // Integration tests drive real git processes; a slow disk must not fail them.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
