import type { Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as migration from '../../migrations/20261216T000000-quotes-waiting-for-their-text.ts'
import { consultation, type Consultation } from '../support/consultation.ts'
import { databaseKind } from '../support/database.ts'
import { ENGLISH, WELSH } from '../support/parking-texts.ts'

/**
 * SPEC.md, "Languages: English and Welsh": an edition carries its text in a second language through
 * `POST /api/guides/:slug/editions/:n/translations`, aligned block by block, each translated block
 * under the original's key and number; a text that does not line up is refused with each difference
 * said, and nothing is stored.
 */
describe(`an edition's text in a second language (${databaseKind})`, () => {
  let c: Consultation<'rhian' | 'ed'>
  const path = (n = 1) => `/api/guides/parking/editions/${String(n)}/translations`
  const stored = async () =>
    (
      await c.database.db
        .selectFrom('editionTranslations')
        .innerJoin('editions', 'editions.id', 'editionTranslations.editionId')
        .innerJoin('guides', 'guides.id', 'editions.guideId')
        .where('guides.slug', '=', 'parking')
        .select(['editionTranslations.lang', 'editionTranslations.title', 'editionTranslations.blocks'])
        .orderBy('editionTranslations.lang')
        .execute()
    ).map((row) => ({ ...row, blocks: row.blocks.map((b) => b.text) }))

  beforeAll(async () => {
    c = await consultation({
      admin: { email: 'admin@example.org', name: 'Admin' },
      guides: [{ slug: 'parking', markdown: ENGLISH, state: 'open' }],
      people: {
        rhian: { email: 'rhian@example.org', name: 'Rhian' },
        ed: { email: 'ed@example.org', name: 'Ed', role: 'editor' },
      },
    })
  }, 60_000)
  afterAll(async () => {
    await c.close()
  })

  it('refuses a text that does not line up, saying where, and stores nothing', async () => {
    const extra = await c.people.ed.send('POST', path(), {
      lang: 'cy',
      markdown: `${WELSH}\nParagraff ychwanegol.\n`,
    })
    expect(extra.status).toBe(422)
    const problem = (await extra.json()) as { code: string; errors: { pointer: string; detail: string }[] }
    expect(problem.code).toBe('translation-misaligned')
    expect(problem.errors).toContainEqual({
      pointer: '/markdown',
      detail: 'The edition has 4 blocks and the translation 5.',
    })
    // A list item translated as a paragraph is named by its number.
    const kinds = await c.people.ed.send('POST', path(), {
      lang: 'cy',
      markdown: WELSH.replace('- Gall preswylwyr', 'Gall preswylwyr').replace(
        '- Mae trwyddedau',
        '\nMae trwyddedau',
      ),
    })
    expect(kinds.status).toBe(422)
    const kindProblem = (await kinds.json()) as { errors: { detail: string }[] }
    expect(kindProblem.errors.map((e) => e.detail).join(' ')).toMatch(
      /is a listItem in the edition and a paragraph/,
    )
    expect(await stored()).toEqual([])
  })

  it('refuses the guide’s own language, a tag that is not one, and anyone but its editors', async () => {
    const same = await c.people.ed.send('POST', path(), { lang: 'en-GB', markdown: ENGLISH })
    expect(same.status).toBe(422)
    expect(await same.json()).toMatchObject({ code: 'translation-same-language' })
    const tag = await c.people.ed.send('POST', path(), { lang: 'Welsh!', markdown: WELSH })
    expect(tag.status).toBe(422)
    expect(JSON.stringify(await tag.json())).toContain('/lang')
    expect((await c.people.rhian.send('POST', path(), { lang: 'cy', markdown: WELSH })).status).toBe(403)
    expect((await c.visitor().send('POST', path(), { lang: 'cy', markdown: WELSH })).status).toBe(401)
    expect((await c.people.ed.send('POST', path(9), { lang: 'cy', markdown: WELSH })).status).toBe(404)
    expect(await stored()).toEqual([])
  })

  it('stores a text that lines up under the edition’s keys and numbers, and a later one replaces it', async () => {
    const response = await c.people.ed.send('POST', path(), { lang: 'cy', markdown: WELSH })
    expect(response.status).toBe(201)
    const translation = (await response.json()) as {
      lang: string
      title: string
      blocks: { key: string; number: string; kind: string; text: string }[]
    }
    expect(translation.lang).toBe('cy')
    expect(translation.title).toBe('Parcio')
    // Each block keeps the original's key and number: a comment on either text is on the same paragraph.
    expect(translation.blocks.map((b) => [b.key, b.number, b.kind])).toEqual(
      c.guide.blocks.map((b) => [b.key, b.number, b.kind]),
    )
    expect(translation.blocks.map((b) => b.text)).toEqual([
      'Parcio',
      'Parciwch mewn baeau wedi’u marcio ger gatiau’r ysgol yn unig.',
      'Gall preswylwyr wneud cais am drwydded.',
      'Mae trwyddedau’n para blwyddyn.',
    ])
    const again = await c.admin.send('POST', path(), {
      lang: 'cy',
      markdown: WELSH.replace('blwyddyn', 'deuddeg mis'),
    })
    expect(again.status).toBe(201)
    expect(await stored()).toEqual([
      {
        lang: 'cy',
        title: 'Parcio',
        blocks: [
          'Parcio',
          'Parciwch mewn baeau wedi’u marcio ger gatiau’r ysgol yn unig.',
          'Gall preswylwyr wneud cais am drwydded.',
          'Mae trwyddedau’n para deuddeg mis.',
        ],
      },
    ])
    // The admin's audit log says who added which text.
    const audit = await (await c.admin.request('/admin/audit')).text()
    expect(audit).toContain('Ed added the cy text of edition 1 on “parking”')
  })

  it('shows a Welsh reader the Welsh text and an English reader the English, each offered the other by a link', async () => {
    const CY = { headers: { 'accept-language': 'cy-GB,cy;q=0.9' } }
    const welsh = await c.visitor().request('/g/parking/1', CY)
    const welshPage = await welsh.text()
    expect(welshPage).toMatch(/<div id="text" class="guide-body" tabindex="-1" lang="cy" dir="ltr">/)
    expect(welshPage).toContain('Parciwch mewn baeau wedi’u marcio')
    expect(welshPage).not.toContain('Park only in marked bays')
    // The same paragraphs, by the same keys: permalinks and comments are the paragraph's in both texts.
    for (const key of c.guide.keys) expect(welshPage).toContain(`id="${key}"`)
    expect(welshPage).toMatch(
      /<a href="\/g\/parking\/1\?text=cy" lang="cy" hreflang="cy" aria-current="page">Cymraeg<\/a>/,
    )
    expect(welshPage).toMatch(/<a href="\/g\/parking\/1\?text=en" lang="en" hreflang="en">English<\/a>/)

    const english = await c.visitor().request('/g/parking/1')
    const englishPage = await english.text()
    expect(englishPage).toContain('Park only in marked bays')
    expect(englishPage).not.toContain('Parciwch')
    expect(english.headers.get('etag')).not.toBe(welsh.headers.get('etag'))
    // An English reader may ask for the Welsh text, and a Welsh one for the English.
    expect(await (await c.visitor().request('/g/parking/1?text=cy')).text()).toContain('Parciwch mewn baeau')
    expect(await (await c.visitor().request('/g/parking/1?text=en', CY)).text()).toContain(
      'Park only in marked bays',
    )
    // A text sent again shows at once, not the page kept for the one before.
    const resent = await c.people.ed.send('POST', path(), {
      lang: 'cy',
      markdown: WELSH.replace('Parciwch mewn baeau', 'Parciwch ym maeau'),
    })
    expect(resent.status).toBe(201)
    expect(await (await c.visitor().request('/g/parking/1', CY)).text()).toContain('Parciwch ym maeau')
    // A text the edition does not have, or something that is no language, shows its own.
    for (const asked of ['fr', '%3Cscript%3E'])
      expect(await (await c.visitor().request(`/g/parking/1?text=${asked}`)).text()).toContain(
        'Park only in marked bays',
      )
  })

  it('lays the two texts side by side, paragraph by paragraph, each row the paragraph’s in both languages', async () => {
    const plain = await c.visitor().request('/g/parking/1')
    const plainPage = await plain.text()
    // Every page with a second text offers the two side by side.
    expect(plainPage).toContain('<a href="/g/parking/1?text=en&amp;beside=cy">Side by side</a>')
    expect(plainPage).not.toContain('parallel-row')

    const both = await c.visitor().request('/g/parking/1?text=en&beside=cy')
    expect(both.status).toBe(200)
    const page = await both.text()
    expect(page).toContain(
      '<a href="/g/parking/1?text=en&amp;beside=cy" aria-current="page">Side by side</a>',
    )
    // Each paragraph one row under its own key, the English and the Welsh in it, each saying its language.
    const rows = [
      ...page.matchAll(
        /<gloss-block id="([^"]+)" data-block="(\d+)" class="parallel-row[^"]*">([\s\S]*?)<\/gloss-block>/g,
      ),
    ]
    expect(rows.map((row) => row[1])).toEqual(c.guide.keys)
    const bays = rows[1]?.[3] ?? ''
    expect(bays).toMatch(
      /<div class="parallel-text" lang="en" dir="ltr"><p>Park only in marked bays near the school gates.<\/p><\/div>/,
    )
    expect(bays).toMatch(
      /<div class="parallel-text" lang="cy" dir="ltr"><p>Parciwch ym maeau wedi’u marcio ger gatiau’r ysgol yn unig.<\/p><\/div>/,
    )
    // Its margin, number and thread link are the paragraph's, as on either text's page.
    expect(bays).toContain(`href="/g/parking/p/${c.guide.keys[1] ?? ''}"`)
    expect(bays).toContain(`href="/g/parking/1/b/${c.guide.keys[1] ?? ''}"`)
    // A list item keeps its words in both texts.
    expect(rows[2]?.[3]).toContain('Residents may apply for a permit.')
    expect(rows[2]?.[3]).toContain('Gall preswylwyr wneud cais am drwydded.')
    // Its own page, kept and validated apart from the single text's.
    expect(both.headers.get('etag')).not.toBe(plain.headers.get('etag'))
    expect(await (await c.visitor().request('/g/parking/1')).text()).not.toContain('parallel-row')

    // A Welsh reader has the Welsh first.
    const welshFirst = await (
      await c.visitor().request('/g/parking/1?text=cy&beside=en', { headers: { 'accept-language': 'cy' } })
    ).text()
    expect(welshFirst.indexOf('Parciwch ym maeau')).toBeLessThan(
      welshFirst.indexOf('Park only in marked bays'),
    )
    expect(welshFirst).toContain('>Ochr yn ochr</a>')
    // A text the edition lacks, the one already shown, or no language at all: the single text.
    for (const beside of ['fr', 'en', '%3Cscript%3E'])
      expect(await (await c.visitor().request(`/g/parking/1?text=en&beside=${beside}`)).text()).not.toContain(
        'parallel-row',
      )
  })

  it('finds words of the second text, a Welsh word whose first letter mutated too, and leads to that text', async () => {
    interface Found {
      total: number
      items: { type: string; url: string; textLang?: string; block: { key: string } }[]
    }
    const find = (q: string) =>
      c
        .visitor()
        .expect<Found>(200, 'GET', `/api/guides/parking/search?q=${encodeURIComponent(q)}&type=blocks`)
    const bays = await find('Parciwch')
    expect(bays.items).toEqual([
      expect.objectContaining({
        type: 'block',
        textLang: 'cy',
        url: `/g/parking/1?text=cy#${c.guide.keys[1] ?? ''}`,
        block: expect.objectContaining({ key: c.guide.keys[1] }),
      }),
    ])
    // "trwydded" is written "drwydded" after "am": no Welsh stemmer knows that, trigrams do.
    const permit = await find('trwydded')
    expect(permit.items.map((i) => i.block.key)).toContain(c.guide.keys[2])
    // English words still find the English text, not the Welsh.
    const english = await find('marked bays')
    expect(english.items.map((i) => [i.block.key, i.textLang])).toEqual([[c.guide.keys[1], undefined]])
    // The search page says which text a result is in.
    const page = await (await c.visitor().request('/g/parking/search?q=Parciwch')).text()
    expect(page).toContain('<span lang="cy">Cymraeg</span>')
    expect(page).toContain(`href="/g/parking/1?text=cy#${c.guide.keys[1] ?? ''}"`)
  })

  it('takes a quote of the paragraph’s words in either text, but a suggestion’s only in the edition’s own', async () => {
    const thread = `/api/guides/parking/editions/1/blocks/${c.guide.keys[1] ?? ''}/comments`
    const welshQuote = { exact: 'maeau wedi’u marcio' }
    const quoted = await c.people.rhian.send('POST', thread, {
      kind: 'comment',
      body: 'Pa faeau?',
      quote: welshQuote,
    })
    expect(quoted.status).toBe(201)
    expect(((await quoted.json()) as { quote: unknown }).quote).toEqual(welshQuote)
    // Its wording would replace words of the English text, which has no Welsh words to replace.
    const suggestion = await c.people.rhian.send(
      'POST',
      thread,
      { kind: 'suggestion', body: 'Gwell.', quote: welshQuote, proposal: 'baeau penodol' },
      { 'accept-language': 'cy' },
    )
    expect(suggestion.status).toBe(422)
    expect(((await suggestion.json()) as { errors: unknown[] }).errors).toEqual([
      {
        pointer: '/quote/exact',
        detail: 'Dyfynnwch y geiriau i’w newid fel y maen nhw yn nhestun yr argraffiad ei hun.',
      },
    ])
    // Words in neither text are refused as before.
    const nowhere = await c.people.rhian.send('POST', thread, {
      kind: 'comment',
      body: 'Hmm.',
      quote: { exact: 'gatiau’r castell' },
    })
    expect(nowhere.status).toBe(422)
  })

  it('keeps the text read in a paragraph’s permalink, and names each text of a published edition in the feed', async () => {
    const key = c.guide.keys[1] ?? ''
    // The Welsh page's permalinks keep to the Welsh, and lead back to it.
    const welsh = await (await c.visitor().request('/g/parking/1?text=cy')).text()
    expect(welsh).toContain(`href="/g/parking/p/${key}?text=cy"`)
    const followed = await c.visitor().request(`/g/parking/p/${key}?text=cy`)
    expect(followed.status).toBe(302)
    expect(followed.headers.get('location')).toBe(`/g/parking/1?text=cy#${key}`)
    expect((await c.visitor().request(`/g/parking/p/${key}`)).headers.get('location')).toBe(
      `/g/parking/1#${key}`,
    )
    // Anything not a language is left behind.
    expect(
      (await c.visitor().request(`/g/parking/p/${key}?text=%22%3E%3Cscript%3E`)).headers.get('location'),
    ).toBe(`/g/parking/1#${key}`)
  })

  it('shows a thread page in the text it was read in, and marks each quote with its own text’s language', async () => {
    const key = c.guide.keys[1] ?? ''
    const thread = `/g/parking/1/b/${key}`
    // The Welsh reading page's paragraphs lead to their threads in Welsh.
    const reading = await (await c.visitor().request('/g/parking/1?text=cy')).text()
    expect(reading).toContain(`href="${thread}?text=cy"`)
    expect(await (await c.visitor().request('/g/parking/1')).text()).toContain(`href="${thread}"`)
    const english = await c.people.rhian.send(
      'POST',
      `/api/guides/parking/editions/1/blocks/${key}/comments`,
      {
        kind: 'comment',
        body: 'Which bays?',
        quote: { exact: 'marked bays' },
      },
    )
    expect(english.status).toBe(201)

    const page = await (await c.people.rhian.request(`${thread}?text=cy`)).text()
    const paragraph = /<div class="thread-paragraph" lang="([^"]+)" dir="auto">([\s\S]*?)<\/div>/.exec(page)
    expect(paragraph?.[1]).toBe('cy')
    expect(paragraph?.[2]).toContain('Parciwch ym maeau wedi’u marcio ger gatiau’r ysgol')
    // A screen reader reads each quote in its own language, whichever text the page shows.
    expect(page).toContain('<blockquote class="comment-quote" lang="cy">maeau wedi’u marcio</blockquote>')
    expect(page).toContain('<blockquote class="comment-quote" lang="en">marked bays</blockquote>')
    expect(page).toMatch(/<mark lang="cy">maeau wedi’u marcio<\/mark>/)
    // Its links and its form keep to the Welsh, and so does the answer to the form.
    expect(page).toContain(`href="/g/parking/1?text=cy#${key}"`)
    expect(page).toContain(`action="${thread}/comments?text=cy"`)
    const token = /name="idempotency" value="([^"]+)"/.exec(page)?.[1] ?? ''
    const posted = await c.people.rhian.request(`${thread}/comments?text=cy`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ kind: 'comment', body: 'Diolch.', idempotency: token }),
    })
    expect(posted.status).toBe(303)
    expect(posted.headers.get('location')).toMatch(new RegExp(`^${thread}\\?text=cy#c\\d+$`))

    // Without asking, an English reader reads the English, and so does one asking for a text it lacks.
    for (const at of [thread, `${thread}?text=fr`]) {
      const own = await (await c.people.rhian.request(at)).text()
      expect(/<div class="thread-paragraph" lang="([^"]+)"/.exec(own)?.[1]).toBe('en')
      expect(own).toContain('Park only in marked bays near the school gates.')
      expect(own).toContain(`href="/g/parking/1#${key}"`)
      expect(own).toContain(`action="${thread}/comments"`)
      // The Welsh quote is still Welsh on the English page.
      expect(own).toContain('<blockquote class="comment-quote" lang="cy">maeau wedi’u marcio</blockquote>')
    }
    // A Welsh reader who did not ask reads the Welsh, as their reading page shows it.
    const welshReader = await (
      await c.people.rhian.request(thread, { headers: { 'accept-language': 'cy' } })
    ).text()
    expect(/<div class="thread-paragraph" lang="([^"]+)"/.exec(welshReader)?.[1]).toBe('cy')
  })

  it('marks words quoted from the Welsh as Welsh on triage, moderation and My comments', async () => {
    const thread = `/api/guides/parking/editions/1/blocks/${c.guide.keys[1] ?? ''}/comments`
    const posted = await c.people.rhian.send('POST', thread, {
      kind: 'comment',
      body: 'Faint o faeau sydd?',
      quote: { exact: 'maeau wedi’u marcio' },
    })
    expect(posted.status).toBe(201)
    const id = ((await posted.json()) as { id: string }).id
    expect(
      (await c.people.ed.send('POST', `/api/comments/${id}/flags`, { reason: 'Off topic?' })).status,
    ).toBe(204)
    const welsh = '<blockquote class="comment-quote" lang="cy">maeau wedi’u marcio</blockquote>'
    const english = '<blockquote class="comment-quote" lang="en">marked bays</blockquote>'
    const triage = await (await c.admin.request('/g/parking/1/triage')).text()
    expect(triage).toContain(welsh)
    expect(triage).toContain(english)
    const moderation = await (await c.admin.request('/g/parking/moderation')).text()
    expect(moderation).toContain(welsh)
    const mine = await (await c.people.rhian.request('/me/comments')).text()
    expect(mine).toContain(
      '<blockquote class="comment-quote" lang="cy" dir="auto">maeau wedi’u marcio</blockquote>',
    )
    expect(mine).toContain('<blockquote class="comment-quote" lang="en" dir="auto">marked bays</blockquote>')
    // Each comment's paragraph is named by its first words in the text the reader reads: the English
    // reader's the guide's own, the Welsh reader's the Welsh, each marked with its language.
    expect(mine).toContain('<q class="first-words" lang="en" dir="auto">Park only in marked bays')
    const welshReader = await c.people.rhian.request('/me/comments', {
      headers: { 'accept-language': 'cy' },
    })
    const mineInWelsh = await welshReader.text()
    expect(mineInWelsh).toContain('<q class="first-words" lang="cy" dir="auto">Parciwch ym maeau')
    expect(mineInWelsh).not.toContain('<q class="first-words" lang="en"')
    const api = (await (
      await c.people.rhian.request('/api/me/comments', { headers: { 'accept-language': 'cy' } })
    ).json()) as { items: { id: string; block: { firstWords: string; lang: string } | null }[] }
    expect(api.items.find((item) => item.id === id)?.block).toMatchObject({
      firstWords: expect.stringMatching(/^Parciwch ym maeau/) as string,
      lang: 'cy',
    })
  })

  it('takes the text of a long guide, as large as a guide may be sent, split away from the request thread', async () => {
    const paragraphs = (words: string) =>
      Array.from({ length: 1_500 }, (_, i) => `${words} ${String(i + 1)}, a sentence long enough to count.`)
    await c.addGuide({ slug: 'long', markdown: `# Long\n\n${paragraphs('Paragraph').join('\n\n')}\n` })
    const markdown = `# Hir\n\n${paragraphs('Paragraff').join('\n\n')}\n`
    // Well past the 64 kB an ordinary JSON body may be.
    expect(markdown.length).toBeGreaterThan(64 * 1024)
    const sent = await c.admin.send('POST', '/api/guides/long/editions/1/translations', {
      lang: 'cy',
      markdown,
    })
    expect(sent.status).toBe(201)
    const translation = (await sent.json()) as { blocks: { number: string; text: string }[] }
    expect(translation.blocks).toHaveLength(1_501)
    expect(translation.blocks.at(-1)?.text).toBe('Paragraff 1500, a sentence long enough to count.')
  })

  it('takes a translation of a closed or published edition too, since it changes none of its words', async () => {
    expect(
      (await c.admin.send('POST', '/api/guides/parking/editions/1/transitions', { to: 'closed' })).status,
    ).toBe(200)
    const closed = await c.people.ed.send('POST', path(), { lang: 'ar', markdown: WELSH })
    expect(closed.status).toBe(201)
    expect((await stored()).map((row) => row.lang)).toEqual(['ar', 'cy'])
  })

  it('flags to the editor each paragraph a revision changed in one text but not the other', async () => {
    // Edition 2 changes the English of the bays paragraph; its Welsh comes back changed in the last
    // item only. Edition 1 is closed by the test before.
    const english = ENGLISH.replace('near the school gates.', 'near the school’s front gates.')
    expect(
      (await c.people.ed.send('POST', '/api/guides/parking/editions', { markdown: english })).status,
    ).toBe(201)
    // Until edition 2 has its Welsh, its form starts from edition 1's, to be changed where 2 changed.
    const before = await (await c.people.ed.request('/g/parking/manage')).text()
    const form = before.slice(before.indexOf('id="t2-markdown"'))
    expect(form.slice(0, form.indexOf('</textarea>'))).toContain('Parciwch ym maeau')
    expect(before).toContain(
      'The box holds edition 1’s Welsh text: change what edition 2 changed, then add it.',
    )
    expect(before).toMatch(/<option value="cy" lang="cy" selected="">Cymraeg<\/option>/)
    const welsh = WELSH.replace('para blwyddyn', 'para deuddeg mis').replace(
      'Parciwch mewn baeau',
      'Parciwch ym maeau',
    )
    const sent = await c.people.ed.send('POST', path(2), { lang: 'cy', markdown: welsh })
    expect(sent.status).toBe(201)
    const { blocks, changedOnOneSide } = (await sent.json()) as {
      blocks: { key: string; number: string }[]
      changedOnOneSide: { number: string; changed: string }[]
    }
    const numberOf = (key: string | undefined) => blocks.find((b) => b.key === key)?.number
    expect(changedOnOneSide).toEqual([
      { number: numberOf(c.guide.keys[1]), changed: 'edition' },
      { number: numberOf(c.guide.keys[3]), changed: 'translation' },
    ])
    // The editions page says so under edition 2, in the editor's language.
    const manage = await (await c.people.ed.request('/g/parking/manage')).text()
    // Carried along and sent, it is no longer offered.
    expect(manage).not.toContain('The box holds edition 1’s')
    expect(manage).toContain(
      `The English text changed but not the Welsh text since edition 1: paragraph ${numberOf(c.guide.keys[1]) ?? ''}.`,
    )
    expect(manage).toContain(
      `The Welsh text changed but not the English text since edition 1: paragraph ${numberOf(c.guide.keys[3]) ?? ''}.`,
    )
    const cymraeg = await (
      await c.people.ed.request('/g/parking/manage', { headers: { 'accept-language': 'cy' } })
    ).text()
    expect(cymraeg).toContain(
      `Newidiodd y testun Saesneg ond nid y testun Cymraeg ers argraffiad 1: paragraff ${numberOf(c.guide.keys[1]) ?? ''}.`,
    )
  })

  it('names each text of a published edition in the editions feed, so a reader of either is led to theirs', async () => {
    await c.people.ed.expect(200, 'POST', '/api/guides/parking/editions/2/transitions', { to: 'published' })
    const feed = await (await c.visitor().request('/g/parking/editions.atom')).text()
    const entry = feed.slice(feed.indexOf('<entry>'), feed.indexOf('</entry>'))
    expect(entry).toMatch(
      /<link rel="alternate" hreflang="en" href="http:\/\/[^"]+\/g\/parking\/2\?text=en" \/>/,
    )
    expect(entry).toMatch(
      /<link rel="alternate" hreflang="cy" href="http:\/\/[^"]+\/g\/parking\/2\?text=cy" \/>/,
    )
  })

  it('gives each comment’s paragraph in the edition’s other texts in the feedback exports', async () => {
    const key = c.guide.keys[1] ?? ''
    const records = await c.people.ed.expect<
      { blockKey: string | null; blockTextIn: Record<string, string> }[]
    >(200, 'GET', '/api/guides/parking/editions/1/feedback.json')
    const onBays = records.find((r) => r.blockKey === key)
    expect(onBays?.blockTextIn).toEqual({
      ar: 'Parciwch mewn baeau wedi’u marcio ger gatiau’r ysgol yn unig.',
      cy: 'Parciwch ym maeau wedi’u marcio ger gatiau’r ysgol yn unig.',
    })
    const csv = await (await c.people.ed.request('/api/guides/parking/editions/1/feedback.csv')).text()
    // One cell, quoted, each text on a line of its own.
    expect(csv).toMatch(
      /"ar: Parciwch mewn baeau wedi’u marcio ger gatiau’r ysgol yn unig\.\r?\ncy: Parciwch ym maeau/,
    )
  })

  it('finds words quoted from the Welsh again in a later edition’s Welsh, and until it has one, does not call them gone', async () => {
    const key = c.guide.keys[1] ?? ''
    interface Carried {
      body: string
      quote: { exact: string } | null
      anchor?: { quote: { exact: string; status: string } | null }
    }
    const carried = async (n: number) => {
      const { items } = await c.people.ed.expect<{ items: Carried[] }>(
        200,
        'GET',
        `/api/guides/parking/editions/${String(n)}/blocks/${key}/comments`,
      )
      const welsh = items.find((item) => item.body === 'Pa faeau?')
      expect(welsh?.quote).toEqual({ exact: 'maeau wedi’u marcio' })
      return welsh?.anchor?.quote ?? null
    }
    const thread = async (n: number) => (await c.people.ed.request(`/g/parking/${String(n)}/b/${key}`)).text()

    // Edition 2's Welsh came after edition 2 (the test before): the words were looked for in it then.
    expect(await carried(2)).toMatchObject({ exact: 'maeau wedi’u marcio', status: 'exact' })
    // Edition 2's report marks the Welsh quote Welsh, and leaves the English one to the page's language.
    const report = await (await c.admin.request('/g/parking/2/report')).text()
    expect(report).toContain('<blockquote class="comment-quote" lang="cy">maeau wedi’u marcio</blockquote>')
    expect(report).toContain('<blockquote class="comment-quote">marked bays</blockquote>')

    // Edition 3 has only its English: the Welsh words wait, shown as written, not as gone.
    const english = ENGLISH.replace('near the school gates.', 'near the school’s side gates.')
    await c.people.ed.expect(201, 'POST', '/api/guides/parking/editions', { markdown: english })
    expect(await carried(3)).toBeNull()
    const waiting = await thread(3)
    expect(waiting).toContain('maeau wedi’u marcio')
    expect(waiting).not.toContain('quote-gone')
    // The W3C record points at edition 3's paragraph, not at words that are not in it.
    const page = await c.people.ed.expect<{ items: { body: unknown; target: unknown }[] }>(
      200,
      'GET',
      '/api/guides/parking/editions/1/annotations.jsonld?page=0',
    )
    const note = page.items.find((a) => JSON.stringify(a.body).includes('Pa faeau?'))
    const targets = note?.target as { source: string; selector: { value: string; refinedBy?: unknown } }[]
    expect(targets.map((t) => t.source.replace(/^.*\/g\//, ''))).toEqual([
      'parking/1',
      'parking/2',
      'parking/3',
    ])
    expect(targets[1]?.selector.refinedBy).toMatchObject({ exact: 'maeau wedi’u marcio' })
    expect(targets[2]?.selector).toEqual({
      type: 'FragmentSelector',
      conformsTo: expect.any(String) as unknown,
      value: key,
    })

    // Its Welsh arrives with the words: found there, as the reader of the Welsh sees them.
    const welsh3 = WELSH.replace('Parciwch mewn baeau', 'Parciwch ym maeau').replace(
      'gatiau’r ysgol',
      'gatiau ochr yr ysgol',
    )
    await c.people.ed.expect(201, 'POST', path(3), { lang: 'cy', markdown: welsh3 })
    expect(await carried(3)).toMatchObject({ exact: 'maeau wedi’u marcio', status: 'exact' })
    expect(await thread(3)).not.toContain('quote-gone')

    // A Welsh text in its place without them: now they are gone, and the thread says so.
    await c.people.ed.expect(201, 'POST', path(3), {
      lang: 'cy',
      markdown: welsh3.replace('Parciwch ym maeau wedi’u marcio', 'Defnyddiwch y llefydd parcio'),
    })
    expect(await carried(3)).toMatchObject({ exact: 'maeau wedi’u marcio', status: 'gone' })
    expect(await thread(3)).toContain('quote-gone')
  })

  it('mends, in its migration, the Welsh quotes marked gone before: found where the text has them, else waiting', async () => {
    const db = c.database.db
    const key = c.guide.keys[1] ?? ''
    const welshComment = await db
      .selectFrom('comments')
      .select('id')
      .where('body', '=', 'Pa faeau?')
      .executeTakeFirstOrThrow()
    const editionIds = await db
      .selectFrom('editions')
      .innerJoin('guides', 'guides.id', 'editions.guideId')
      .where('guides.slug', '=', 'parking')
      .select(['editions.id', 'editions.number'])
      .orderBy('editions.number')
      .execute()
    const [two, three] = [editionIds[1]?.id ?? 0, editionIds[2]?.id ?? 0]
    // As the code before it left them: looked for in the English, so gone in edition 2 (whose Welsh has
    // the words) and in edition 3, here without its Welsh.
    await migration.down(db as unknown as Kysely<unknown>)
    await db
      .updateTable('placements')
      .set({ quote: JSON.stringify({ exact: 'maeau wedi’u marcio' }), quoteStatus: 'gone' })
      .where('commentId', '=', welshComment.id)
      .execute()
    await db.deleteFrom('translationBlocks').where('editionId', '=', three).execute()
    await db.deleteFrom('editionTranslations').where('editionId', '=', three).execute()

    await migration.up(db as unknown as Kysely<unknown>)
    const placed = await db
      .selectFrom('placements')
      .select(['editionId', 'blockKey', 'quote', 'quoteStatus'])
      .where('commentId', '=', welshComment.id)
      .orderBy('editionId')
      .execute()
    expect(placed).toEqual([
      { editionId: two, blockKey: key, quote: { exact: 'maeau wedi’u marcio' }, quoteStatus: 'exact' },
      { editionId: three, blockKey: key, quote: { exact: 'maeau wedi’u marcio' }, quoteStatus: null },
    ])
  })

  it('looks for Welsh words in the Welsh when an editor places their comment, and waits where there is none', async () => {
    const key = c.guide.keys[1] ?? ''
    const { id } = await c.database.db
      .selectFrom('comments')
      .select('id')
      .where('body', '=', 'Pa faeau?')
      .executeTakeFirstOrThrow()
    // Edition 3 lost its Welsh in the test before: placed back on its paragraph, the words wait.
    const placed = await c.people.ed.expect<{ anchor: { placedBy: string; quote: unknown } }>(
      200,
      'PUT',
      `/api/guides/parking/editions/3/placements/${String(id)}`,
      { blockKey: key },
    )
    expect(placed.anchor).toEqual({ blockKey: key, placedBy: 'editor', quote: null })
    // Its Welsh back, the words are looked for in it: changed by a letter, found fuzzily. Placed
    // again, they are looked for as last found: word for word.
    await c.people.ed.expect(201, 'POST', path(3), { lang: 'cy', markdown: WELSH })
    const { items } = await c.people.ed.expect<{ items: { id: string; anchor?: { quote: unknown } }[] }>(
      200,
      'GET',
      `/api/guides/parking/editions/3/blocks/${key}/comments`,
    )
    expect(items.find((item) => item.id === String(id))?.anchor?.quote).toMatchObject({
      exact: 'baeau wedi’u marcio',
      status: 'fuzzy',
    })
    const again = await c.people.ed.expect<{ anchor: { quote: unknown } }>(
      200,
      'PUT',
      `/api/guides/parking/editions/3/placements/${String(id)}`,
      { blockKey: key },
    )
    expect(again.anchor.quote).toMatchObject({ exact: 'baeau wedi’u marcio', status: 'exact' })
  })
})
