import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseKind } from '../support/database.ts'
import { consultation, type Consultation } from '../support/consultation.ts'
import type { Client } from '../support/session.ts'

const SOURCE = [
  '# Councillors online',
  '',
  'Post when you have something useful to say, and say it plainly and briefly.',
  '',
  'Report abusive messages to the monitoring officer.',
  '',
].join('\n')

/** A form as a browser posts it: urlencoded. */
const form = (fields: Record<string, string>): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields),
})

/** The comment a redirect points at (`…#c12`). */
const commentOf = (response: Response) => /#c(\d+)$/.exec(response.headers.get('location') ?? '')?.[1] ?? ''

/** One comment's card on a thread page. */
const cardOf = (html: string, id: string) => {
  const start = html.indexOf(`id="c${id}"`)
  expect(start).toBeGreaterThan(-1)
  const end = html.indexOf('</article>', start)
  return html.slice(start, end)
}

/** A redline as it shows, without the words about each change that only screen readers hear. */
const seen = (html: string) =>
  html.replace(/<span class="visually-hidden redline-cue"[^>]*>[^<]*<\/span>/g, '')

describe(`suggested wording on the thread page, without JavaScript (${databaseKind})`, () => {
  let c: Consultation<'rita' | 'sam' | 'ed'>
  let path = ''
  let abusive = ''
  let suggestion = ''

  const page = async (client: Client, at = path) => {
    const response = await client.request(at)
    expect(response.status).toBe(200)
    return response.text()
  }
  const suggest = (client: Client, fields: Record<string, string>, at = path) =>
    client.request(
      `${at}/comments`,
      form({ idempotency: crypto.randomUUID(), kind: 'suggestion', body: 'Shorter.', ...fields }),
    )

  beforeAll(async () => {
    c = await consultation({
      config: { rateLimits: { enabled: false } },
      guides: [{ slug: 'guide', markdown: SOURCE, state: 'open', namesPublic: true }],
      people: {
        rita: { email: 'rita@example.org', name: 'Rita Reviewer' },
        sam: { email: 'sam@example.org', name: 'Sam Reviewer' },
        ed: { email: 'ed@example.org', name: 'Ed Editor', role: 'editor' },
      },
    })
    path = `/g/guide/1/b/${c.guide.key('Post when')}`
    abusive = `/g/guide/1/b/${c.guide.key('Report abusive')}`
  })
  afterAll(async () => {
    await c.close()
  })

  it('offers a labelled field for the wording, begun as the paragraph’s words', async () => {
    const html = await page(c.people.rita)
    expect(html).toMatch(/<label[^>]*for="new-proposal"[^>]*>[^<]*Your wording/)
    expect(html).toMatch(
      /<textarea id="new-proposal" name="proposal"[^>]*>Post when you have something useful to say, and say it plainly and briefly.<\/textarea>/,
    )
    // The general discussion has no words to replace, so no wording field.
    expect(await page(c.people.rita, '/g/guide/1/discussion')).not.toContain('name="proposal"')
  })

  it('posts a suggestion and shows its wording as a redline of the paragraph', async () => {
    const response = await suggest(c.people.rita, {
      quote: 'say it plainly and briefly',
      proposal: 'keep it short',
    })
    expect(response.status).toBe(303)
    suggestion = commentOf(response)
    const card = cardOf(await page(c.visitor()), suggestion)
    expect(card).toContain('Suggested wording for the words quoted:')
    expect(seen(card)).toContain(
      '… when you have something useful to say, and <del>say</del><ins>keep</ins> it <del>plainly and briefly</del><ins>short</ins>.',
    )
    // A screen reader hears where each change starts and ends, in the page's language.
    expect(card).toContain(
      '<span class="visually-hidden redline-cue" lang="en"> [removed: </span><del>say</del><span class="visually-hidden redline-cue" lang="en">] </span>',
    )
  })

  it('reads a quoted change made in the paragraph where it stands as a change of the quoted words alone', async () => {
    const html = await page(c.people.sam)
    const paragraph = 'Post when you have something useful to say, and say it plainly and briefly.'
    expect(html).toContain(`<input type="hidden" name="wordingFrom" value="${paragraph}"/>`)
    // Sam quotes two words and changes them in the box, which holds the whole paragraph.
    const response = await suggest(c.people.sam, {
      quote: 'something useful',
      proposal: paragraph.replace('something useful', 'something new and useful'),
      wordingFrom: paragraph,
    })
    expect(response.status).toBe(303)
    const id = commentOf(response)
    const stored = await c
      .visitor()
      .expect<{ proposal: string; quote: { exact: string } }>(200, 'GET', `/api/comments/${id}`)
    expect(stored).toMatchObject({
      proposal: 'something new and useful',
      quote: { exact: 'something useful' },
    })
    const card = cardOf(await page(c.visitor()), id)
    expect(card).not.toContain(`<ins>${paragraph}`)
    expect(card).toContain('<ins>new and </ins>')
    // Changed outside the quote too: refused at the field, with the box as written, nothing posted.
    const outside = paragraph.replace('something useful', 'something new').replace('plainly', 'clearly')
    const refused = await suggest(c.people.sam, {
      quote: 'something useful',
      proposal: outside,
      wordingFrom: paragraph,
    })
    expect(refused.status).toBe(422)
    const again = await refused.text()
    expect(again).toContain('href="#new-proposal"')
    expect(again).toContain('Your wording changes words outside the ones you quoted.')
    expect(again).toContain(`>${outside}</textarea>`)
    expect(cardOf(await page(c.visitor()), id)).toBeTruthy()
    expect((await page(c.visitor())).split('Suggested wording for the words quoted:').length).toBe(3)
    await c.people.sam.expect(200, 'POST', `/api/comments/${id}/withdraw`)
  })

  it('lets its author change the wording in the edit form, with the rules and refusals of posting', async () => {
    const whole = await suggest(
      c.people.rita,
      { proposal: 'Report abuse to the monitoring officer.' },
      abusive,
    )
    expect(whole.status).toBe(303)
    const id = commentOf(whole)
    const edit = `${abusive}/comments/${id}/edit`
    const own = cardOf(await page(c.people.rita, abusive), id)
    expect(own).toMatch(new RegExp(`<label[^>]*for="edit-${id}-proposal"[^>]*>[^<]*Your wording`))
    expect(own).toMatch(
      new RegExp(
        `<textarea id="edit-${id}-proposal" name="proposal"[^>]*>Report abuse to the monitoring officer.</textarea>`,
      ),
    )
    // Nobody else's card offers it.
    expect(cardOf(await page(c.people.sam, abusive), id)).not.toContain('name="proposal"')

    const changed = await c.people.rita.request(
      edit,
      form({ kind: 'suggestion', body: 'Shorter still.', proposal: 'Report abuse to the clerk.' }),
    )
    expect(changed.status).toBe(303)
    expect(changed.headers.get('location')).toBe(`${abusive}#c${id}`)
    const card = cardOf(await page(c.visitor(), abusive), id)
    expect(card).toContain('<ins>clerk</ins>')
    expect(card).not.toContain('<ins>monitoring')
    expect(card).toContain('Shorter still.')

    // Refused as posting refuses, given back at the field with what was typed, and nothing changed.
    const unchanged = await c.people.rita.request(
      edit,
      form({
        kind: 'suggestion',
        body: 'Same.',
        proposal: 'Report abusive messages to the monitoring officer.',
      }),
    )
    expect(unchanged.status).toBe(422)
    const refusedPage = await unchanged.text()
    expect(refusedPage).toContain(`href="#edit-${id}-proposal"`)
    expect(refusedPage).toContain('The wording you suggest is what the paragraph says already.')
    expect(cardOf(refusedPage, id)).toContain('>Same.</textarea>')
    const empty = await c.people.rita.request(
      edit,
      form({ kind: 'suggestion', body: 'Empty.', proposal: ' ' }),
    )
    expect(empty.status).toBe(422)
    expect(await empty.text()).toContain('Write the wording you suggest.')
    const kind = await c.people.rita.request(
      edit,
      form({ kind: 'suggestion', body: 'A heading?', proposal: '## Report abuse' }),
    )
    expect(kind.status).toBe(422)
    expect(await kind.text()).toContain('into something else')
    const api = (await (await c.visitor().request(`/api/comments/${id}`)).json()) as {
      proposal: string
      body: string
    }
    expect(api).toMatchObject({ proposal: 'Report abuse to the clerk.', body: 'Shorter still.' })

    // Someone else's suggestion is not theirs to change.
    const sams = await c.people.sam.request(
      edit,
      form({ kind: 'suggestion', body: 'Mine now.', proposal: 'Report nothing.' }),
    )
    expect(sams.status).toBe(403)
    // A plain comment keeps no wording, whatever the field holds.
    const plain = await c.people.rita.request(
      edit,
      form({ kind: 'comment', body: 'Just a thought.', proposal: 'Report abuse to the clerk.' }),
    )
    expect(plain.status).toBe(303)
    expect(
      ((await (await c.visitor().request(`/api/comments/${id}`)).json()) as { proposal: string | null })
        .proposal,
    ).toBeNull()
  })

  it('posts a plain comment though the wording field still holds the paragraph', async () => {
    const response = await c.people.sam.request(
      `${path}/comments`,
      form({
        idempotency: crypto.randomUUID(),
        kind: 'comment',
        body: 'Agreed in principle.',
        proposal: 'Post when you have something useful to say, and say it plainly and briefly.',
      }),
    )
    expect(response.status).toBe(303)
  })

  it('gives an unchanged or empty wording back with the reason at its field', async () => {
    const unchanged = await suggest(c.people.rita, {
      proposal: 'Post when you have something useful to say, and say it plainly and briefly.',
    })
    expect(unchanged.status).toBe(422)
    const html = await unchanged.text()
    expect(html).toContain('href="#new-proposal"')
    expect(html).toContain('The wording you suggest is what the paragraph says already.')
    const empty = await suggest(c.people.rita, { proposal: '   ' })
    expect(empty.status).toBe(422)
    expect(await empty.text()).toContain('Write the wording you suggest.')
  })

  it('lets others agree and take it back, but not its author or the public', async () => {
    expect(cardOf(await page(c.people.rita), suggestion)).not.toContain(`/comments/${suggestion}/agree`)
    expect(cardOf(await page(c.visitor()), suggestion)).not.toContain(`/comments/${suggestion}/agree`)
    const before = cardOf(await page(c.people.sam), suggestion)
    expect(before).toContain(`action="${path}/comments/${suggestion}/agree"`)
    expect(before).toContain('Agree with Rita Reviewer')
    const agreed = await c.people.sam.request(`${path}/comments/${suggestion}/agree`, form({ agree: 'yes' }))
    expect(agreed.status).toBe(303)
    expect(agreed.headers.get('location')).toBe(`${path}#c${suggestion}`)
    // Sent twice (a double click), it still agrees once.
    await c.people.sam.request(`${path}/comments/${suggestion}/agree`, form({ agree: 'yes' }))
    expect(cardOf(await page(c.visitor()), suggestion)).toContain('1 person agrees')
    const after = cardOf(await page(c.people.sam), suggestion)
    expect(after).toContain('Take back your agreement')
    expect(after).toContain('name="agree" value="no"')
    const own = await c.people.rita.request(`${path}/comments/${suggestion}/agree`, form({ agree: 'yes' }))
    expect(own.status).toBe(403)
    expect(await own.text()).toContain('This is your own comment')
    await c.people.sam.request(`${path}/comments/${suggestion}/agree`, form({ agree: 'no' }))
    expect(cardOf(await page(c.visitor()), suggestion)).not.toContain('agrees')
  })

  it('offers Accept to the guide’s editors alone, and takes the wording into the working draft', async () => {
    expect(cardOf(await page(c.people.sam), suggestion)).not.toContain('/accept"')
    expect((await c.visitor().request(`${path}/comments/${suggestion}/accept`, form({}))).status).toBe(401)
    expect((await c.visitor().request(`${path}/comments/${suggestion}/agree`, form({}))).status).toBe(401)
    expect((await c.people.sam.request(`${path}/comments/${suggestion}/accept`, form({}))).status).toBe(403)
    expect(cardOf(await page(c.people.ed), suggestion)).toContain(
      `action="${path}/comments/${suggestion}/accept"`,
    )
    const accepted = await c.people.ed.request(
      `${path}/comments/${suggestion}/accept`,
      form({ response: 'Shorter is better.' }),
    )
    expect(accepted.status).toBe(303)
    expect(accepted.headers.get('location')).toBe(`${path}?done=accepted#c${suggestion}`)
    const html = await page(c.people.ed, `${path}?done=accepted`)
    expect(html).toContain('The suggested wording is in the working draft')
    expect(cardOf(html, suggestion)).not.toContain('/accept"')
    const draft = await (await c.people.ed.request('/g/guide/revise/source.md')).text()
    expect(draft).toContain('Post when you have something useful to say, and keep it short.')
  })

  it('shows on the working draft which suggestion a block’s wording came from, linking to it', async () => {
    const html = await page(c.people.ed, '/g/guide/revise')
    const at = html.indexOf('and keep it short.')
    expect(at).toBeGreaterThan(-1)
    const block = html.slice(html.lastIndexOf('<li class="draft-block', at), html.indexOf('</li>', at))
    expect(block).toContain(`From a suggestion by <a href="${path}#c${suggestion}">Rita Reviewer</a>`)
    // Only that block says so.
    expect(html.split('From a suggestion by').length).toBe(2)
  })

  it('says when the words have gone from the working draft, with the paragraph as it is now', async () => {
    const response = await suggest(
      c.people.sam,
      { quote: 'the monitoring officer', proposal: 'the clerk' },
      abusive,
    )
    const id = commentOf(response)
    const source = await (await c.people.ed.request('/g/guide/revise/source.md')).text()
    const edited = await c.people.ed.request(
      '/g/guide/revise/text',
      form({ markdown: source.replace('to the monitoring officer', 'to the police') }),
    )
    expect(edited.status).toBe(303)
    const refused = await c.people.ed.request(`${abusive}/comments/${id}/accept`, form({ response: 'Yes.' }))
    expect(refused.status).toBe(409)
    const card = cardOf(await refused.text(), id)
    expect(card).toContain('are no longer in this paragraph of the working draft')
    expect(card).toContain('The paragraph in the working draft now reads:')
    expect(card).toContain('Report abusive messages to the police.')
    // What the editor wrote is kept, and nothing changed.
    expect(card).toContain('>Yes.</textarea>')
    const seen = (await (await c.visitor().request(`/api/comments/${id}`)).json()) as {
      decision: { decision: string }
    }
    expect(seen.decision.decision).toBe('open')
  })
  it('reports the wording as taken into the next edition, with the redline and the agreements, on the page and in the CSV', async () => {
    expect(
      (await c.people.sam.request(`${path}/comments/${suggestion}/agree`, form({ agree: 'yes' }))).status,
    ).toBe(303)
    const preview = await (await c.people.ed.request('/g/guide/revise/preview')).text()
    const field = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(preview)?.[1] ?? ''
    const created = await c.people.ed.request(
      '/g/guide/revise/create',
      form({ base: field('base'), version: field('version') }),
    )
    expect(created.status).toBe(303)
    const card = cardOf(await page(c.people.ed, '/g/guide/2/report'), suggestion)
    expect(card).toContain('Wording taken into edition 2:')
    expect(seen(card)).toContain('<del>say</del><ins>keep</ins>')
    expect(card).toContain('1 person agrees')
    const csv = await (await c.people.ed.request('/g/guide/2/report.csv')).text()
    const [header = '', ...rows] = csv.replace(/^\uFEFF/, '').split('\r\n')
    // New columns go at the end, after every column the report had before; no organisation here.
    expect(header).toMatch(
      /,change,suggested wording,wording taken into edition,agreements,organisation,campaign,themes$/,
    )
    expect(rows.find((r) => r.includes(',Shorter.,'))).toBeDefined()
    expect(rows.filter((r) => r.endsWith(',keep it short,2,1,,,'))).toHaveLength(1)
    expect(rows.filter((r) => r.endsWith(',the clerk,,0,,,'))).toHaveLength(1)
  })
})
