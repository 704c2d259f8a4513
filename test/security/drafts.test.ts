import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Hono } from 'hono'
import { API } from '../../src/api.ts'
import type { AppEnv } from '../../src/platform/http/env.ts'
import { consultation, type Consultation } from '../support/consultation.ts'
import { databaseKind } from '../support/database.ts'
import type { Client } from '../support/session.ts'

const DRAFT = 'quiet-draft'
const MISSING = 'never-was'
/** A word only the drafts hold: no public answer may ever contain it. */
const SECRET = 'Zanzibarite'
const PUBLISHED = 'open-book'

const FIRST = `# An open book

The opening paragraph says what the guide is for.

The second paragraph, which the draft removes, talks about parking.

The third paragraph stays as it is in every edition.
`
const REVISED = `# An open book

The opening paragraph says what the guide is for.

The third paragraph stays as it is in every edition.

A new paragraph about ${SECRET} that only the draft holds.
`

/** A small valid body for each JSON route that takes one, so the request gets past its validation. */
const BODIES: Record<string, unknown> = {
  'POST /api/guides/:slug/editions/preview': { markdown: '# T\n\nText.\n' },
  'POST /api/guides/:slug/editions': { markdown: '# T\n\nText.\n' },
  'POST /api/guides/:slug/editions/:n/transitions': { to: 'open' },
  'POST /api/guides/:slug/editions/:n/translations': { lang: 'cy', markdown: '# T\n\nTestun.\n' },
  'POST /api/guides/:slug/editions/:n/blocks/:key/comments': { kind: 'comment', body: 'Hello.' },
  'POST /api/guides/:slug/editions/:n/comments': { kind: 'comment', body: 'Hello.' },
  'POST /api/guides/:slug/decisions': { commentIds: ['1'], decision: 'noted', response: 'Seen.' },
  'POST /api/guides/:slug/invitations': { role: 'reviewer' },
  'PUT /api/guides/:slug/participants/me': { introduction: 'Hello.' },
  'PUT /api/guides/:slug/roles/:personId': { role: 'reviewer' },
  'PATCH /api/guides/:slug/settings': { namesPublic: true },
}
const QUERY: Record<string, string> = { q: 'paragraph', type: 'all', page: '1', scope: 'all' }
/** What an HTML form would send: the fields the page routes read, all small. */
const FORM = new URLSearchParams({
  kind: 'comment',
  body: 'Hello.',
  role: 'reviewer',
  to: 'open',
  introduction: 'Hello.',
  text: 'Hello.',
  markdown: '# T\n\nText.\n',
  decision: 'noted',
  response: 'Seen.',
  reason: 'Because.',
}).toString()

type Caller =
  | 'the public'
  | 'someone signed in with no role'
  | 'an editor of another guide'
  | 'a reviewer of the published guide'
const CALLERS: Caller[] = ['the public', 'someone signed in with no role', 'an editor of another guide']
/** About the published guide, a reviewer of it too: they know the guide, but may not read its draft. */
const PUBLISHED_READERS: Caller[] = [...CALLERS, 'a reviewer of the published guide']

interface Target {
  slug: string
  n: string
  key: string
}

