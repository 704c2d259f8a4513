import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx', 'src/**/*.test.ts'],
    // The fault suite and the deploy test have their own commands and configs (vitest.*.config.ts).
    exclude: ['test/faults/**', 'test/deploy/**', 'node_modules/**'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Every declared route's answers are checked against their schemas (src/platform/http/contract.ts).
    env: { GLOSS_CHECK_RESPONSES: '1' },
  },
})
