import { existsSync } from 'node:fs'
import { chromium, type Browser, type Page } from 'playwright-core'
import { PASSWORD } from './session.ts'
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

/** Signs in through the real form, as a person would, and waits to leave the sign-in page. */
export async function signInAs(page: Page, baseUrl: string, email: string): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`)
  await page.getByLabel(/email/i).fill(email)
  await page.getByLabel(/password/i).fill(PASSWORD)
  await page.getByRole('button', { name: /sign in/i }).click()
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'))
}
