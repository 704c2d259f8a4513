import { defineConfig } from 'vitest/config'

/**
 * `npm run test:deploy`: the shipped deploy/ configuration with real nginx in front of real `gloss serve`
 * processes. It needs PostgreSQL (several processes on one database), so CI runs it once, there.
 */
export default defineConfig({
  test: {
    include: ['test/deploy/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    fileParallelism: false,
  },
})
