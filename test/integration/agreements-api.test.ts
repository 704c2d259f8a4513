import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseKind } from '../support/database.ts'
import { consultation, type Consultation } from '../support/consultation.ts'
import { SseReader } from '../support/sse.ts'

interface CommentJson {
  id: string
  agreements: number
  agreed: boolean
}

describe(`agreeing with a comment (${databaseKind})`, () => {
  let c: Consultation<'rita' | 'sam' | 'tom' | 'ed' | 'una'>
  let id = ''
  const agreement = () => `/api/comments/${id}/agreement`
  const thread = () => `/api/guides/guide/editions/1/blocks/${c.guide.key(1)}/comments`
  const seenBy = async (client = c.visitor()) =>
    ((await (await client.request(thread())).json()) as { items: CommentJson[] }).items.find(
      (i) => i.id === id,
    )

  beforeAll(async () => {
    c = await consultation({
      config: { rateLimits: { postPerPerson: 5 } },
      guides: [
        { slug: 'guide', state: 'open' },
        { slug: 'other', state: 'open' },
      ],
      people: {
        rita: { email: 'rita@example.org', name: 'Rita Reviewer' },
        sam: { email: 'sam@example.org', name: 'Sam Reviewer' },
        una: { email: 'una@example.org', name: 'Una Reviewer' },
        tom: { email: 'tom@example.org', name: 'Tom Elsewhere', guide: 'other' },
        ed: { email: 'ed@example.org', name: 'Ed Editor', role: 'editor' },
      },
      comments: [{ name: 'point', by: 'rita', on: 1, body: 'A point worth making.' }],
    })
    id = c.ids.point ?? ''
  })
  afterAll(async () => {
    await c.close()
  })

  it('counts each person once, however often they agree, and shows them that they did', async () => {
    const first = await c.people.sam.expect<CommentJson>(200, 'PUT', agreement())
    expect(first).toMatchObject({ agreements: 1, agreed: true })
    expect(await c.people.sam.expect<CommentJson>(200, 'PUT', agreement())).toMatchObject({ agreements: 1 })
    expect(await c.people.ed.expect<CommentJson>(200, 'PUT', agreement())).toMatchObject({
      agreements: 2,
      agreed: true,
    })
    // In the thread, the count for everyone and `agreed` for the viewer alone.
    expect(await seenBy()).toMatchObject({ agreements: 2, agreed: false })
    expect(await seenBy(c.people.sam)).toMatchObject({ agreements: 2, agreed: true })
    expect(await seenBy(c.people.rita)).toMatchObject({ agreements: 2, agreed: false })
  })

  it('lets them take it back, once', async () => {
    expect(await c.people.ed.expect<CommentJson>(200, 'DELETE', agreement())).toMatchObject({
      agreements: 1,
      agreed: false,
    })
    expect(await c.people.ed.expect<CommentJson>(200, 'DELETE', agreement())).toMatchObject({ agreements: 1 })
  })

  it('refuses agreeing with one’s own comment, and people outside the consultation', async () => {
    const own = await c.people.rita.send('PUT', agreement())
    expect(own.status).toBe(403)
    expect(((await own.json()) as { code: string }).code).toBe('own-comment')
    expect((await c.visitor().send('PUT', agreement())).status).toBe(401)
    expect((await c.people.tom.send('PUT', agreement())).status).toBe(403)
    expect((await c.people.sam.send('PUT', '/api/comments/999999/agreement')).status).toBe(404)
    expect((await seenBy())?.agreements).toBe(1)
  })

  it('changes the comment’s ETag, so a cached copy never keeps an old count or someone else’s agreement', async () => {
    const url = `/api/comments/${id}`
    const before = await c.people.sam.request(url)
    const tag = before.headers.get('etag') ?? ''
    expect(((await before.json()) as CommentJson).agreed).toBe(true)
    expect((await c.people.sam.request(url, { headers: { 'if-none-match': tag } })).status).toBe(304)
    // Sam's copy says he agrees: Ed, who does not, is not sent to it.
    const eds = await c.people.ed.request(url, { headers: { 'if-none-match': tag } })
    expect(eds.status).toBe(200)
    expect(((await eds.json()) as CommentJson).agreed).toBe(false)
    await c.people.una.expect(200, 'PUT', agreement())
    const after = await c.people.sam.request(url, { headers: { 'if-none-match': tag } })
    expect(after.status).toBe(200)
    expect(after.headers.get('etag')).not.toBe(tag)
    expect(((await after.json()) as CommentJson).agreements).toBe(2)
    await c.people.una.expect(200, 'DELETE', agreement())
  })

  it('lets an editor decide with the tag they read, though someone agreed since', async () => {
    const url = `/api/comments/${id}`
    const tag = (await c.people.ed.request(url)).headers.get('etag') ?? ''
    await c.people.una.expect(200, 'PUT', agreement())
    const decided = await c.people.ed.send(
      'PUT',
      `${url}/decision`,
      { decision: 'noted', response: 'Thank you.', draft: false },
      { 'if-match': tag },
    )
    expect(decided.status).toBe(200)
    await c.people.una.expect(200, 'DELETE', agreement())
  })

  it('sends every open page the new count', async () => {
    const stream = new SseReader(await c.app.request('/api/guides/guide/editions/1/events'))
    try {
      await c.people.ed.expect(200, 'PUT', agreement())
      const [event] = await stream.waitFor(1)
      expect(event?.event).toBe('comment.agreed')
      expect(JSON.parse(event?.data ?? '{}')).toMatchObject({ id, agreements: 2 })
    } finally {
      await stream.close()
    }
  })

  it('is rate-limited like posting', async () => {
    const other = await c.post(c.people.sam, 1, { body: 'Another point.' })
    const statuses: number[] = []
    for (let i = 0; i < 7; i++)
      statuses.push(
        (await c.people.rita.send(i % 2 ? 'DELETE' : 'PUT', `/api/comments/${other}/agreement`)).status,
      )
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429])
  })

  it('stays as it is once the consultation closes', async () => {
    expect(
      (await c.admin.send('POST', '/api/guides/guide/editions/1/transitions', { to: 'closed' })).status,
    ).toBe(200)
    const closed = await c.people.sam.send('DELETE', agreement())
    expect(closed.status).toBe(409)
    expect((await seenBy())?.agreements).toBe(2)
  })
})
