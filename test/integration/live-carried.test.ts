import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { consultation, type Consultation } from '../support/consultation.ts'
import { databaseKind } from '../support/database.ts'
import type { Client } from '../support/session.ts'
import { SseReader, type SseEvent } from '../support/sse.ts'

/**
 * A comment carried from edition 1 shows on edition 2's pages too, so whatever happens to it (hidden,
 * restored, decided, a reply hidden) reaches pages open on edition 2 as it reaches those on
 * edition 1, each viewer seeing only what they may; a comment edition 2 does not show (decided before it
 * was made) tells edition 2's pages nothing.
 */

const FIRST = `# Council

The council sets the budget each spring after a public meeting.

Meetings are held in the town hall and are open to everyone.
`
const SECOND = `# Council

The council sets the budget each autumn after a public meeting.

Meetings are held in the town hall and are open to everyone.
`

interface Seen {
  id: string
  state: string
  body?: string
  blockKey: string | null
  blockCount?: number
  decision?: { decision: string } | null
}

const data = (e: SseEvent) => JSON.parse(e.data) as Seen

/** Waits for the stream to carry an event about this comment that passes `check`. */
async function arrives(
  stream: SseReader,
  id: string | undefined,
  check: (seen: Seen, e: SseEvent) => boolean,
) {
  const until = Date.now() + 5_000
  for (;;) {
    const found = stream.events.find((e) => e.data.startsWith('{') && data(e).id === id && check(data(e), e))
    if (found) return data(found)
    if (Date.now() > until)
      throw new Error(
        `No such event about ${String(id)}; the stream carried ${JSON.stringify(stream.events.map((e) => [e.event, e.data.slice(0, 80)]))}`,
      )
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

describe(`events about a carried comment reach the editions that show it (${databaseKind})`, () => {
  let c: Consultation<'rita' | 'bea'>
  let editor: Client
  let ids: Record<string, string>
  let meetings: string
  const streams: Record<string, SseReader> = {}

  beforeAll(async () => {
    c = await consultation({
      guides: [{ slug: 'council', markdown: FIRST, state: 'open' }],
      people: {
        rita: { email: 'rita@example.org', name: 'Rita Reviewer' },
        bea: { email: 'bea@example.org', name: 'Bea Reviewer' },
      },
      comments: [
        { name: 'carried', by: 'bea', on: 'Meetings', body: 'Online as well?' },
        { name: 'answer', by: 'rita', on: 'Meetings', body: 'Yes, please.', replyTo: 'carried' },
        {
          name: 'decidedEarly',
          by: 'bea',
          on: 'The council',
          body: 'Say which meeting.',
          decision: { by: 'admin', decision: 'noted', response: 'It is the annual meeting.' },
        },
      ],
    })
    editor = c.admin
    ids = c.ids
    meetings = c.guide.key('Meetings')
    await editor.expect(201, 'POST', '/api/guides/council/editions', { markdown: SECOND })
    await editor.expect(200, 'POST', '/api/guides/council/editions/2/transitions', { to: 'open' })
    const open = async (who: Client, n: number) =>
      new SseReader(await who.request(`/api/guides/council/editions/${String(n)}/events`))
    streams.public2 = await open(c.visitor(), 2)
    streams.rita2 = await open(c.people.rita, 2)
    streams.editor2 = await open(editor, 2)
    streams.public1 = await open(c.visitor(), 1)
  })
  afterAll(async () => {
    for (const stream of Object.values(streams)) await stream.close()
    await c.close()
  })

  it('drops a hidden carried comment from edition 2’s open pages, and its count with it', async () => {
    await editor.expect(200, 'POST', `/api/comments/${ids.carried ?? ''}/hide`, {
      reasonCode: 'off-topic',
      reason: 'Another guide covers this.',
    })
    for (const name of ['public2', 'rita2', 'public1']) {
      const seen = await arrives(streams[name] as SseReader, ids.carried, (s) => s.state === 'hidden')
      // Only that it left: not its words.
      expect(seen.body).toBeUndefined()
      expect(seen.blockKey).toBe(meetings)
      expect(seen.blockCount).toBe(1)
    }
    const editors = await arrives(streams.editor2 as SseReader, ids.carried, (s) => s.state === 'hidden')
    expect(editors.body).toBe('Online as well?')
  })

  it('brings it back when restored', async () => {
    await editor.expect(200, 'POST', `/api/comments/${ids.carried ?? ''}/restore`)
    for (const name of ['public2', 'rita2', 'editor2']) {
      const seen = await arrives(
        streams[name] as SseReader,
        ids.carried,
        (s) => s.state === 'published' && s.body !== undefined,
      )
      expect(seen.body).toBe('Online as well?')
      expect(seen.blockCount).toBe(2)
    }
  })

  it('tells edition 2 of its decision and of a hidden reply', async () => {
    await editor.expect(200, 'PUT', `/api/comments/${ids.carried ?? ''}/decision`, {
      decision: 'accepted',
      response: 'Meetings will be streamed.',
    })
    const decided = await arrives(
      streams.public2 as SseReader,
      ids.carried,
      (_, e) => e.event === 'comment.decided',
    )
    expect(decided.decision?.decision).toBe('accepted')

    await editor.expect(200, 'POST', `/api/comments/${ids.answer ?? ''}/hide`, {
      reasonCode: 'spam',
      reason: 'Advertising.',
    })
    const gone = await arrives(streams.public2 as SseReader, ids.answer, (s) => s.state === 'hidden')
    expect(gone.body).toBeUndefined()
    expect(gone.blockCount).toBe(1)
  })

  it('tells edition 2 nothing of a comment it does not show', async () => {
    await editor.expect(200, 'POST', `/api/comments/${ids.decidedEarly ?? ''}/hide`, {
      reasonCode: 'spam',
      reason: 'Advertising.',
    })
    await arrives(streams.public1 as SseReader, ids.decidedEarly, (s) => s.state === 'hidden')
    // Edition 1's stream has it; edition 2's, read by then from the same numbering, does not.
    await editor.expect(200, 'POST', `/api/comments/${ids.answer ?? ''}/restore`)
    await arrives(streams.editor2 as SseReader, ids.answer, (s) => s.state === 'published')
    for (const name of ['public2', 'rita2', 'editor2'])
      expect(
        (streams[name] as SseReader).events.filter(
          (e) => e.data.startsWith('{') && data(e).id === ids.decidedEarly,
        ),
      ).toEqual([])
  })
})
