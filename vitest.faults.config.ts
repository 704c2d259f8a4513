import { defineConfig } from 'vitest/config'

/**
 * `npm run test:faults`: database restarts, killed processes, shutdown, collisions between processes
 * and fuzzing. Slower than the main suite, so CI runs it as its own step.
 */
export default defineConfig({
  test: {
    include: ['test/faults/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 180_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Every declared route's answers are checked against their schemas (src/platform/http/contract.ts).
    env: { GLOSS_CHECK_RESPONSES: '1' },
    fileParallelism: false,
  },
})
