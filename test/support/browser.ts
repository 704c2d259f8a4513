import { existsSync } from 'node:fs'
import { chromium, type Browser } from 'playwright-core'
import { describe, it } from 'vitest'

/** Debian's Chromium; tests never download a browser. CHROMIUM_PATH points elsewhere if needed. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const chromiumExists = existsSync(CHROMIUM)

export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-quic',
      '--no-first-run',
      '--disable-sync',
    ],
  })

/**
 * Browser suites run where Chromium is installed; elsewhere they say plainly that they are skipped,
 * and under CI (CI=true) a missing browser is a failure.
 */
export function describeInBrowser(title: string, body: () => void): void {
  if (chromiumExists) describe(title, body)
  else if (process.env.CI === 'true') {
    describe(title, () => {
      it('needs Chromium, which CI installs', () => {
        throw new Error(`No Chromium at ${CHROMIUM}: .ci/run installs Debian's chromium package`)
      })
    })
  } else describe.skip(`${title} (skipped: no Chromium at ${CHROMIUM}; apt-get install chromium)`, body)
}
