import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { consultation, type Consultation } from '../support/consultation.ts'
import { databaseKind } from '../support/database.ts'

/** A guide with a heading, a table, two lists, footnotes and raw HTML, which stay; one paragraph changes. */
const DRAFT = `# Planning at home

## Before you build

Tell the planning officer before you start.[^receipt] Keep every letter they send.[^letters]

| Work | Notice |
| --- | --- |
| Extension | 8 weeks |
| Fence | 2 weeks |

- Keep the drawings.
- Keep the receipts.

3. Measure the plot.
4. Mark the boundary.

<div onmouseover="alert(1)">Raw <em>words</em> stay.</div>

Ask your neighbours before the builders arrive.

[^receipt]: A receipt may be digital.
[^letters]: Letters come by post.
`

/** The final guide: the neighbours paragraph and the second footnote reworded, the rest as it was. */
const FINAL = DRAFT.replace(
  'Ask your neighbours before the builders arrive.',
  'Ask your neighbours a week before the builders arrive, in writing.',
).replace('Letters come by post.', 'Letters come by post or by email.')

const idsOf = (html: string) => [...html.matchAll(/\sid="([^"]*)"/g)].map((m) => m[1] ?? '')
const inPageLinks = (html: string) =>
  [...html.matchAll(/\shref="#([^"]*)"/g)].map((m) => decodeURIComponent(m[1] ?? ''))

describe(`a redline shows the blocks that stayed as the guide shows them (${databaseKind})`, () => {
  let world: Consultation<never>
  let html: string

  beforeAll(async () => {
    world = await consultation({
      guides: [{ slug: 'plan', markdown: DRAFT, state: 'published', editions: [FINAL] }],
      admin: { email: 'ed@example.org', name: 'Ed' },
    })
    const published = await world.admin.send('POST', '/api/guides/plan/editions/2/transitions', {
      to: 'published',
    })
    expect(published.status).toBe(200)
    const response = await world.visitor().request('/g/plan/redline/1/2')
    expect(response.status).toBe(200)
    html = await response.text()
  })
  afterAll(async () => {
    await world.close()
  })

  it('shows an unchanged heading, table and list items as such, and the changed paragraph as a redline', () => {
    // The guide's headings sit under the redline's own title, the page's one h1.
    expect(html).toContain('<h2>Planning at home</h2>')
    expect(html).toContain('<h3>Before you build</h3>')
    expect(html.match(/<h1[\s>]/g)).toHaveLength(1)
    expect(html).toMatch(/<table tabindex="0">[\s\S]*<td>Extension<\/td>[\s\S]*<\/table>/)
    expect(html).toMatch(/<ul>\s*<li>Keep the drawings\.<\/li>\s*<\/ul>/)
    // An ordered item keeps the number it has in the guide.
    expect(html).toMatch(/<ol start="4">\s*<li>Mark the boundary\.<\/li>\s*<\/ol>/)
    // Raw HTML stays sanitised: its element and emphasis, not its script.
    expect(html).toContain('<em>words</em> stay.')
    expect(html).not.toContain('onmouseover')
    const changed = /<section class="redline-entry redline-edited"[\s\S]*?<\/section>/.exec(html)?.[0] ?? ''
    expect(changed).toContain('Ask your neighbours')
    expect(changed).toContain('<ins>a week </ins>')
    expect(changed).not.toContain('redline-html')
  })

  it('has no in-page link without its target and no id twice; a footnote changed is read on its edition', async () => {
    const ids = idsOf(html)
    expect(new Set(ids).size).toBe(ids.length)
    const links = inPageLinks(html)
    // The footnote call and its way back, both shown unchanged, meet on this page.
    expect(links).toEqual(expect.arrayContaining(['user-content-fn-receipt', 'user-content-fnref-receipt']))
    for (const target of links) expect(ids, `href="#${target}"`).toContain(target)
    for (const m of html.matchAll(/aria-(?:describedby|labelledby)="([^"]*)"/g))
      for (const id of (m[1] ?? '').split(' ')) expect(ids).toContain(id)
    // The changed footnote is a redline here, so its call leads to it on edition 2's reading page.
    expect(html).toContain('href="/g/plan/2#user-content-fn-letters"')
    const reading = await (await world.visitor().request('/g/plan/2')).text()
    expect(reading).toContain('id="user-content-fn-letters"')
  })

  it('sanitises the stored page again, so HTML put there by other hands shows without its script', async () => {
    await sql`
      update editions set page_html = replace(page_html, 'Keep the drawings.',
        'Keep the drawings.<img src="plan.png" alt="Plan" onerror="alert(1)"><script>alert(2)</script>')
      where number = 2`.execute(world.database.db)
    const tampered = await (await world.visitor().request('/g/plan/redline/1/2')).text()
    expect(tampered).toContain('<li>Keep the drawings.<img src="plan.png" alt="Plan"></li>')
    expect(tampered).not.toContain('onerror')
    expect(tampered).not.toContain('alert(2)')
  })
})
