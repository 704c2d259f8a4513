import { defineConfig } from 'vitest/config'

/**
 * The slow tier: Chromium journeys, several processes at once, a real SMTP server. `npm test` runs it
 * with everything else; CI runs it once, on PostgreSQL, and the rest (`npm test -- --project main`)
 * on both databases.
 */
const slow = [
  'test/browser/**',
  'test/integration/mail.test.ts',
  'test/integration/two-processes.test.ts',
  'test/integration/workers.test.ts',
  'test/unit/platform/log-output.test.ts',
]

export default defineConfig({
  test: {
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Every declared route's answers are checked against their schemas (src/platform/http/contract.ts).
    env: { GLOSS_CHECK_RESPONSES: '1' },
    projects: [
      {
        extends: true,
        test: {
          name: 'main',
          include: ['test/**/*.test.ts', 'test/**/*.test.tsx', 'src/**/*.test.ts'],
          // The fault suite and the deploy test have their own commands and configs (vitest.*.config.ts).
          exclude: ['test/faults/**', 'test/deploy/**', 'node_modules/**', ...slow],
        },
      },
      { extends: true, test: { name: 'slow', include: slow } },
    ],
  },
})
