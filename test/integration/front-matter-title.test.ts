import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseKind } from '../support/database.ts'
import { consultation, type Consultation } from '../support/consultation.ts'

/** The h1 elements of a page, as their text. */
const headingsOf = (html: string) =>
  [...html.matchAll(/<h1[\s>][^]*?<\/h1>/g)].map((m) => m[0].replace(/<[^>]*>/g, '').trim())

/**
 * A guide may be titled only in its front matter (`title:`), with no "# " heading in its text: its
 * reading page still names it in its one h1, and a guide with its own heading does not get a second.
 */
describe(`a reading page's title (${databaseKind})`, () => {
  let c: Consultation<never>

  beforeAll(async () => {
    c = await consultation({
      guides: [
        {
          slug: 'buy',
          markdown:
            '---\ntitle: Buying locally\n---\nBuy from local firms first.\n\nPay them within a month.\n',
          openAfterJoining: true,
        },
        { slug: 'own', markdown: '# Its own heading\n\nText.\n', openAfterJoining: true },
      ],
    })
  })
  afterAll(async () => {
    await c.close()
  })

  it('gives a guide titled only in its front matter its title as the h1', async () => {
    for (const path of ['/g/buy', '/g/buy/1']) {
      const response = await c.visitor().request(path)
      expect(response.status).toBe(200)
      expect(headingsOf(await response.text())).toEqual(['Buying locally'])
    }
  })

  it('keeps exactly one h1 when the guide has its own heading', async () => {
    const response = await c.visitor().request('/g/own')
    expect(response.status).toBe(200)
    expect(headingsOf(await response.text())).toEqual(['Its own heading'])
  })
})
