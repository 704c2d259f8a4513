import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'csv-parse/sync'
import { consultation, type Consultation } from '../support/consultation.ts'
import { databaseKind } from '../support/database.ts'

const GUIDE =
  '# Social media\n\nCouncillors post as themselves.\n\nNever share what residents send you.\n\nAsk the clerk first.\n'

/** A form as a browser posts it, without script. */
const form = (fields: Record<string, string>): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields),
})

/** The ids of the comments listed one by one on the page, in order. */
const listed = (html: string) =>
  [...html.matchAll(/<article class="comment triage-comment[^"]*" id="c(\d+)"/g)].map((m) => m[1] ?? '')

/** One comment's item on the page. */
const item = (html: string, id: string) =>
  new RegExp(`<article class="comment triage-comment[^"]*" id="c${id}"[\\s\\S]*?</article>`).exec(
    html,
  )?.[0] ?? ''

/** The theme's part of the panel. */
const themeItem = (html: string, id: string) =>
  new RegExp(`<li class="theme" id="t${id}"[\\s\\S]*?</li>`).exec(html)?.[0] ?? ''

type Who = 'rita' | 'sam' | 'tom' | 'ed'

describe(`themes on the triage page, without script (${databaseKind})`, () => {
  let c: Consultation<Who>
  const page = '/g/social/1/triage'
  const ids: Record<string, string> = {}
  const triage = async (query = '') => {
    const response = await c.people.ed.request(`${page}${query}`)
    expect(response.status).toBe(200)
    return response.text()
  }
  const themeId = async (name: string) => {
    const { items } = await c.people.ed.expect<{ items: { id: string; name: string; count: number }[] }>(
      200,
      'GET',
      '/api/guides/social/themes',
    )
    return items.find((t) => t.name === name)
  }

  beforeAll(async () => {
    c = await consultation({
      admin: { email: 'admin@example.org', name: 'Admin' },
      guides: [{ slug: 'social', markdown: GUIDE, state: 'open' }],
      people: {
        rita: { email: 'rita@example.org', name: 'Rita Jones' },
        sam: { email: 'sam@example.org', name: 'Sam Price' },
        tom: { email: 'tom@example.org', name: 'Tom Evans' },
        ed: { email: 'ed@example.org', name: 'Ed', role: 'editor' },
      },
    })
    ids.a = await c.post(c.people.rita, 1, { body: 'Training on social media for every councillor, please.' })
    ids.b = await c.post(c.people.sam, 1, { body: 'Offer training on social media before the first post.' })
    ids.c = await c.post(c.people.tom, 2, { body: 'More training on social media would prevent this.' })
    ids.d = await c.post(c.people.rita, 2, { kind: 'example', body: 'Say what to do with messages.' })
    ids.e = await c.post(c.people.sam, 3, { kind: 'example', body: 'Name the clerk’s deputy too.' })
    ids.f = await c.post(c.people.tom, null, { body: 'The guide is clear and short.' })
  }, 60_000)
  afterAll(async () => {
    await c.close()
  })

  it('suggests a theme from the words comments share, and creates it with its comments in one click', async () => {
    // Suggestions read every comment's words: triage offers them by a link rather than on every visit.
    const plain = await triage()
    expect(plain).toContain('Suggested themes')
    expect(plain).not.toMatch(/name="commentIds" value="[\d,]+"\/?>\s*<span dir="auto">/)
    expect(plain).toContain(`<a href="${page}?suggest=1#theme-suggestions-title">Find suggested themes`)
    const html = await triage('?suggest=1')
    const suggestion =
      /<input type="hidden" name="name" value="([^"]*social media[^"]*)"\/?>\s*<input type="hidden" name="commentIds" value="([\d,]+)"/.exec(
        html,
      )
    expect(suggestion).not.toBeNull()
    const [, phrase = '', commentIds = ''] = suggestion ?? []
    expect(commentIds.split(',').sort()).toEqual([ids.a, ids.b, ids.c].sort())
    // The suggestion's form keeps the suggestions asked for, so the editor comes back to them.
    expect(html).toContain(`action="${page}/themes?suggest=1"`)
    const answer = await c.people.ed.request(`${page}/themes?suggest=1`, form({ name: phrase, commentIds }))
    expect(answer.status).toBe(303)
    const theme = await themeId(phrase)
    expect(theme?.count).toBe(3)
    expect(answer.headers.get('location')).toBe(
      `${page}?suggest=1&done=theme-created&count=3#t${theme?.id ?? ''}`,
    )
    const after = await (await c.people.ed.request(answer.headers.get('location') ?? '')).text()
    expect(after).toContain('The theme is created, with 3 comments.')
    // Its comments now have a theme, so the suggestion is gone.
    expect(after).not.toMatch(/name="name" value="[^"]*social media/)
  })

  it('creates a theme from the form, and refuses a name taken with what was typed, changing nothing', async () => {
    const answer = await c.people.ed.request(
      `${page}/themes`,
      form({ name: 'Clerk', description: 'Asking the clerk' }),
    )
    expect(answer.status).toBe(303)
    const html = await triage()
    const clerk = await themeId('Clerk')
    expect(themeItem(html, clerk?.id ?? '')).toContain('Asking the clerk')

    const refused = await c.people.ed.request(`${page}/themes`, form({ name: 'clerk', description: 'Again' }))
    expect(refused.status).toBe(422)
    const page422 = await refused.text()
    expect(page422).toContain('href="#theme-new-name"')
    expect(page422).toMatch(/id="theme-new-name"[^>]*value="clerk"/)
    expect(page422).toContain('>Again</textarea>')
    const { items } = await c.people.ed.expect<{ items: unknown[] }>(200, 'GET', '/api/guides/social/themes')
    expect(items).toHaveLength(2)
  })

  it('refuses a blank theme name from the form as the API does, saying so at the field, creating nothing', async () => {
    const before = await c.people.ed.expect<{ items: unknown[] }>(200, 'GET', '/api/guides/social/themes')
    const refused = await c.people.ed.request(`${page}/themes`, form({ name: ' ', description: 'Nameless' }))
    expect(refused.status).toBe(422)
    const html = await refused.text()
    expect(html).toContain('href="#theme-new-name"')
    expect(html).toContain('Give the theme a name.')
    expect(html).toContain('>Nameless</textarea>')
    expect(html).not.toContain('Show only “”')
    const { items } = await c.people.ed.expect<{ items: unknown[] }>(200, 'GET', '/api/guides/social/themes')
    expect(items).toHaveLength(before.items.length)
  })

  it('tags one comment from its item, shows it there, and takes it out again', async () => {
    const clerk = (await themeId('Clerk'))?.id ?? ''
    const html = await triage()
    expect(item(html, ids.e ?? '')).toContain('Under no theme.')
    const answer = await c.people.ed.request(
      `${page}/themes/tag`,
      form({ themeId: clerk, commentIds: ids.e ?? '', one: '1' }),
    )
    expect(answer.status).toBe(303)
    expect(answer.headers.get('location')).toBe(
      `${page}?done=theme-tagged&count=1&saved=${ids.e ?? ''}#c${ids.e ?? ''}`,
    )
    const after = await (await c.people.ed.request(answer.headers.get('location') ?? '')).text()
    expect(item(after, ids.e ?? '')).toMatch(/Themes:[\s\S]*<span class="badge">Clerk<\/span>/)
    expect(item(after, ids.e ?? '')).toContain('1 more comment is under the theme.')
    expect(item(after, ids.d ?? '')).toContain('Under no theme.')

    const out = await c.people.ed.request(`${page}/themes/${clerk}/untag`, form({ commentId: ids.e ?? '' }))
    expect(out.status).toBe(303)
    expect(item(await triage(), ids.e ?? '')).toContain('Under no theme.')
    // No theme chosen: said at the form, nothing changed.
    const none = await c.people.ed.request(
      `${page}/themes/tag`,
      form({ themeId: '', commentIds: ids.e ?? '' }),
    )
    expect(none.status).toBe(422)
    expect(await none.text()).toContain('Choose a theme.')
  })

  it('tags in bulk every comment the filters show, and only those', async () => {
    const clerk = (await themeId('Clerk'))?.id ?? ''
    const html = await triage('?kind=example')
    expect(listed(html).sort()).toEqual([ids.d, ids.e].sort())
    const bulk =
      /<form method="post" action="([^"]*\/themes\/tag[^"]*)" class="theme-tag"[\s\S]*?name="commentIds" value="([\d,]+)"/.exec(
        html,
      )
    expect(bulk?.[1]).toBe(`${page}/themes/tag?kind=example`)
    expect(bulk?.[2]?.split(',').sort()).toEqual([ids.d, ids.e].sort())
    expect(html).toContain('Tag all 2 comments')
    // The first click asks, on a page of its own, and tags nothing yet.
    const asked = await c.people.ed.request(
      (bulk?.[1] ?? '').replace(/&amp;/g, '&'),
      form({ themeId: clerk, commentIds: bulk?.[2] ?? '' }),
    )
    expect(asked.status).toBe(200)
    const question = await asked.text()
    expect(question).toContain('<h1>Tag all 2 comments with “Clerk”?</h1>')
    expect(question).toContain('name="confirmed" value="yes"')
    expect(question).toContain(`href="${page}?kind=example#theme-tag-title">Back to triage</a>`)
    expect((await themeId('Clerk'))?.count ?? 0).toBe(0)
    const confirm =
      /<form method="post" action="([^"]*)" class="form confirm-form">/.exec(question)?.[1] ?? ''
    expect(confirm).toBe(`${page}/themes/tag?kind=example`)
    const answer = await c.people.ed.request(
      confirm,
      form({ themeId: clerk, commentIds: bulk?.[2] ?? '', confirmed: 'yes' }),
    )
    expect(answer.status).toBe(303)
    expect(answer.headers.get('location')).toBe(
      `${page}?kind=example&done=theme-tagged&count=2&saved=#t${clerk}`,
    )
    expect((await themeId('Clerk'))?.count).toBe(2)
    // Tagging the same again changes nothing, and says so.
    const again = await c.people.ed.request(
      `${page}/themes/tag`,
      form({ themeId: clerk, commentIds: bulk?.[2] ?? '', confirmed: 'yes' }),
    )
    const said = await (await c.people.ed.request(again.headers.get('location') ?? '')).text()
    expect(said).toContain('Nothing changed: they were all under the theme already.')
  })

  it('filters the list by theme, and shows each theme’s counts per paragraph', async () => {
    const clerk = await themeId('Clerk')
    const social = (
      await c.people.ed.expect<{ items: { id: string; name: string }[] }>(
        200,
        'GET',
        '/api/guides/social/themes',
      )
    ).items.find((t) => t.name !== 'Clerk')
    const html = await triage(`?theme=${clerk?.id ?? ''}`)
    expect(listed(html).sort()).toEqual([ids.d, ids.e].sort())
    expect(html).toMatch(new RegExp(`<option value="${clerk?.id ?? ''}" selected="">Clerk \\(2\\)</option>`))
    const all = await triage()
    const number = (at: number) => c.guide.blocks[at]?.number ?? ''
    // The social media theme: two comments on the first paragraph, one on the second; the clerk's one each.
    expect(themeItem(all, social?.id ?? '')).toContain(
      `¶ ${number(1)} (2)</a>, <a href="#b-${c.guide.keys[2] ?? ''}">¶ ${number(2)} (1)`,
    )
    expect(themeItem(all, clerk?.id ?? '')).toContain(`¶ ${number(2)} (1)`)
    expect(themeItem(all, clerk?.id ?? '')).toContain(`¶ ${number(3)} (1)`)
    expect(themeItem(all, clerk?.id ?? '')).toContain(`href="/g/social/1/triage?theme=${clerk?.id ?? ''}"`)
    // A theme that is not a number is refused as a filter, not a fault.
    expect((await c.people.ed.request(`${page}?theme=abc`)).status).toBe(422)
  })

  it('sorts the list by theme: each theme’s comments together, themes by name, those under none last', async () => {
    const { items } = await c.people.ed.expect<{ items: { id: string; name: string }[] }>(
      200,
      'GET',
      '/api/guides/social/themes',
    )
    const social = items.find((t) => t.name !== 'Clerk')?.name.toLowerCase() ?? ''
    const themed =
      'clerk'.localeCompare(social) < 0
        ? [ids.d, ids.e, ids.a, ids.b, ids.c]
        : [ids.a, ids.b, ids.c, ids.d, ids.e]
    const html = await triage('?sort=theme')
    expect(listed(html)).toEqual([...themed, ids.f])
    expect(html).toContain('<option value="theme" selected="">By theme</option>')
    // Reading order is still the default: the general discussion first.
    expect(listed(await triage())[0]).toBe(ids.f)
    expect((await c.people.ed.request(`${page}?sort=newest`)).status).toBe(422)
  })

  it('saves a theme’s one response, and refuses one too long', async () => {
    const clerk = (await themeId('Clerk'))?.id ?? ''
    const answer = await c.people.ed.request(
      `${page}/themes/${clerk}`,
      form({ response: 'The guide now names the deputy clerk.' }),
    )
    expect(answer.status).toBe(303)
    const html = await (await c.people.ed.request(answer.headers.get('location') ?? '')).text()
    expect(html).toContain('The theme’s response is saved.')
    expect(themeItem(html, clerk)).toContain('>The guide now names the deputy clerk.</textarea>')
    const tooLong = await c.people.ed.request(
      `${page}/themes/${clerk}`,
      form({ response: 'x'.repeat(10_001) }),
    )
    expect(tooLong.status).toBe(422)
  })

  it('keeps the forms to the guide’s editors, and a theme that is not there is a 404', async () => {
    const clerk = (await themeId('Clerk'))?.id ?? ''
    expect((await c.people.rita.request(`${page}/themes`, form({ name: 'Mine' }))).status).toBe(403)
    expect(
      (await c.people.rita.request(`${page}/themes/tag`, form({ themeId: clerk, commentIds: ids.a ?? '' })))
        .status,
    ).toBe(403)
    expect((await c.people.rita.request(`${page}/themes/${clerk}`, form({ response: 'No' }))).status).toBe(
      403,
    )
    expect((await c.people.ed.request(`${page}/themes/999999`, form({ response: 'No' }))).status).toBe(404)
    expect(await themeId('Mine')).toBeUndefined()
  })

  it('renames a theme and deletes it from triage, deleting only with the box ticked', async () => {
    const clerk = (await themeId('Clerk'))?.id ?? ''
    const social = (
      await c.people.ed.expect<{ items: { id: string; name: string }[] }>(
        200,
        'GET',
        '/api/guides/social/themes',
      )
    ).items.find((t) => t.id !== clerk)
    expect(themeItem(await triage(), clerk)).toContain('Rename or delete “Clerk”')
    const renamed = await c.people.ed.request(
      `${page}/themes/${clerk}`,
      form({ name: 'The clerk’s office', description: 'Who answers for the council.' }),
    )
    expect(renamed.status).toBe(303)
    const after = await (await c.people.ed.request(renamed.headers.get('location') ?? '')).text()
    expect(after).toContain('The theme’s name and description are saved.')
    expect(themeItem(after, clerk)).toContain('The clerk’s office')
    // Its response stays as it was.
    expect(themeItem(after, clerk)).toContain('>The guide now names the deputy clerk.</textarea>')
    expect(item(after, ids.d ?? '')).toContain('The clerk’s office')

    // Another theme's name: refused at the form, with what was typed, and nothing changed.
    const taken = await c.people.ed.request(
      `${page}/themes/${clerk}`,
      form({ name: social?.name ?? '', description: '' }),
    )
    expect(taken.status).toBe(422)
    expect(themeItem(await taken.text(), clerk)).toMatch(/<details class="theme-edit" open="">/)
    expect(await themeId('The clerk’s office')).toBeDefined()

    // Not ticked: refused, the theme still there.
    const unticked = await c.people.ed.request(`${page}/themes/${clerk}/delete`, form({}))
    expect(unticked.status).toBe(422)
    expect(await unticked.text()).toContain('Tick the box to say you mean to delete the theme.')
    expect(await themeId('The clerk’s office')).toBeDefined()
    expect(
      (await c.people.rita.request(`${page}/themes/${clerk}/delete`, form({ confirm: '1' }))).status,
    ).toBe(403)

    const deleted = await c.people.ed.request(`${page}/themes/${clerk}/delete`, form({ confirm: '1' }))
    expect(deleted.status).toBe(303)
    const gone = await (await c.people.ed.request(deleted.headers.get('location') ?? '')).text()
    expect(gone).toContain('The theme is deleted; its comments are as they were.')
    expect(await themeId('The clerk’s office')).toBeUndefined()
    // Its comments are still listed, now under no theme.
    expect(listed(gone)).toEqual(expect.arrayContaining([ids.d, ids.e]))
    expect(item(gone, ids.d ?? '')).toContain('Under no theme.')
    expect((await c.people.ed.request(`${page}/themes/${clerk}/delete`, form({ confirm: '1' }))).status).toBe(
      404,
    )
  })
})

