import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseKind } from '../support/database.ts'
import { consultation, type Consultation } from '../support/consultation.ts'

interface CommentJson {
  id: string
  state: string
  edited: boolean
  body: string
  quote: { exact: string; prefix?: string; suffix?: string } | null
}

const GUIDE =
  '# Fruit\n\nI like apples and pears, and apples and plums.\n\nThe second paragraph, about nothing.\n'

describe(`comments under If-Match, empty edits, moderation twice and true quotes (${databaseKind})`, () => {
  let c: Consultation<'rita' | 'ed' | 'dewi'>
  const comment = (id: string) => `/api/comments/${id}`
  const read = async (id: string) => {
    const response = await c.people.ed.request(comment(id))
    expect(response.status).toBe(200)
    return { etag: response.headers.get('etag') ?? '', body: (await response.json()) as CommentJson }
  }

  beforeAll(async () => {
    c = await consultation({
      guides: [{ slug: 'fruit', state: 'open', markdown: GUIDE }],
      people: {
        rita: { email: 'rita@example.org', name: 'Rita Reviewer' },
        ed: { email: 'ed@example.org', name: 'Ed Editor', role: 'editor' },
        dewi: { email: 'dewi@example.org', name: 'Dewi Golygydd', role: 'editor' },
      },
      comments: [
        { name: 'decided', by: 'rita', on: 1, body: 'One to decide.' },
        { name: 'mine', by: 'rita', on: 1, body: 'One to edit.' },
        { name: 'hidden', by: 'rita', on: 1, body: 'One to hide.' },
      ],
    })
  })
  afterAll(async () => {
    await c.close()
  })

  it('honours If-Match as RFC 9110 says: *, a list, and never a weak tag', async () => {
    const id = c.ids.decided ?? ''
    const decide = (ifMatch: string) =>
      c.people.ed.send(
        'PUT',
        `${comment(id)}/decision`,
        { decision: 'noted', response: 'Thanks.', draft: false },
        { 'if-match': ifMatch },
      )
    expect((await decide('*')).status).toBe(200)
    const { etag } = await read(id)
    expect((await decide(`"bogus", ${etag}`)).status).toBe(200)
    const now = (await read(id)).etag
    expect((await decide(`W/${now}`)).status).toBe(412)
    expect((await decide('"bogus"')).status).toBe(412)
  })

  it('honours If-Match on an edit, and a stale one changes nothing', async () => {
    const id = c.ids.mine ?? ''
    const before = await read(id)
    const stale = await c.people.rita.send(
      'PATCH',
      comment(id),
      { body: 'Changed.' },
      { 'if-match': '"bogus"' },
    )
    expect(stale.status).toBe(412)
    expect((await read(id)).body.body).toBe('One to edit.')
    const fresh = await c.people.rita.send(
      'PATCH',
      comment(id),
      { body: 'Changed.' },
      { 'if-match': before.etag },
    )
    expect(fresh.status).toBe(200)
    expect((await read(id)).body).toMatchObject({ body: 'Changed.', edited: true })
  })

  it('takes an edit of nothing, or of the values it has, as no edit', async () => {
    const id = await c.post(c.people.rita, 1, { body: 'Untouched.' })
    const before = await read(id)
    for (const change of [{}, { body: 'Untouched.', kind: 'comment', quote: null, public: true }]) {
      const answer = await c.people.rita.send('PATCH', comment(id), change)
      expect(answer.status).toBe(200)
      expect(((await answer.json()) as CommentJson).edited).toBe(false)
    }
    const after = await read(id)
    expect(after.etag).toBe(before.etag)
    expect(after.body.edited).toBe(false)
  })

  it('refuses to hide a hidden comment again, so the public log holds it once', async () => {
    const id = c.ids.hidden ?? ''
    const hide = () => c.admin.send('POST', `${comment(id)}/hide`, { reason: 'Spam.', reasonCode: 'spam' })
    expect((await hide()).status).toBe(200)
    const again = await hide()
    expect(again.status).toBe(409)
    expect(((await again.json()) as { code: string }).code).toBe('already-hidden')
    const log = (await (await c.visitor().request('/api/guides/fruit/moderation-log')).json()) as {
      items: unknown[]
    }
    expect(log.items).toHaveLength(1)
    // Said in Welsh to an editor who reads Gloss in Welsh.
    await c.people.dewi.expect(200, 'PATCH', '/api/me', { language: 'cy' })
    const welsh = await c.people.dewi.send('POST', `${comment(id)}/hide`, {
      reason: 'Spam.',
      reasonCode: 'spam',
    })
    expect(welsh.status).toBe(409)
    expect(((await welsh.json()) as { detail: string }).detail).toBe('Mae’r sylw wedi’i guddio’n barod.')
  })

  it('stores a quote’s prefix and suffix as the paragraph has them, picking the occurrence they point at', async () => {
    const thread = `/api/guides/fruit/editions/1/blocks/${c.guide.key(1)}/comments`
    const post = async (quote: CommentJson['quote']) => {
      const answer = await c.people.rita.send('POST', thread, {
        kind: 'comment',
        body: 'On the fruit.',
        quote,
      })
      expect(answer.status).toBe(201)
      return ((await answer.json()) as CommentJson).quote
    }
    // As many characters as were sent, the paragraph's own.
    expect(await post({ exact: 'apples', prefix: 'WRONG ', suffix: ' and' })).toEqual({
      exact: 'apples',
      prefix: ' like ',
      suffix: ' and',
    })
    // The second occurrence, picked by a suffix close to its own, which is what is kept.
    expect(await post({ exact: 'apples', suffix: ' and plumz' })).toEqual({
      exact: 'apples',
      suffix: ' and plums',
    })
    // Cut at the paragraph's start.
    expect(await post({ exact: 'I like', prefix: 'Well, ' })).toEqual({ exact: 'I like' })
    // What the web client sends (the words alone) is kept as it is.
    expect(await post({ exact: 'apples' })).toEqual({ exact: 'apples' })
    const exported = await (
      await c.visitor().request('/api/guides/fruit/editions/1/annotations.jsonld')
    ).text()
    expect(exported).not.toContain('WRONG')
  })
})
