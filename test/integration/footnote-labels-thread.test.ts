import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseKind } from '../support/database.ts'
import { consultation, type Consultation } from '../support/consultation.ts'

const GUIDE = '# Records\n\nKeep records.[^1]\n\n[^1]: For six years.\n'

/** A footnote's way back to its reference is one of the page's controls: it speaks the reader's language. */
describe(`a footnote's way back on its thread page (${databaseKind})`, () => {
  let c: Consultation<never>
  let key = ''

  beforeAll(async () => {
    c = await consultation({ guides: [{ slug: 'records', markdown: GUIDE, state: 'open' }] })
    key = c.guide.key('For six years')
  })
  afterAll(async () => {
    await c.close()
  })

  it('is labelled in Welsh for a Welsh reader and in English for an English one', async () => {
    const page = async (language: string) =>
      (
        await c.visitor().request(`/g/records/1/b/${key}`, { headers: { 'accept-language': language } })
      ).text()
    const welsh = await page('cy')
    expect(welsh).toContain('aria-label="Yn ôl at gyfeiriad 1"')
    expect(welsh).not.toContain('Back to reference')
    expect(await page('en')).toContain('aria-label="Back to reference 1"')
  })
})
