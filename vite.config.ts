import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    // Two cores: one fork per core keeps the tfjs CPU suites from starving each other.
    pool: 'forks',
    maxWorkers: 2,
  },
});
