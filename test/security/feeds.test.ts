import { XMLParser, XMLValidator } from 'fast-xml-parser'
import type { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { importGuide } from '../../src/guides/guide.service.ts'
import type { AppEnv } from '../../src/platform/http/env.ts'
import { startSession } from '../../src/people/account.service.ts'
import { hashPassword } from '../../src/people/password.ts'
import { insertPerson, setRole } from '../../src/people/people.repository.ts'
import { json, testApp } from '../support/app.ts'
import { createTestDatabase, databaseKind, type TestDatabase } from '../support/database.ts'
import { PASSWORD } from '../support/session.ts'

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
  let database: TestDatabase
  let app: Hono<AppEnv>
  let reviewer: string
  let editor: string
  let key = ''
  /** Each hostile comment's rendered HTML, as the API answered it. */
  const html: Record<string, string> = {}

  const person = async (n: number) => {
    const { id } = await insertPerson(database.db, {
      email: `feed-${String(n)}@example.org`,
      displayName: `Tricky ]]> name ${String(n)} \u0002`,
      passwordHash: await hashPassword(PASSWORD),
      isAdmin: false,
    })
    return id
  }
  const as = (cookie: string, method: string, body?: unknown) => json(method, body, { cookie })

  beforeAll(async () => {
    database = await createTestDatabase()
    app = await testApp(database)
    await importGuide(database.db, '# A ]]> guide\n\nThe only paragraph of it.\n', {
      slug: 'cdata',
      defaultState: 'open',
    })
    const guide = await database.db
      .selectFrom('guides')
      .select('id')
      .where('slug', '=', 'cdata')
      .executeTakeFirstOrThrow()
    // New guides keep names from the public; this one publishes them, so the feeds carry hostile names.
    await database.db.updateTable('guides').set({ namesPublic: true }).where('id', '=', guide.id).execute()
    const reviewerId = await person(1)
    const editorId = await person(2)
    await setRole(database.db, guide.id, reviewerId, 'reviewer')
    await setRole(database.db, guide.id, editorId, 'editor')
    reviewer = `gloss_session=${(await startSession(database.db, reviewerId, 'test')).token}`
    editor = `gloss_session=${(await startSession(database.db, editorId, 'test')).token}`
    const edition = (await (
      await app.request('/api/guides/cdata/editions/1', as(reviewer, 'GET'))
    ).json()) as {
      blocks: { key: string; kind: string }[]
    }
    key = edition.blocks.find((b) => b.kind === 'paragraph')?.key ?? ''

    for (const [name, body] of Object.entries(HOSTILE)) {
      const posted = await app.request(
        `/api/guides/cdata/editions/1/blocks/${key}/comments`,
        as(reviewer, 'POST', { kind: 'comment', body }),
      )
      expect(posted.status, name).toBe(201)
      const comment = (await posted.json()) as { id: string; html: string }
      html[name] = comment.html
      const decided = await app.request(
        `/api/comments/${comment.id}/decision`,
        as(editor, 'PUT', { decision: 'noted', response: `Noted ]]>]]> ${name}` }),
      )
      expect(decided.status, name).toBe(200)
      const reply = await app.request(
        `/api/guides/cdata/editions/1/blocks/${key}/comments`,
        as(editor, 'POST', { kind: 'comment', body: `Reply ]]> to ]]> ${name}`, parentId: comment.id }),
      )
      expect(reply.status, name).toBe(201)
    }
  })
  afterAll(async () => {
    await database.close()
  })

  const feed = async (path: string, cookie = '') => {
    const response = await app.request(path, cookie ? { headers: { cookie } } : {})
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
      const moved = await app.request('/api/guides/cdata/editions/1/transitions', as(editor, 'POST', { to }))
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
