import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { accessibilityResults } from '../../src/site/accessibility-results.ts'
import { consultation, type Consultation } from '../support/consultation.ts'
import { databaseKind } from '../support/database.ts'

describe(`the accessibility statement (${databaseKind})`, () => {
  let c: Consultation<never>
  beforeAll(async () => {
    c = await consultation({
      config: { contactEmail: 'access@council.example' },
      admin: { email: 'ed@example.org', name: 'Ed' },
    })
  })
  afterAll(async () => {
    await c.close()
  })

  it('says, in the structure UK public bodies use, what was tested, what falls short and whom to tell', async () => {
    const response = await c.visitor().request('/accessibility')
    expect(response.status).toBe(200)
    // The same for everyone: any cache may keep it for an hour.
    expect(response.headers.get('cache-control')).toBe('public, max-age=3600')
    const html = await response.text()
    const headings = [...html.matchAll(/<h[23]>([^<]+)<\/h[23]>/g)].map((m) => m[1])
    expect(headings).toEqual([
      'How accessible this site is',
      'Feedback and contact information',
      'Enforcement procedure',
      'Technical information about this site’s accessibility',
      'Compliance status',
      'Non-accessible content',
      'How this site was tested',
      'Preparation of this accessibility statement',
    ])
    expect(html).toContain('Web Content Accessibility Guidelines version 2.2</a> AA')
    expect(html).toContain('<a href="mailto:access@council.example">access@council.example</a>')
    expect(html).toContain('Some pages, mostly the editors’ and administrators’, are still in English only')
  })

  it('is there in Welsh too, with the same sections and the same results', async () => {
    const response = await c.visitor().request('/accessibility', { headers: { 'accept-language': 'cy' } })
    expect(response.headers.get('vary')).toMatch(/Accept-Language/)
    const html = await response.text()
    expect(html).toContain('<h1>Datganiad hygyrchedd</h1>')
    const headings = [...html.matchAll(/<h[23]>([^<]+)<\/h[23]>/g)].map((m) => m[1])
    expect(headings).toEqual([
      'Pa mor hygyrch yw’r safle hwn',
      'Adborth a gwybodaeth gyswllt',
      'Gweithdrefn orfodi',
      'Gwybodaeth dechnegol am hygyrchedd y safle hwn',
      'Statws cydymffurfio',
      'Cynnwys nad yw’n hygyrch',
      'Sut y profwyd y safle hwn',
      'Paratoi’r datganiad hygyrchedd hwn',
    ])
    expect(html).toContain('ysgrifennwch at <a href="mailto:access@council.example">')
    const results = accessibilityResults()
    expect(html).toContain(`${String(results.pages.length)} math o dudalen`)
    expect(html).toContain('bwrdd gwaith, tywyll (cyferbyniad)')
    expect([...html.matchAll(/<tr><th scope="row">/g)]).toHaveLength(results.pages.length)
  })

  it('publishes the results of the project’s own accessibility run, every kind of page it checked', async () => {
    const results = accessibilityResults()
    const html = await (await c.visitor().request('/accessibility')).text()
    expect(results.pages.length).toBeGreaterThan(20)
    expect(html).toContain(`checked ${String(results.pages.length)} kinds of page`)
    const rows = [...html.matchAll(/<tr><th scope="row">([^<]+)<\/th>/g)].map((m) => m[1])
    expect(rows).toHaveLength(results.pages.length)
    expect(rows).toContain('Thread panel')
    expect(rows).toContain('Accessibility statement')
    expect(html).toContain(`axe-core`)
  })

  it('is linked from the footer of every page, signed in or not', async () => {
    for (const [who, path] of [
      [c.visitor(), '/'],
      [c.visitor(), `/g/${c.guide.slug}`],
      [c.admin, '/account'],
      [c.visitor(), '/no/such/page'],
    ] as const) {
      const html = await (await who.request(path)).text()
      const footer = html.slice(html.indexOf('<footer class="site-footer">'))
      expect(footer, path).toContain('<a href="/accessibility">Accessibility statement</a>')
    }
  })
})
