import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Hono } from 'hono'
import { sql } from 'kysely'
import { createApp } from '../../src/app.tsx'
import { loadConfig } from '../../src/config.ts'
import { importGuide } from '../../src/guides/guide.service.ts'
import { buildAssets } from '../../src/platform/http/assets.ts'
import type { AppEnv } from '../../src/platform/http/env.ts'
import { LiveHub } from '../../src/live/live-hub.ts'
import { testApp } from '../support/app.ts'
import { createTestDatabase, databaseKind, type TestDatabase } from '../support/database.ts'
import { Client, PASSWORD } from '../support/session.ts'
import { SseReader } from '../support/sse.ts'
import { consultation, type Consultation } from '../support/consultation.ts'

const OPEN = '/api/guides/held/editions/1/events'
const DRAFT = '/api/guides/sketch/editions/1/events'
/** Long enough for the slowest machine; every wait below ends as soon as what it waits for happens. */
const DEADLINE_MS = 15_000

const bodies = (stream: SseReader) =>
  stream.events
    .filter((e) => e.event.startsWith('comment.'))
    .map((e) => (JSON.parse(e.data) as { body: string }).body)

async function until(what: string, happened: () => boolean): Promise<void> {
  const deadline = Date.now() + DEADLINE_MS
  while (!happened()) {
    if (Date.now() > deadline) throw new Error(`Still waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

describe(`event streams re-check who they serve (${databaseKind})`, () => {
  let database: TestDatabase
  let app: Hono<AppEnv>
  let admin: Client
  let reviewer: Client
  let join: Consultation<'reviewer'>['join']
  let addGuide: Consultation<'reviewer'>['addGuide']
  let thread = ''
  let serial = 0

  /** A comment the reviewer posts on the pre-moderated guide: pending, so only editors may see it. */
  const postPending = async () => {
    const body = `Pending ${String((serial += 1))}`
    expect((await reviewer.send('POST', thread, { kind: 'comment', body })).status).toBe(201)
    return body
  }
  /** A comment the admin posts: published, so every stream on the edition carries it. */
  const postPublished = async () => {
    const body = `Published ${String((serial += 1))}`
    expect((await admin.send('POST', thread, { kind: 'comment', body })).status).toBe(201)
    return body
  }
  const personId = async (email: string) => {
    const people = (await (await admin.request('/api/people')).json()) as {
      items: { id: string; email: string }[]
    }
    return people.items.find((p) => p.email === email)?.id ?? ''
  }
  const blockThread = async (slug: string) => {
    const edition = (await (await admin.request(`/api/guides/${slug}/editions/1`)).json()) as {
      blocks: { key: string }[]
    }
    return `/api/guides/${slug}/editions/1/blocks/${edition.blocks[1]?.key ?? ''}/comments`
  }
  /** An editor's stream that has shown it carries pending comments. */
  const editorStream = async (client: Client) => {
    const response = await client.request(OPEN)
    expect(response.status).toBe(200)
    const stream = new SseReader(response)
    const body = await postPending()
    await until(`"${body}" on the editor's stream`, () => bodies(stream).includes(body))
    return stream
  }
  /** The stream ended with a reconnect event, and a pending comment posted now is not on it. */
  const expectEnded = async (stream: SseReader) => {
    await until('the stream to end', () => stream.ended)
    expect(stream.events.at(-1)?.event).toBe('reconnect')
    const later = await postPending()
    expect(bodies(stream)).not.toContain(later)
    return later
  }

  beforeAll(async () => {
    ;({
      database,
      app,
      admin,
      join,
      addGuide,
      people: { reviewer },
    } = await consultation({
      config: { rateLimits: { postPerPerson: 1_000, postPerAddress: 1_000 } },
      guides: [
        { slug: 'held', markdown: '# Held\n\nA paragraph to discuss.\n', state: 'open', moderation: 'pre' },
        { slug: 'sketch', markdown: '# Sketch\n\nA paragraph in draft.\n', state: 'draft' },
      ],
      admin: { email: 'admin@example.org', name: 'Ada' },
      people: { reviewer: { email: 'rev@example.org', name: 'Rev' } },
    }))
    thread = await blockThread('held')
  })
  afterAll(async () => {
    await database.close()
  })

  it('stops sending pending comments to an editor as soon as their role is removed', async () => {
    const editor = await join({ email: 'demoted@example.org', name: 'Dee', role: 'editor', guide: 'held' })
    const stream = await editorStream(editor)
    const id = await personId('demoted@example.org')
    expect((await admin.send('PUT', `/api/guides/held/roles/${id}`, { role: null })).status).toBe(204)
    const pending = await postPending()
    const published = await postPublished()
    await until(`"${published}" on the stream`, () => bodies(stream).includes(published))
    // Still open, now as a signed-in reader: published comments come, pending ones do not.
    expect(bodies(stream)).not.toContain(pending)
    expect(stream.ended).toBe(false)
    await stream.close()
  })

  it('stops sending pending comments to an admin whose admin flag is taken away', async () => {
    await join({ email: 'second@example.org', name: 'Sec', guide: 'held' })
    const id = await personId('second@example.org')
    expect((await admin.send('PATCH', `/api/people/${id}`, { isAdmin: true })).status).toBe(204)
    const second = new Client(app)
    await second.send('POST', '/api/session', { email: 'second@example.org', password: PASSWORD })
    const stream = await editorStream(second)
    expect((await admin.send('PATCH', `/api/people/${id}`, { isAdmin: false })).status).toBe(204)
    const pending = await postPending()
    const published = await postPublished()
    await until(`"${published}" on the stream`, () => bodies(stream).includes(published))
    expect(bodies(stream)).not.toContain(pending)
    await stream.close()
  })

  it('ends a draft stream when its reader stops being an editor of the guide', async () => {
    const editor = await join({ email: 'drafter@example.org', name: 'Dra', role: 'editor', guide: 'sketch' })
    const stream = new SseReader(await editor.request(DRAFT))
    const id = await personId('drafter@example.org')
    expect((await admin.send('PUT', `/api/guides/sketch/roles/${id}`, { role: null })).status).toBe(204)
    await until('the draft stream to end', () => stream.ended)
    expect(JSON.parse(stream.events.at(-1)?.data ?? '{}')).toMatchObject({
      reason: 'You may no longer read this edition.',
    })
    expect((await editor.request(DRAFT)).status).toBe(404)
  })

  it('ends a stream when its reader signs out', async () => {
    const editor = await join({ email: 'leaver@example.org', name: 'Lea', role: 'editor', guide: 'held' })
    const stream = await editorStream(editor)
    expect((await editor.send('DELETE', '/api/session')).status).toBe(204)
    await expectEnded(stream)
    expect(JSON.parse(stream.events.at(-1)?.data ?? '{}')).toMatchObject({
      reason: expect.stringContaining('session') as unknown,
    })
  })

  it('ends a stream whose session is revoked from another device, or ended by a password change', async () => {
    await join({ email: 'travel@example.org', name: 'Tra', role: 'editor', guide: 'held' })
    const signIn = async () => {
      const client = new Client(app)
      await client.send('POST', '/api/session', { email: 'travel@example.org', password: PASSWORD })
      return client
    }
    const laptop = await signIn()
    const phone = await signIn()
    const phoneStream = await editorStream(phone)
    const sessions = (await (await phone.request('/api/me/sessions')).json()) as {
      items: { id: string; current: boolean }[]
    }
    const current = sessions.items.find((s) => s.current)?.id ?? ''
    expect((await laptop.send('DELETE', `/api/me/sessions/${current}`)).status).toBe(204)
    await expectEnded(phoneStream)

    const tablet = await signIn()
    const tabletStream = await editorStream(tablet)
    const laptopStream = await editorStream(laptop)
    const changed = await laptop.send('POST', '/api/me/password', {
      currentPassword: PASSWORD,
      newPassword: `${PASSWORD} 2`,
    })
    expect(changed.status).toBe(204)
    const later = await expectEnded(tabletStream)
    // The session that changed the password goes on, as it does for every other request.
    await until(`"${later}" on the stream of the session that changed the password`, () =>
      bodies(laptopStream).includes(later),
    )
    expect(laptopStream.ended).toBe(false)
    await laptopStream.close()
  })

  it('ends a stream held by another server process when the session is revoked through this one', async () => {
    // A second app over the same database has a hub of its own, with its own LISTEN connection, as a
    // second server process has.
    const other = await testApp(database)
    const editor = await join({ email: 'elsewhere@example.org', name: 'Els', role: 'editor', guide: 'held' })
    const response = await other.request(OPEN, { headers: { cookie: editor.cookie } })
    expect(response.status).toBe(200)
    const stream = new SseReader(response)
    const before = await postPending()
    await until(`"${before}" on the other process's stream`, () => bodies(stream).includes(before))
    expect((await editor.send('DELETE', '/api/session')).status).toBe(204)
    await expectEnded(stream)
  })

  it('ends a stream when its reader erases their account', async () => {
    const editor = await join({ email: 'gone@example.org', name: 'Gon', role: 'editor', guide: 'held' })
    const stream = await editorStream(editor)
    expect((await editor.send('POST', '/api/me/erase', { password: PASSWORD })).status).toBe(204)
    await expectEnded(stream)
  })

  it('notices an ended session within seconds even when no notice of it arrives', async () => {
    const editor = await join({ email: 'quiet@example.org', name: 'Qui', role: 'editor', guide: 'held' })
    const stream = await editorStream(editor)
    // A session that simply expires sends no notice; neither does a change made while this process's
    // LISTEN connection was away. The triggers are off for this one change.
    await sql`alter table sessions disable trigger user`.execute(database.db)
    try {
      await sql`update sessions set expires_at = now() - interval '1 second'
                where person_id = (select id from people where email = 'quiet@example.org')`.execute(
        database.db,
      )
    } finally {
      await sql`alter table sessions enable trigger user`.execute(database.db)
    }
    await expectEnded(stream)
  })

  it('hides authors on every stream as soon as an editor makes names private, and in what is replayed', async () => {
    const slug = 'named'
    await addGuide({ slug, markdown: '# Named\n\nA paragraph.\n', state: 'open' })
    expect((await admin.send('PATCH', `/api/guides/${slug}/settings`, { namesPublic: true })).status).toBe(
      200,
    )
    const author = await join({ email: 'author@example.org', name: 'Ann Author', guide: slug })
    const path = await blockThread(slug)
    const events = `/api/guides/${slug}/editions/1/events`
    const authorOf = (stream: SseReader, body: string) =>
      stream.events
        .map((e) => JSON.parse(e.data) as { body?: string; author?: { displayName: string } })
        .find((c) => c.body === body)?.author?.displayName
    const post = async (body: string) => {
      expect((await author.send('POST', path, { kind: 'comment', body })).status).toBe(201)
    }

    const early = new SseReader(await app.request(events))
    await post('While names are public')
    await until('the first comment', () => authorOf(early, 'While names are public') !== undefined)
    expect(authorOf(early, 'While names are public')).toBe('Ann Author')

    expect((await admin.send('PATCH', `/api/guides/${slug}/settings`, { namesPublic: false })).status).toBe(
      200,
    )
    const late = new SseReader(await app.request(events))
    await post('After names went private')
    for (const stream of [early, late]) {
      await until('the second comment', () => authorOf(stream, 'After names went private') !== undefined)
      expect(authorOf(stream, 'After names went private')).toBe('A participant')
    }
    const replayed = new SseReader(await app.request(events, { headers: { 'last-event-id': '0' } }))
    await replayed.waitFor(2)
    expect(
      replayed.events.map((e) => (JSON.parse(e.data) as { author: { displayName: string } }).author),
    ).toEqual([
      expect.objectContaining({ displayName: 'A participant' }),
      expect.objectContaining({ displayName: 'A participant' }),
    ])
    for (const stream of [early, late, replayed]) await stream.close()
  })
})