describe(`a draft's existence never shows to those who may not read it (${databaseKind})`, () => {
  let c: Consultation<'outsider' | 'otherEditor' | 'reviewer'>
  let app: Hono<AppEnv>
  const callers = {} as Record<Caller, Client>
  let admin: Client
  let outsiderId = ''
  let invitationId = ''
  let draftKey = ''
  /** Keys of the published guide: one its draft removes, one only its draft has. */
  let removedKey = ''
  let newKey = ''

  const send = (method: string, path: string, who: Client, body?: unknown, form = false) => {
    const headers: Record<string, string> = {}
    if (body !== undefined)
      headers['content-type'] = form ? 'application/x-www-form-urlencoded' : 'application/json'
    return who.request(path, {
      method,
      headers,
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    })
  }

  /** What a person would notice of an answer: its status, type, where it sends them and what it says. */
  const seen = async (response: Response, ...echoed: [string, string][]) => {
    const type = response.headers.get('content-type') ?? ''
    // A stream that opened would never end: that it opened is what tells.
    const text = type.startsWith('text/event-stream') ? 'a stream' : await response.text()
    const blank = (s: string) => echoed.reduce((out, [from, to]) => out.replaceAll(from, to), s)
    return {
      status: response.status,
      type,
      location: blank(response.headers.get('location') ?? ''),
      body: blank(text),
    }
  }

  const fill = (path: string, t: Target) =>
    path
      .replace(':slug', t.slug)
      .replace(':n', t.n)
      .replace(':key', t.key)
      .replace(':personId', outsiderId)
      .replace(':ordinal', '0')
      .replace(':a', '1')
      .replace(':b', t.n)
      .replace(':id', invitationId)

  /** Every JSON route of the table and every page route that names a guide, as requests. */
  const routes = () => {
    const api = Object.entries(API)
      .filter(([route]) => route.includes(':slug'))
      .map(([route, op]) => {
        const [method = 'GET', path = ''] = route.split(' ')
        const query = new URLSearchParams(
          Object.keys(op.query ?? {}).flatMap((name): [string, string][] => {
            const value = QUERY[name]
            return value === undefined ? [] : [[name, value]]
          }),
        ).toString()
        return {
          route,
          method,
          path,
          query,
          body: BODIES[route] ?? (method === 'GET' ? undefined : {}),
          form: false,
        }
      })
    const pages = app.routes
      .filter((r) => r.method !== 'ALL' && r.path.startsWith('/g/:slug'))
      .map((r) => ({
        route: `${r.method} ${r.path}`,
        method: r.method,
        path: r.path,
        query: r.path.endsWith('/search') ? 'q=paragraph' : '',
        body: r.method === 'GET' ? undefined : FORM,
        form: true,
      }))
    return [...api, ...new Map(pages.map((p) => [p.route, p])).values()]
  }

  const ask = async (caller: Caller, r: ReturnType<typeof routes>[number], t: Target, extraQuery = '') => {
    const query = [r.query, extraQuery].filter(Boolean).join('&')
    return send(r.method, `${fill(r.path, t)}${query ? `?${query}` : ''}`, callers[caller], r.body, r.form)
  }

  beforeAll(async () => {
    c = await consultation({
      config: { rateLimits: { enabled: false } },
      guides: [
        { slug: DRAFT, markdown: `# A quiet draft\n\nThe ${SECRET} paragraph of a draft.\n` },
        { slug: 'another-draft', markdown: '# Another draft\n\nIts words.\n' },
        { slug: PUBLISHED, markdown: FIRST, state: 'published' },
      ],
      admin: { email: 'admin@example.org', name: 'admin@example.org' },
      people: {
        // Invited to the published guide, which the walks compare with itself, and the role taken away.
        outsider: {
          email: 'outsider@example.org',
          name: 'outsider@example.org',
          role: 'none',
          guide: PUBLISHED,
        },
        otherEditor: {
          email: 'other-editor@example.org',
          name: 'other-editor@example.org',
          role: 'editor',
          guide: 'another-draft',
        },
        reviewer: { email: 'reviewer@example.org', name: 'reviewer@example.org', guide: PUBLISHED },
      },
    })
    app = c.app
    admin = c.admin
    outsiderId = (await c.people.outsider.expect<{ id: string }>(200, 'GET', '/api/me')).id
    callers['the public'] = c.visitor()
    callers['someone signed in with no role'] = c.people.outsider
    callers['an editor of another guide'] = c.people.otherEditor
    callers['a reviewer of the published guide'] = c.people.reviewer
    // Anyone may sign up and comment on open guides: the strongest caller without a role.
    expect((await send('PUT', '/api/settings', admin, { openSignUp: true })).status).toBe(200)

    const draft = (await (await send('GET', `/api/guides/${DRAFT}/editions/1`, admin)).json()) as {
      blocks: { key: string }[]
    }
    draftKey = draft.blocks[1]?.key ?? ''
    const made = await send('POST', `/api/guides/${DRAFT}/invitations`, admin, { role: 'reviewer' })
    invitationId = ((await made.json()) as { id: string }).id

    const first = (await (await send('GET', `/api/guides/${PUBLISHED}/editions/1`, admin)).json()) as {
      blocks: { key: string }[]
    }
    removedKey = first.blocks[2]?.key ?? ''
    expect(
      (await send('POST', `/api/guides/${PUBLISHED}/editions`, admin, { markdown: REVISED })).status,
    ).toBe(201)
    const second = (await (await send('GET', `/api/guides/${PUBLISHED}/editions/2`, admin)).json()) as {
      blocks: { key: string; text: string }[]
    }
    newKey = second.blocks.find((b) => b.text.includes(SECRET))?.key ?? ''
    expect(draftKey && removedKey && newKey && invitationId).toBeTruthy()
  })
  afterAll(async () => {
    await c.close()
  })

  it('walks every JSON route of the table that names a guide, and every guide page', () => {
    const walked = routes().map((r) => r.route)
    expect(walked).toContain('GET /api/guides/:slug/participants')
    expect(walked).toContain('GET /g/:slug/p/:key')
    expect(walked.length).toBeGreaterThan(60)
  })

  for (const caller of CALLERS) {
    it(`answers ${caller} about a draft-only guide exactly as about a guide that does not exist`, async () => {
      const differences: string[] = []
      for (const r of routes()) {
        const draft = await seen(await ask(caller, r, { slug: DRAFT, n: '1', key: draftKey }), [
          DRAFT,
          'SLUG',
        ])
        const missing = await seen(await ask(caller, r, { slug: MISSING, n: '1', key: draftKey }), [
          MISSING,
          'SLUG',
        ])
        if (JSON.stringify(draft) !== JSON.stringify(missing))
          differences.push(
            `${r.route}: draft ${JSON.stringify(draft).slice(0, 300)} ≠ missing ${JSON.stringify(missing).slice(0, 300)}`,
          )
      }
      expect(differences).toEqual([])
    })
  }

  for (const caller of PUBLISHED_READERS) {
    it(`answers ${caller} about an edition that is only a draft exactly as about one that does not exist`, async () => {
      const differences: string[] = []
      for (const r of routes().filter(
        (route) => /:n\b|:b\b/.test(route.path) || route.path.includes('search'),
      )) {
        const draft = await seen(
          await ask(
            caller,
            r,
            { slug: PUBLISHED, n: '2', key: newKey },
            r.path.includes('search') ? 'edition=2' : '',
          ),
          ['/2', '/N'],
          ['edition 2', 'edition N'],
          ['Edition 2', 'Edition N'],
          ['edition=2', 'edition=N'],
          // The language switch carries the page's own address back, encoded.
          ['edition%3D2', 'edition%3DN'],
          [' 2 ', ' N '],
        )
        const missing = await seen(
          await ask(
            caller,
            r,
            { slug: PUBLISHED, n: '9', key: newKey },
            r.path.includes('search') ? 'edition=9' : '',
          ),
          ['/9', '/N'],
          ['edition 9', 'edition N'],
          ['Edition 9', 'Edition N'],
          ['edition=9', 'edition=N'],
          // The language switch carries the page's own address back, encoded.
          ['edition%3D9', 'edition%3DN'],
          [' 9 ', ' N '],
        )
        if (JSON.stringify(draft) !== JSON.stringify(missing))
          differences.push(
            `${r.route}: draft ${JSON.stringify(draft).slice(0, 300)} ≠ missing ${JSON.stringify(missing).slice(0, 300)}`,
          )
      }
      expect(differences).toEqual([])
    })
  }

  it('shows the participants of a draft-only guide to nobody without a part in it', async () => {
    for (const caller of CALLERS) {
      for (const path of [`/api/guides/${DRAFT}/participants`, `/g/${DRAFT}/participants`]) {
        const response = await send('GET', path, callers[caller])
        expect(response.status, `${path} as ${caller}`).toBe(404)
        expect(await response.text()).not.toContain('A quiet draft')
      }
    }
    // Its editors still see them.
    expect((await send('GET', `/api/guides/${DRAFT}/participants`, admin)).status).toBe(200)
  })

  it('never names a draft in answers that are not about one guide', async () => {
    const global = [
      ...Object.keys(API)
        // Event streams do not end: what they carry is checked in security/streams.
        .filter((route) => route.startsWith('GET ') && !route.includes(':') && !route.endsWith('/events'))
        .map((route) => route.slice(4)),
      '/',
      '/search',
      '/editions.atom',
      '/me/comments',
      '/me/feed.atom',
    ]
    for (const caller of CALLERS) {
      for (const path of global) {
        for (const query of ['', `?q=${SECRET}`, `?q=${SECRET}&edition=2`]) {
          // The words searched for come back as the query; only the drafts' other words must not.
          const body = (await (await send('GET', `${path}${query}`, callers[caller])).text()).replaceAll(
            SECRET,
            '',
          )
          for (const secret of [DRAFT, 'A quiet draft', 'of a draft', 'only the draft holds', newKey])
            expect(body, `${path}${query} as ${caller}`).not.toContain(secret)
        }
      }
    }
  })

  it("never mentions a draft edition's keys, number or words in what the public reads of the guide", async () => {
    const reading = routes().filter((r) => r.method === 'GET' && !r.path.endsWith('/events'))
    for (const caller of PUBLISHED_READERS) {
      for (const r of reading) {
        for (const key of [removedKey, draftKey]) {
          const response = await ask(caller, r, { slug: PUBLISHED, n: '1', key })
          const text = `${response.headers.get('location') ?? ''} ${await response.text()}`
          const where = `${r.route} (${key === removedKey ? 'a paragraph the draft removes' : 'another guide'}'s key) as ${caller}`
          expect(text, where).not.toContain(SECRET)
          expect(text, where).not.toContain(newKey)
          expect(text, where).not.toMatch(new RegExp(`/g/${PUBLISHED}/2\\b|editions/2\\b|[Ee]dition 2\\b`))
        }
      }
    }
  })

  it('leads a permalink to the newest edition the reader may read, whatever a draft did to the paragraph', async () => {
    for (const caller of PUBLISHED_READERS) {
      // The draft removes this paragraph; the published edition still has it.
      const kept = await send('GET', `/g/${PUBLISHED}/p/${removedKey}`, callers[caller])
      expect(kept.status, caller).toBe(302)
      expect(kept.headers.get('location')).toBe(`/g/${PUBLISHED}/1#${removedKey}`)
      // A key only the draft has answers as a key the guide never had.
      const onlyInDraft = await seen(await send('GET', `/g/${PUBLISHED}/p/${newKey}`, callers[caller]), [
        newKey,
        'KEY',
      ])
      const never = await seen(await send('GET', `/g/${PUBLISHED}/p/zzzzzzzz`, callers[caller]), [
        'zzzzzzzz',
        'KEY',
      ])
      expect(onlyInDraft).toEqual(never)
    }
    // Its editors too: a draft only proposes the removal, so the link keeps to the text in force, and
    // a key only the draft has leads them to it.
    const forEditor = await send('GET', `/g/${PUBLISHED}/p/${removedKey}`, admin)
    expect(forEditor.status).toBe(302)
    expect(forEditor.headers.get('location')).toBe(`/g/${PUBLISHED}/1#${removedKey}`)
    const followed = await send('GET', `/g/${PUBLISHED}/p/${newKey}`, admin)
    expect(followed.headers.get('location')).toBe(`/g/${PUBLISHED}/2#${newKey}`)
  })
})
