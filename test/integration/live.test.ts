import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Hono } from 'hono'
import type { AppEnv } from '../../src/platform/http/env.ts'
import { databaseKind, type TestDatabase } from '../support/database.ts'
import type { Client } from '../support/session.ts'
import { SseReader } from '../support/sse.ts'
import { consultation, type Consultation } from '../support/consultation.ts'

describe(`live comments over Server-Sent Events (${databaseKind})`, () => {
  let world: Consultation<never>
  let database: TestDatabase
  let app: Hono<AppEnv>
  let editor: Client
  let key = ''
  const events = '/api/guides/live/editions/1/events'
  const thread = () => `/api/guides/live/editions/1/blocks/${key}/comments`

  beforeAll(async () => {
    world = await consultation({
      guides: [{ slug: 'live', markdown: '# Live\n\nA paragraph to discuss.\n', state: 'open' }],
      admin: { email: 'ed@example.org', name: 'Ed' },
    })
    ;({ database, app, admin: editor } = world)
    key = world.guide.key(1)
  })
  afterAll(async () => {
    await database.close()
  })

  it('delivers a new comment to an open stream, and replays what a reconnecting client missed', async () => {
    const response = await app.request(events)
    expect(response.headers.get('content-type')).toContain('text/event-stream')
    const stream = new SseReader(response)
    const posted = (await (
      await editor.send('POST', thread(), { kind: 'comment', body: 'Live one' })
    ).json()) as { id: string }
    const [first] = await stream.waitFor(1)
    expect(first?.event).toBe('comment.created')
    expect(JSON.parse(first?.data ?? '{}')).toMatchObject({ id: posted.id, body: 'Live one' })
    await stream.close()

    await editor.send('POST', thread(), { kind: 'example', body: 'Missed two' })
    await editor.send('POST', thread(), { kind: 'example', body: 'Missed three' })
    const again = new SseReader(await app.request(events, { headers: { 'last-event-id': first?.id ?? '' } }))
    const replayed = await again.waitFor(2)
    expect(replayed.map((e) => (JSON.parse(e.data) as { body: string }).body)).toEqual([
      'Missed two',
      'Missed three',
    ])
    expect(Number(replayed[1]?.id)).toBeGreaterThan(Number(replayed[0]?.id))
    await again.close()
  })

  it('carries only what the viewer may see: no pending comments to the public', async () => {
    await editor.send('PATCH', '/api/guides/live/settings', { moderation: 'pre' })
    const reviewer = await world.join({ email: 'r@example.org', name: 'R' })
    const publicStream = new SseReader(await app.request(events))
    const editorStream = new SseReader(await editor.request(events))
    await new Promise((resolve) => setTimeout(resolve, 100))
    await reviewer.send('POST', thread(), { kind: 'comment', body: 'Held for moderation' })
    await editor.send('POST', thread(), { kind: 'comment', body: 'Published by the editor' })
    const seenByEditor = await editorStream.waitFor(2)
    expect(seenByEditor.map((e) => (JSON.parse(e.data) as { body: string }).body)).toEqual([
      'Held for moderation',
      'Published by the editor',
    ])
    const seenByPublic = await publicStream.waitFor(1)
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(seenByPublic.map((e) => (JSON.parse(e.data) as { body: string }).body)).toEqual([
      'Published by the editor',
    ])
    await publicStream.close()
    await editorStream.close()
  })

  /** The margin count of the paragraph, as a page reads it before its stream starts. */
  const counted = async () => {
    const counts = (await (await app.request('/api/guides/live/editions/1/counts')).json()) as {
      counts: Record<string, number>
      position?: number
    }
    return { count: counts.counts[key] ?? 0, position: counts.position }
  }

  /**
   * The first event a stream has sent, or sends within a few seconds, whose data matches. An event carries
   * its comment as it is when the event is read, so a change made a moment later may already show in it.
   */
  const sent = async (stream: SseReader, matches: (data: Record<string, unknown>) => boolean) => {
    for (let seen = 1; ; seen++) {
      const events = await stream.waitFor(seen)
      const data = JSON.parse(events[seen - 1]?.data ?? '{}') as Record<string, unknown>
      if (matches(data)) return data
    }
  }

  it('sends every stream the paragraph’s count as approving and hiding leave it, and the author why', async () => {
    const author = await world.join({ email: 'a@example.org', name: 'A' })
    const before = (await counted()).count
    const publicStream = new SseReader(await app.request(events))
    const authorStream = new SseReader(await author.request(events))
    await new Promise((resolve) => setTimeout(resolve, 100))
    const held = (await (
      await author.send('POST', thread(), { kind: 'comment', body: 'Held, then approved, then hidden' })
    ).json()) as { id: string; state: string }
    expect(held.state).toBe('pending')
    expect((await editor.send('POST', `/api/comments/${held.id}/restore`)).status).toBe(200)
    const approved = await sent(publicStream, (data) => data.id === held.id)
    expect(approved).toMatchObject({ state: 'published', blockCount: before + 1 })

    const reason = 'It names someone who has not agreed to be named.'
    expect(
      (await editor.send('POST', `/api/comments/${held.id}/hide`, { reasonCode: 'other', reason })).status,
    ).toBe(200)
    // The public learn only that it went, and where, so their margin drops: never its words.
    expect(await sent(publicStream, (data) => data.state === 'hidden')).toEqual({
      id: held.id,
      state: 'hidden',
      blockKey: key,
      blockCount: before,
    })
    expect(await sent(authorStream, (data) => data.state === 'hidden')).toMatchObject({
      id: held.id,
      hiddenReason: reason,
      body: 'Held, then approved, then hidden',
      blockCount: before,
    })
    expect((await counted()).count).toBe(before)
    await publicStream.close()
    await authorStream.close()
  })

  it('starts a page’s stream where its counts stand, so a comment committed in between is sent', async () => {
    const { count, position } = await counted()
    expect(position).toEqual(expect.any(Number))
    await editor.send('POST', thread(), { kind: 'comment', body: 'Between the counts and the stream' })
    const stream = new SseReader(await app.request(`${events}?lastEventId=${String(position)}`))
    expect(await sent(stream, (data) => data.body === 'Between the counts and the stream')).toMatchObject({
      state: 'published',
      blockCount: count + 1,
    })
    await stream.close()
  })
})