describe(`how many event streams a client may hold (${databaseKind})`, () => {
  let database: TestDatabase

  beforeAll(async () => {
    database = await createTestDatabase()
    await importGuide(database.db, '# Held\n\nA paragraph to discuss.\n', {
      slug: 'held',
      defaultState: 'open',
    })
  })
  afterAll(async () => {
    await database.close()
  })

  /** The app over a hub with small limits, so that reaching them takes a handful of streams. */
  const appWith = async (enabled: boolean, perProcess: number) => {
    const config = loadConfig({ TRUST_PROXY: 'true' })
    return createApp({
      config: { ...config, rateLimits: { ...config.rateLimits, enabled } },
      database,
      assets: await buildAssets(),
      live: new LiveHub(database, { perSession: 2, perAddress: 3, perProcess }),
    })
  }
  const from = (address: string) => ({ headers: { 'x-forwarded-for': address } })

  it('refuses a stream past the client’s share with 429 and Retry-After, and takes one again once one closes', async () => {
    const app = await appWith(true, 100)
    const open = await Promise.all([1, 2, 3].map(async () => app.request(OPEN, from('203.0.113.7'))))
    expect(open.map((r) => r.status)).toEqual([200, 200, 200])
    const refused = await app.request(OPEN, from('203.0.113.7'))
    expect(refused.status).toBe(429)
    expect(refused.headers.get('content-type')).toContain('application/problem+json')
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    // Another address is another client.
    const neighbour = new SseReader(await app.request(OPEN, from('198.51.100.4')))

    const admin = new Client(app)
    await admin.send('POST', '/api/setup', {
      email: 'admin@example.org',
      password: PASSWORD,
      displayName: 'Ada',
    })
    const mine = [new SseReader(await admin.request(OPEN)), new SseReader(await admin.request(OPEN))]
    expect((await admin.request(OPEN)).status).toBe(429)

    const readers = open.map((r) => new SseReader(r))
    await readers[0]?.close()
    const again = await app.request(OPEN, from('203.0.113.7'))
    expect(again.status).toBe(200)
    for (const stream of [...readers, neighbour, ...mine, new SseReader(again)]) await stream.close()
  })

  it('answers 503 with Retry-After once the process holds all it may, even with rate limits off', async () => {
    const app = await appWith(false, 5)
    const open = await Promise.all([1, 2, 3, 4, 5].map(async () => app.request(OPEN, from('203.0.113.9'))))
    // With rate limits off (benchmarks), one address may hold more than its share.
    expect(open.map((r) => r.status)).toEqual([200, 200, 200, 200, 200])
    const full = await app.request(OPEN, from('192.0.2.1'))
    expect(full.status).toBe(503)
    expect(full.headers.get('retry-after')).not.toBeNull()
    const readers = open.map((r) => new SseReader(r))
    await readers[0]?.close()
    const again = await app.request(OPEN, from('192.0.2.1'))
    expect(again.status).toBe(200)
    for (const stream of [...readers, new SseReader(again)]) await stream.close()
  })
})

