import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { consultation, type Consultation } from '../support/consultation.ts'
import { databaseKind } from '../support/database.ts'
import type { Client } from '../support/session.ts'

/** Comment texts that once broke the XML around them, or that XML 1.0 cannot carry at all. */
const HOSTILE = {
  twoEnds: 'Two ends ]]> in ]]> one comment',
  backToBack: 'Back to back ]]>]]> ends',
  opener: 'An opener `<![CDATA[` left open',
  // A lone surrogate is refused when posted (src/comments/comment.schemas.ts), so it never gets this far.
  controls: 'A bell \u0001 and a non-character \uFFFE',
}

// XML 1.0's Char production, inverted: what may never appear in a document, a lone surrogate included.
// eslint-disable-next-line no-control-regex -- these are exactly the characters XML forbids
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDFFF]/u

interface AtomText {
  '#text'?: string
}
interface AtomEntry {
  title: AtomText
  content?: AtomText
  summary?: AtomText
  author: { name: string }[]
}

const parser = new XMLParser({
  ignoreAttributes: false,
  parseTagValue: false,
  isArray: (name) => ['entry', 'author'].includes(name),
})

/** Checks the document is well-formed XML 1.0 before reading its entries. */
function entriesOf(xml: string): AtomEntry[] {
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- the bundled validator still checks well-formedness; its successor is a package of its own
  expect(XMLValidator.validate(xml)).toBe(true)
  expect(xml).not.toMatch(NOT_XML)
  const document = parser.parse(xml) as { feed: { title: string; entry?: AtomEntry[] } }
  return document.feed.entry ?? []
}

describe(`Atom feeds carry any text a comment holds (${databaseKind})`, () => {
  let c: Consultation<'reviewer' | 'editor'>
  let reviewer: Client
  let editor: Client
  let key = ''
  /** Each hostile comment's rendered HTML, as the API answered it. */
  const html: Record<string, string> = {}

  const person = (n: number) => ({
    email: `feed-${String(n)}@example.org`,
    name: `Tricky ]]> name ${String(n)} \u0002`,
  })

  beforeAll(async () => {
    c = await consultation({
      guides: [
        {
          slug: 'cdata',
          markdown: '# A ]]> guide\n\nThe only paragraph of it.\n',
          state: 'open',
          // New guides keep names from the public; this one publishes them, so the feeds carry hostile names.
          names: 'full',
        },
      ],
      people: { reviewer: person(1), editor: { ...person(2), role: 'editor' } },
    })
    reviewer = c.people.reviewer
    editor = c.people.editor
    key = c.guide.key('The only paragraph')

    for (const [name, body] of Object.entries(HOSTILE)) {
      const posted = await reviewer.send('POST', `/api/guides/cdata/editions/1/blocks/${key}/comments`, {
        kind: 'comment',
        body,
      })
      expect(posted.status, name).toBe(201)
      const comment = (await posted.json()) as { id: string; html: string }
      html[name] = comment.html
      const decided = await editor.send('PUT', `/api/comments/${comment.id}/decision`, {
        decision: 'noted',
        response: `Noted ]]>]]> ${name}`,
      })
      expect(decided.status, name).toBe(200)
      const reply = await editor.send('POST', `/api/guides/cdata/editions/1/blocks/${key}/comments`, {
        kind: 'comment',
        body: `Reply ]]> to ]]> ${name}`,
        parentId: comment.id,
      })
      expect(reply.status, name).toBe(201)
    }
  })
  afterAll(async () => {
    await c.close()
  })

  const feed = async (path: string, who: Client = c.visitor()) => {
    const response = await who.request(path)
    expect(response.status, path).toBe(200)
    return entriesOf(await response.text())
  }

  it.each([
    ['the guide', '/g/cdata/comments.atom'],
    ['the edition', '/g/cdata/1/comments.atom'],
    ['the paragraph', () => `/g/cdata/1/b/${key}/comments.atom`],
  ])("%s's comment feed is well-formed and holds every comment's HTML whole", async (_, path) => {
    const entries = await feed(typeof path === 'string' ? path : path())
    const contents = entries.map((e) => e.content?.['#text'])
    for (const [name, body] of Object.entries(html)) {
      // Only the characters XML cannot carry are left out.
      expect(contents, name).toContain(body.replace(new RegExp(NOT_XML, 'gu'), ''))
    }
    expect(contents).toContainEqual(expect.stringContaining('Two ends ]]> in ]]> one comment'))
    expect(contents).toContainEqual(expect.stringContaining('Back to back ]]>]]> ends'))
    expect(contents).toContainEqual(expect.stringContaining('<code>&#x3C;![CDATA[</code> left open'))
    expect(entries.map((e) => e.title['#text'])).toContainEqual(
      expect.stringContaining('Two ends ]]&gt; in ]]&gt;'),
    )
  })

  it("a reviewer's own feed of replies and decisions is well-formed and holds the editors' words", async () => {
    const entries = await feed('/me/feed.atom', reviewer)
    expect(entries).toHaveLength(2 * Object.keys(HOSTILE).length)
    const contents = entries.map((e) => e.content?.['#text'] ?? '')
    expect(contents).toContainEqual(expect.stringContaining('Noted ]]&gt;]]&gt; twoEnds'))
    expect(contents).toContainEqual(expect.stringContaining('Reply ]]> to ]]> backToBack'))
    expect(contents).toContainEqual(expect.stringContaining('Back to back ]]>]]> ends'))
  })

  it('the editions feeds are well-formed whatever the titles and names hold', async () => {
    for (const to of ['closed', 'published']) {
      const moved = await editor.send('POST', '/api/guides/cdata/editions/1/transitions', { to })
      expect(moved.status, to).toBe(200)
    }
    for (const path of ['/g/cdata/editions.atom', '/editions.atom']) {
      const entries = await feed(path)
      expect(entries.map((e) => e.title['#text'])).toContainEqual(expect.stringContaining('A ]]&gt; guide'))
    }
    const comments = await feed('/g/cdata/comments.atom')
    expect(comments.flatMap((e) => e.author.map((a) => a.name))).toContain('Tricky ]]> name 1')
  })
})