describe(`the report lists each theme with its response and paragraphs; exports carry themes (${databaseKind})`, () => {
  let c: Consultation<'rita' | 'sam' | 'tom' | 'una' | 'ed'>
  const ids: Record<string, string> = {}
  const number = (at: number) => c.guide.blocks[at]?.number ?? ''

  beforeAll(async () => {
    c = await consultation({
      admin: { email: 'admin@example.org', name: 'Admin' },
      guides: [{ slug: 'rep', markdown: GUIDE, state: 'open' }],
      people: {
        rita: { email: 'rita@example.org', name: 'Rita Jones' },
        sam: { email: 'sam@example.org', name: 'Sam Price' },
        tom: { email: 'tom@example.org', name: 'Tom Evans' },
        una: { email: 'una@example.org', name: 'Una Lee' },
        ed: { email: 'ed@example.org', name: 'Ed', role: 'editor' },
      },
    })
    ids.rita = await c.post(c.people.rita, 1, { body: 'Posting late at night causes trouble.' })
    ids.sam = await c.post(c.people.sam, 2, { body: 'Replying to residents at night is risky.' })
    ids.tom = await c.post(c.people.tom, null, { body: 'Night-time posts should wait for the morning.' })
    // Kept for the editors: the public never reads it, so the report does not count it.
    const kept = { body: 'I posted at night once and regretted it.', public: false }
    ids.una = await c.post(c.people.una, 2, kept)
    ids.other = await c.post(c.people.una, 3, { body: 'The clerk is always busy.' })
    const ed = c.people.ed
    const night = await ed.expect<{ id: string }>(201, 'POST', '/api/guides/rep/themes', {
      name: 'Posting at night',
      commentIds: [ids.rita, ids.sam, ids.tom, ids.una],
    })
    await ed.expect(201, 'POST', '/api/guides/rep/themes', { name: 'After hours', commentIds: [ids.rita] })
    // The response is written through the triage page's form, as an editor does.
    const answered = await ed.request(
      `/g/rep/1/triage/themes/${night.id}`,
      form({ response: 'The guide now says: wait until the morning.' }),
    )
    expect(answered.status).toBe(303)
    await c.admin.expect(200, 'POST', '/api/guides/rep/editions/1/transitions', { to: 'closed' })
    await c.admin.expect(201, 'POST', '/api/guides/rep/editions', { markdown: GUIDE })
    await c.admin.expect(200, 'POST', '/api/guides/rep/editions/2/transitions', { to: 'published' })
  }, 60_000)
  afterAll(async () => {
    await c.close()
  })

  it('shows each theme, counted from what the public may read, with its response and paragraphs, before the record', async () => {
    const response = await c.visitor().request('/g/rep/2/report')
    expect(response.status).toBe(200)
    const html = await response.text()
    const themes = html.indexOf('<h2 id="themes-title">Themes</h2>')
    expect(themes).toBeGreaterThan(0)
    expect(themes).toBeLessThan(html.indexOf('Comments on edition 1'))
    const section = html.slice(themes, html.indexOf('Comments on edition 1'))
    // Three of its four comments are public; the most gathered theme first.
    expect(section).toMatch(
      /Posting at night <span class="theme-count">\(3 comments\)<\/span>[\s\S]*After hours/,
    )
    expect(section).toContain(
      '<strong>Response:</strong> <span dir="auto">The guide now says: wait until the morning.</span>',
    )
    expect(section).toContain('No response to this theme yet.')
    expect(section).toContain(
      `the general discussion of edition 1 (1)</a>, <a href="#block-${c.guide.keys[1] ?? ''}-1">¶ ${number(1)} of edition 1 (1)</a>, <a href="#block-${c.guide.keys[2] ?? ''}-1">¶ ${number(2)} of edition 1 (1)</a>`,
    )
    expect(section).not.toContain('The clerk')
    // Each link lands on its paragraph in the record.
    expect(html).toContain(`id="block-${c.guide.keys[1] ?? ''}-1"`)
    expect(html).toContain(`id="block-${c.guide.keys[2] ?? ''}-1"`)
  })

  it('gives each comment its themes in feedback.csv and feedback.json, joined with “; ”', async () => {
    const csv = parse<Record<string, string>>(
      await (await c.people.ed.request('/api/guides/rep/editions/1/feedback.csv')).text(),
      { columns: true, bom: true },
    )
    const inCsv = new Map(csv.map((row) => [row.id, row.themes]))
    expect(inCsv.get(ids.rita)).toBe('After hours; Posting at night')
    expect(inCsv.get(ids.una)).toBe('Posting at night')
    expect(inCsv.get(ids.other)).toBe('')
    const json = (await (await c.people.ed.request('/api/guides/rep/editions/1/feedback.json')).json()) as {
      id: string
      themes: string
    }[]
    const inJson = new Map(json.map((item) => [item.id, item.themes]))
    expect(inJson.get(ids.sam ?? '')).toBe('Posting at night')
    expect(inJson.get(ids.other ?? '')).toBe('')
  })

  it('gives each public comment its themes in the report’s spreadsheet, and none to the one kept for editors', async () => {
    const rows = parse<Record<string, string>>(
      await (await c.visitor().request('/g/rep/2/report.csv')).text(),
      {
        columns: true,
        bom: true,
      },
    )
    const themesOf = new Map(rows.map((row) => [row['comment id'], row.themes]))
    expect(themesOf.get(ids.rita)).toBe('After hours; Posting at night')
    expect(themesOf.get(ids.tom)).toBe('Posting at night')
    expect(themesOf.get(ids.other)).toBe('')
    expect(themesOf.has(ids.una ?? '')).toBe(false)
  })
})
