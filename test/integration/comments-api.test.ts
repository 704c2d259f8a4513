import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Hono } from 'hono'
import type { AppEnv } from '../../src/platform/http/env.ts'
import { databaseKind, type TestDatabase } from '../support/database.ts'
import { Client } from '../support/session.ts'
import { consultation, type GuideHandle } from '../support/consultation.ts'

interface CommentJson {
  id: string
  kind: string
  body: string
  html: string
  quote: { exact: string } | null
  parentId: string | null
  author: { displayName: string }
  state: string
  edited: boolean
}
interface Page {
  items: CommentJson[]
  next: string | null
}

const SOURCE =
  '# Councillors online\n\nPost when you have something useful to say.\n\nNever share casework details in public.\n'

describe(`commenting on a consultation draft (${databaseKind})`, () => {
  let database: TestDatabase
  let app: Hono<AppEnv>
  let admin: Client
  let reviewer: Client
  let otherEditor: Client
  const visitor = () => new Client(app)
  let key = ''
  let secondKey = ''
  const thread = (k = key) => `/api/guides/draft/editions/1/blocks/${k}/comments`

  beforeAll(async () => {
    let guide: GuideHandle
    ;({
      database,
      app,
      admin,
      people: { reviewer, otherEditor },
      guide,
    } = await consultation({
      config: { rateLimits: { postPerPerson: 12 } },
      guides: [
        { slug: 'draft', markdown: SOURCE },
        { slug: 'elsewhere', markdown: '# Elsewhere\n\nText.\n' },
      ],
      people: {
        reviewer: { email: 'rita@example.org', name: 'Rita Reviewer' },
        otherEditor: { email: 'olly@example.org', name: 'Olly', role: 'editor', guide: 'elsewhere' },
      },
    }))
    key = guide.key(1)
    secondKey = guide.key(2)
  })
  afterAll(async () => {
    await database.close()
  })

  it('refuses comments on a draft, and takes them once an editor opens the consultation', async () => {
    expect((await reviewer.send('POST', thread(), { kind: 'comment', body: 'Too early' })).status).toBe(404)
    const opened = await admin.send('POST', '/api/guides/draft/editions/1/transitions', {
      to: 'open',
      closesAt: '2099-01-01T00:00:00Z',
    })
    expect(opened.status).toBe(200)
    expect(await opened.json()).toMatchObject({ state: 'open', closesAt: '2099-01-01T00:00:00.000Z' })
    const response = await reviewer.send('POST', thread(), {
      kind: 'reflection',
      body: 'Useful to **whom**?',
      quote: { exact: 'something useful', prefix: 'have ', suffix: ' to say' },
    })
    expect(response.status).toBe(201)
    const comment = (await response.json()) as CommentJson
    expect(comment).toMatchObject({
      kind: 'reflection',
      body: 'Useful to **whom**?',
      quote: { exact: 'something useful' },
      parentId: null,
      state: 'published',
    })
    expect(comment.id).toMatch(/^\d+$/)
    expect(comment.html).toBe('<p>Useful to <strong>whom</strong>?</p>')
    expect(comment.author.displayName).toBe('Rita Reviewer')
  })

  it('refuses a quote that is not in the paragraph, pointing at it', async () => {
    const response = await reviewer.send('POST', thread(), {
      kind: 'comment',
      body: 'x',
      quote: { exact: 'not in the text' },
    })
    expect(response.status).toBe(422)
    const problem = (await response.json()) as { errors: { pointer: string }[] }
    expect(problem.errors[0]?.pointer).toBe('/quote/exact')
  })

  it('refuses unknown kinds, empty bodies and unknown paragraphs', async () => {
    expect((await reviewer.send('POST', thread(), { kind: 'rant', body: 'x' })).status).toBe(422)
    expect((await reviewer.send('POST', thread(), { kind: 'comment', body: '   ' })).status).toBe(422)
    expect((await reviewer.send('POST', thread('zzzzzzzz'), { kind: 'comment', body: 'x' })).status).toBe(404)
  })

  it("lets only invited people post: the public must sign in, another guide's editor may not", async () => {
    expect((await visitor().send('POST', thread(), { kind: 'comment', body: 'Hi' })).status).toBe(401)
    expect((await otherEditor.send('POST', thread(), { kind: 'comment', body: 'Hi' })).status).toBe(403)
  })

  it('threads replies and keeps them in the same block', async () => {
    const [first] = ((await (await visitor().request(thread())).json()) as Page).items
    const reply = await admin.send('POST', thread(), {
      kind: 'comment',
      body: 'To residents.',
      parentId: first?.id,
    })
    expect(reply.status).toBe(201)
    expect(((await reply.json()) as CommentJson).parentId).toBe(first?.id)
    const elsewhere = await admin.send('POST', thread(secondKey), {
      kind: 'comment',
      body: 'Wrong thread',
      parentId: first?.id,
    })
    expect(elsewhere.status).toBe(422)
  })

  it('never creates a second comment for a repeated Idempotency-Key', async () => {
    const headers = { 'idempotency-key': 'retry-123' }
    const first = await reviewer.send(
      'POST',
      thread(secondKey),
      { kind: 'example', body: 'In Harrowby we…' },
      headers,
    )
    const again = await reviewer.send(
      'POST',
      thread(secondKey),
      { kind: 'example', body: 'In Harrowby we…' },
      headers,
    )
    expect(first.status).toBe(201)
    expect(again.status).toBe(200)
    expect(((await again.json()) as CommentJson).id).toBe(((await first.json()) as CommentJson).id)
    const page = (await (await visitor().request(thread(secondKey))).json()) as Page
    expect(page.items.filter((c) => c.body === 'In Harrowby we…')).toHaveLength(1)
  })

  it('keeps XSS payloads inert', async () => {
    const body =
      '[click](javascript:alert(1)) [ok](https://example.org) <img src=x onerror=alert(1)>\n\n<script>alert(1)</script>'
    const comment = (await (
      await reviewer.send('POST', thread(), { kind: 'comment', body })
    ).json()) as CommentJson
    expect(comment.html).not.toMatch(/<script|<img/i)
    expect(comment.html).not.toMatch(/<[^>]*\son\w+=/i)
    expect(comment.html).not.toMatch(/href="javascript:/i)
    expect(comment.html).toContain('&#x3C;script>alert(1)&#x3C;/script>')
    expect(comment.html).toContain('<a href="https://example.org" rel="nofollow ugc noopener">ok</a>')
  })

  it('edits with the history kept, and withdraws without deleting', async () => {
    const created = (await (
      await reviewer.send('POST', thread(), { kind: 'comment', body: 'First wording' })
    ).json()) as CommentJson
    const edited = await reviewer.send('PATCH', `/api/comments/${created.id}`, { body: 'Second wording' })
    expect(edited.status).toBe(200)
    expect(await edited.json()).toMatchObject({ body: 'Second wording', edited: true })
    const history = await database.db
      .selectFrom('commentRevisions')
      .select('body')
      .where('commentId', '=', Number(created.id))
      .execute()
    expect(history.map((h) => h.body)).toEqual(['First wording'])
    expect((await admin.send('PATCH', `/api/comments/${created.id}`, { body: 'Not mine' })).status).toBe(403)
    const withdrawn = (await (
      await reviewer.send('POST', `/api/comments/${created.id}/withdraw`)
    ).json()) as CommentJson
    expect(withdrawn).toMatchObject({ state: 'withdrawn', body: '' })
    const stored = await database.db
      .selectFrom('comments')
      .select(['body', 'state'])
      .where('id', '=', Number(created.id))
      .executeTakeFirstOrThrow()
    expect(stored).toEqual({ body: 'Second wording', state: 'withdrawn' })
    expect((await reviewer.send('PATCH', `/api/comments/${created.id}`, { body: 'Back' })).status).toBe(409)
  })

  it('takes flags from anyone signed in', async () => {
    const [first] = ((await (await visitor().request(thread())).json()) as Page).items
    expect(
      (await visitor().send('POST', `/api/comments/${first?.id ?? ''}/flags`, { reason: 'rude' })).status,
    ).toBe(401)
    expect(
      (
        await otherEditor.send('POST', `/api/comments/${first?.id ?? ''}/flags`, {
          reason: 'Personal details',
        })
      ).status,
    ).toBe(204)
    expect(await database.db.selectFrom('flags').select('reason').execute()).toEqual([
      { reason: 'Personal details' },
    ])
  })

  it('holds pre-moderated comments back from everyone but their author and the editors', async () => {
    await admin.send('PATCH', '/api/guides/draft/settings', { moderation: 'pre' })
    const pending = (await (
      await reviewer.send('POST', thread(secondKey), { kind: 'comment', body: 'Awaiting a moderator' })
    ).json()) as CommentJson
    expect(pending.state).toBe('pending')
    const seenBy = async (client: Client) =>
      ((await (await client.request(thread(secondKey))).json()) as Page).items.some(
        (c) => c.id === pending.id,
      )
    expect(await seenBy(visitor())).toBe(false)
    expect(await seenBy(otherEditor)).toBe(false)
    expect(await seenBy(reviewer)).toBe(true)
    expect(await seenBy(admin)).toBe(true)
    await admin.send('PATCH', '/api/guides/draft/settings', { moderation: 'post' })
  })

  it('counts published comments per block in the edition', async () => {
    const edition = (await (await visitor().request('/api/guides/draft/editions/1')).json()) as {
      blocks: { key: string; commentCount: number }[]
    }
    const published = await database.db
      .selectFrom('comments')
      .select('blockKey')
      .where('state', '=', 'published')
      .execute()
    expect(edition.blocks.find((b) => b.key === key)?.commentCount).toBe(
      published.filter((c) => c.blockKey === key).length,
    )
    expect(edition.blocks.find((b) => b.key === key)?.commentCount).toBeGreaterThan(2)
  })

  it('takes general discussion on the edition as a whole', async () => {
    const response = await reviewer.send('POST', '/api/guides/draft/editions/1/comments', {
      kind: 'comment',
      body: 'Overall, clear.',
    })
    expect(response.status).toBe(201)
    const general = (await (
      await visitor().request('/api/guides/draft/editions/1/comments?scope=general')
    ).json()) as Page
    expect(general.items.map((c) => c.body)).toEqual(['Overall, clear.'])
    const all = (await (await visitor().request('/api/guides/draft/editions/1/comments')).json()) as Page
    expect(all.items.length).toBeGreaterThan(general.items.length)
  })

  it('limits posting per person with 429 and Retry-After', async () => {
    let last: Response | undefined
    for (let i = 0; i < 14; i++)
      last = await reviewer.send('POST', thread(), { kind: 'comment', body: `Note ${String(i)}` })
    expect(last?.status).toBe(429)
    expect(Number(last?.headers.get('retry-after'))).toBeGreaterThan(0)
  })

  it('refuses comments once the consultation closes, while reading still works', async () => {
    expect(
      (await admin.send('POST', '/api/guides/draft/editions/1/transitions', { to: 'closed' })).status,
    ).toBe(200)
    const late = await admin.send('POST', thread(), { kind: 'comment', body: 'Too late' })
    expect(late.status).toBe(409)
    expect(((await late.json()) as { code: string }).code).toBe('consultation-closed')
    expect((await visitor().request(thread())).status).toBe(200)
    expect(
      (await admin.send('POST', '/api/guides/draft/editions/1/transitions', { to: 'closed' })).status,
    ).toBe(409)
  })
})