describe(`a feedback export read slowly (${databaseKind})`, () => {
  let c: Consultation<'editor' | 'reviewer'>

  beforeAll(async () => {
    c = await consultation({
      admin: { email: 'admin@example.org', name: 'Ada' },
      guides: [
        { slug: 'long', markdown: '# Long\n\nA paragraph to discuss.\n', state: 'open', moderation: 'pre' },
      ],
      people: {
        editor: { email: 'exporter@example.org', name: 'Exa', role: 'editor' },
        reviewer: { email: 'rev@example.org', name: 'Rev' },
      },
    })
  })
  afterAll(async () => {
    await c.close()
  })

  it('carries nothing written after it was asked for, so an editor removed meanwhile reads no more', async () => {
    const { admin, database } = c
    const { editor, reviewer } = c.people
    // More comments than one page of the export, so that the export is still reading when the role goes.
    await sql`insert into comments (guide_id, edition_id, block_key, author_id, kind, body, html, state)
              select e.guide_id, e.id, null, p.id, 'comment', 'Earlier comment ' || n, '<p>Earlier</p>', 'published'
              from editions e join guides g on g.id = e.guide_id and g.slug = 'long',
                   people p, generate_series(1, 1200) n
              where p.email = 'admin@example.org'`.execute(database.db)

    const response = await editor.request('/api/guides/long/editions/1/feedback.json')
    expect(response.status).toBe(200)
    const reader = response.body?.pipeThrough(new TextDecoderStream()).getReader()
    let text = (await reader?.read())?.value ?? ''
    const late = 'Written after the export began'
    const thread = `/api/guides/long/editions/1/comments`
    const posted = await reviewer.send('POST', thread, { kind: 'comment', body: late })
    expect(posted.status).toBe(201)
    const id = (
      (await (await admin.request('/api/people')).json()) as { items: { id: string; email: string }[] }
    ).items.find((p) => p.email === 'exporter@example.org')?.id
    expect((await admin.send('PUT', `/api/guides/long/roles/${id ?? ''}`, { role: null })).status).toBe(204)
    for (let part = await reader?.read(); part && !part.done; part = await reader?.read()) text += part.value
    const bodies = (JSON.parse(text) as { body: string }[]).map((r) => r.body)
    expect(bodies).toHaveLength(1200)
    expect(bodies).not.toContain(late)
  })
})
