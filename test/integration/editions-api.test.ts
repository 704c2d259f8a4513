import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Hono } from 'hono'
import type { AppEnv } from '../../src/platform/http/env.ts'
import { databaseKind, type TestDatabase } from '../support/database.ts'
import { Client } from '../support/session.ts'
import { consultation } from '../support/consultation.ts'

const FIRST = `# Councillors online

Post when you have something useful to say and keep it short.

Answer residents within two working days. Say when you will reply if you cannot answer at once.

Never share casework details in public, even when the resident has posted them first.

Report abusive messages to the monitoring officer and keep a copy of each.
`

// Edition 2: the first paragraph edited, the second split in two, the casework one removed, one new.
const SECOND = `# Councillors online

Post when you have something useful and kind to say, and keep it short.

Answer residents within two working days.

Say when you will reply if you cannot answer at once.

Report abusive messages to the monitoring officer and keep a copy of each.

Thank residents who point out mistakes, and correct the post where everyone can see it.
`

interface Block {
  key: string
  ordinal: number
  text: string
}
interface Preview {
  base: number
  edition: number
  blocks: { ordinal: number; change: string; key: string; fromKeys: string[]; comments: string[] }[]
  removed: { ordinal: number; key: string; comments: string[] }[]
  commentsOnRemovedText: string[]
}
interface CommentJson {
  id: string
  parentId: string | null
  body: string
  decision: { decision: string; response: string } | null
  writtenOn?: { edition: number; redline: { text: string; change?: string }[] | null }
}

describe(`revising a guide into its next edition (${databaseKind})`, () => {
  let database: TestDatabase
  let app: Hono<AppEnv>
  let editor: Client
  let reviewer: Client
  let blocks: Block[] = []
  const ids: Record<string, string> = {}
  const visitor = () => new Client(app)
  const keyOf = (start: string) => blocks.find((b) => b.text.startsWith(start))?.key ?? ''

  beforeAll(async () => {
    const world = await consultation({
      guides: [{ slug: 'rev', markdown: FIRST, openAfterJoining: true }],
      admin: { email: 'ed@example.org', name: 'Ed' },
      people: { reviewer: { email: 'rita@example.org', name: 'Rita' } },
      comments: [
        { name: 'useful', by: 'reviewer', on: 'Post when', body: 'Say what useful means.' },
        { name: 'reply', by: 'reviewer', on: 'Post when', body: 'Agreed.', replyTo: 'useful' },
        { name: 'atOnce', by: 'reviewer', on: 'Answer residents', body: 'A holding reply matters most.' },
        {
          name: 'twoDays',
          by: 'reviewer',
          on: 'Answer residents',
          body: 'Two days is too long.',
          quote: { exact: 'within two working days' },
        },
        { name: 'casework', by: 'reviewer', on: 'Never share', body: 'What about consent?' },
      ],
    })
    ;({
      database,
      app,
      admin: editor,
      people: { reviewer },
    } = world)
    blocks = world.guide.blocks
    Object.assign(ids, world.ids)
    await editor.send('POST', '/api/guides/rev/editions/1/transitions', { to: 'closed' })
  })
  afterAll(async () => {
    await database.close()
  })

  it('previews the lineage and where every open comment will land, creating nothing', async () => {
    const response = await editor.send('POST', '/api/guides/rev/editions/preview', { markdown: SECOND })
    expect(response.status).toBe(200)
    const preview = (await response.json()) as Preview
    expect(preview).toMatchObject({ base: 1, edition: 2 })
    const changes = preview.blocks.map((b) => b.change)
    expect(changes).toEqual(['unchanged', 'edited', 'split', 'split', 'unchanged', 'new'])
    // The edited paragraph and the heading keep their keys; the piece of the split most like the
    // original keeps its key, the other gets a new one.
    expect(preview.blocks[1]?.key).toBe(keyOf('Post when'))
    expect(preview.blocks[0]?.key).toBe(blocks[0]?.key)
    expect(preview.blocks[3]?.key).toBe(keyOf('Answer residents'))
    expect(preview.blocks[2]?.fromKeys).toEqual([keyOf('Answer residents')])
    expect(preview.blocks[5]?.fromKeys).toEqual([])
    expect(blocks.map((b) => b.key)).not.toContain(preview.blocks[5]?.key)
    // Comments land: on the edited paragraph; in a split, on the piece holding the words they quoted,
    // else on the piece that kept the key.
    expect(preview.blocks[1]?.comments).toEqual([ids.useful])
    expect(preview.blocks[2]?.comments).toEqual([ids.twoDays])
    expect(preview.blocks[3]?.comments).toEqual([ids.atOnce])
    expect(preview.removed).toEqual([
      expect.objectContaining({ key: keyOf('Never share'), comments: [ids.casework] }),
    ])
    expect(preview.commentsOnRemovedText).toEqual([ids.casework])
    const guide = (await (await editor.request('/api/guides/rev')).json()) as { editions: unknown[] }
    expect(guide.editions).toHaveLength(1)
  })

  it('lets the editor correct a link, and refuses overrides that do not fit', async () => {
    const wrong = await editor.send('POST', '/api/guides/rev/editions/preview', {
      markdown: SECOND,
      overrides: [
        { ordinal: 5, from: ['zzzzzzzz'] },
        { ordinal: 99, from: [] },
      ],
    })
    expect(wrong.status).toBe(422)
    const problem = (await wrong.json()) as { errors: { pointer: string }[] }
    expect(problem.errors.map((e) => e.pointer)).toEqual(['/overrides/0/from/0', '/overrides/1/ordinal'])
    // "The new paragraph is what became of the casework one": its comment follows.
    const corrected = (await (
      await editor.send('POST', '/api/guides/rev/editions/preview', {
        markdown: SECOND,
        overrides: [{ ordinal: 5, from: [keyOf('Never share')] }],
      })
    ).json()) as Preview
    expect(corrected.blocks[5]).toMatchObject({ key: keyOf('Never share'), fromKeys: [keyOf('Never share')] })
    expect(['edited', 'moved-edited']).toContain(corrected.blocks[5]?.change)
    expect(corrected.blocks[5]?.comments).toEqual([ids.casework])
    expect(corrected.removed).toEqual([])
  })

  it('keeps revising to editors of the guide', async () => {
    expect(
      (await reviewer.send('POST', '/api/guides/rev/editions/preview', { markdown: SECOND })).status,
    ).toBe(403)
    expect((await visitor().send('POST', '/api/guides/rev/editions', { markdown: SECOND })).status).toBe(401)
    expect((await reviewer.send('POST', '/api/guides/rev/editions', { markdown: SECOND })).status).toBe(403)
    expect((await editor.send('POST', '/api/guides/rev/editions', { markdown: '' })).status).toBe(422)
  })

  it('creates edition 2 as a draft with its lineage, in the `gloss diff` shape with keys', async () => {
    const created = await editor.send('POST', '/api/guides/rev/editions', { markdown: SECOND, base: 1 })
    expect(created.status).toBe(201)
    expect(await created.json()).toMatchObject({ number: 2, state: 'draft', blockCount: 6 })
    const lineage = (await (await editor.request('/api/guides/rev/editions/2/lineage')).json()) as {
      blocks: {
        ordinal: number
        change: string
        from: number[]
        similarity: number
        key: string
        fromKeys: string[]
      }[]
      removed: { ordinal: number; key: string }[]
    }
    expect(lineage.blocks.map((b) => b.change)).toEqual([
      'unchanged',
      'edited',
      'split',
      'split',
      'unchanged',
      'new',
    ])
    expect(lineage.blocks[1]).toMatchObject({ from: [1], fromKeys: [keyOf('Post when')] })
    expect(lineage.blocks[1]?.similarity).toBeGreaterThan(0.5)
    expect(lineage.blocks[1]?.similarity).toBeLessThan(1)
    expect(lineage.removed).toEqual([{ ordinal: 3, key: keyOf('Never share') }])
    // Drafts are for editors: the public sees neither the edition nor its lineage.
    expect((await visitor().request('/api/guides/rev/editions/2/lineage')).status).toBe(404)
    // Edition 1's lineage: all new.
    const first = (await (await visitor().request('/api/guides/rev/editions/1/lineage')).json()) as {
      blocks: { change: string }[]
    }
    expect(new Set(first.blocks.map((b) => b.change))).toEqual(new Set(['new']))
  })

  it('answers 409 to a revision of an edition that is no longer the newest', async () => {
    const stale = await editor.send('POST', '/api/guides/rev/editions', { markdown: SECOND, base: 1 })
    expect(stale.status).toBe(409)
    const guide = (await (await editor.request('/api/guides/rev')).json()) as { editions: unknown[] }
    expect(guide.editions).toHaveLength(2)
  })

  it('shows open comments on their successor blocks, marked with the edition and a redline', async () => {
    await editor.send('POST', '/api/guides/rev/editions/2/transitions', { to: 'open' })
    const edited = keyOf('Post when')
    const thread = (await (
      await visitor().request(`/api/guides/rev/editions/2/blocks/${edited}/comments`)
    ).json()) as { items: CommentJson[] }
    expect(thread.items.map((c) => c.id)).toEqual([ids.useful, ids.reply])
    const carried = thread.items[0]
    expect(carried?.writtenOn?.edition).toBe(1)
    expect(carried?.writtenOn?.redline).toContainEqual({ text: 'and kind ', change: 'ins' })
    // A reply written in edition 2 joins the carried thread.
    const reply = await reviewer.send('POST', `/api/guides/rev/editions/2/blocks/${edited}/comments`, {
      kind: 'comment',
      body: 'Kind is better.',
      parentId: ids.useful,
    })
    expect(reply.status).toBe(201)
    const counts = (await (await visitor().request('/api/guides/rev/editions/2/counts')).json()) as {
      counts: Record<string, number>
      removed: number
    }
    expect(counts.counts[edited]).toBe(3)
    expect(counts.removed).toBe(1)
    const removed = (await (
      await visitor().request('/api/guides/rev/editions/2/comments?scope=removed')
    ).json()) as { items: CommentJson[] }
    expect(removed.items.map((c) => c.id)).toEqual([ids.casework])
    expect((await visitor().request('/api/guides/rev/editions/2/comments?scope=nonsense')).status).toBe(422)
    // The original context never changes: in edition 1 the comment is where it was written.
    const original = (await (
      await visitor().request(`/api/guides/rev/editions/1/blocks/${keyOf('Never share')}/comments`)
    ).json()) as { items: CommentJson[] }
    expect(original.items.map((c) => c.id)).toEqual([ids.casework])
  })

  it('records decisions with optimistic concurrency, keeps their history, and keeps a comment decided in edition 2 there', async () => {
    const url = `/api/comments/${ids.useful ?? ''}`
    const first = await editor.request(url)
    const etag = first.headers.get('etag') ?? ''
    expect(etag).toMatch(/^"c\d+v\d+"$/)
    const body = { decision: 'accepted', response: 'We added "kind".' }
    expect((await reviewer.send('PUT', `${url}/decision`, body)).status).toBe(403)
    expect((await editor.send('PUT', `${url}/decision`, body, { 'if-match': '"c1v999"' })).status).toBe(412)
    const decided = await editor.send('PUT', `${url}/decision`, body, { 'if-match': etag })
    expect(decided.status).toBe(200)
    expect(decided.headers.get('etag')).not.toBe(etag)
    expect(((await decided.json()) as CommentJson).decision).toMatchObject(body)
    // The loser of a race holds the old ETag: 412, and the winner's decision stands.
    const late = await editor.send(
      'PUT',
      `${url}/decision`,
      { decision: 'noted', response: '' },
      { 'if-match': etag },
    )
    expect(late.status).toBe(412)
    expect(
      (await editor.send('PUT', `${url}/decision`, { decision: 'partly-accepted', response: 'Mostly.' }))
        .status,
    ).toBe(200)
    const history = (await (await editor.request(`${url}/decisions`)).json()) as {
      items: { decision: string }[]
    }
    expect(history.items.map((d) => d.decision)).toEqual(['accepted', 'partly-accepted'])
    expect((await reviewer.request(`${url}/decisions`)).status).toBe(403)
    const thread = (await (
      await visitor().request(`/api/guides/rev/editions/2/blocks/${keyOf('Post when')}/comments`)
    ).json()) as { items: CommentJson[] }
    // Decided once edition 2 was made, it stays there with its decision and its replies (the reply
    // written in edition 2 is not left answering nothing); one decided before an edition was made is not
    // carried into it (test/integration/carried-comments.test.ts).
    const shown = thread.items.find((c) => c.id === ids.useful)
    expect(shown?.decision).toMatchObject({ decision: 'partly-accepted', response: 'Mostly.' })
    expect(thread.items.map((c) => c.id)).toEqual(expect.arrayContaining([ids.useful, ids.reply]))
    const counts = (await (await visitor().request('/api/guides/rev/editions/2/counts')).json()) as {
      counts: Record<string, number>
    }
    expect(counts.counts[keyOf('Post when')]).toBe(3)
  })

  it('refuses decisions that do not make sense, changing nothing', async () => {
    const url = (id: string | undefined) => `/api/comments/${id ?? ''}/decision`
    expect((await editor.send('PUT', url(ids.reply), { decision: 'accepted', response: '' })).status).toBe(
      409,
    )
    const noTwin = await editor.send('PUT', url(ids.twoDays), { decision: 'duplicate', response: '' })
    expect(noTwin.status).toBe(422)
    expect(((await noTwin.json()) as { errors: { pointer: string }[] }).errors[0]?.pointer).toBe(
      '/duplicateOf',
    )
    expect((await editor.send('PUT', url(ids.twoDays), { decision: 'maybe', response: '' })).status).toBe(422)
    const self = await editor.send('PUT', url(ids.twoDays), {
      decision: 'duplicate',
      response: '',
      duplicateOf: ids.twoDays,
    })
    expect(self.status).toBe(422)
    // Ids past PostgreSQL's integer range name nothing: refused before they reach the database.
    const huge = await editor.send('PUT', url(ids.twoDays), {
      decision: 'duplicate',
      response: '',
      duplicateOf: '9999999999',
    })
    expect(huge.status).toBe(422)
    expect((await visitor().request('/api/guides/rev/editions/1/comments?cursor=9999999999')).status).toBe(
      422,
    )
    const reply = await reviewer.send(
      'POST',
      `/api/guides/rev/editions/2/blocks/${keyOf('Post when')}/comments`,
      {
        kind: 'comment',
        body: 'To nothing.',
        parentId: '9999999999',
      },
    )
    expect(reply.status).toBe(422)
    const still = (await (await editor.request(`/api/comments/${ids.twoDays ?? ''}`)).json()) as CommentJson
    expect(still.decision?.decision).toBe('open')
  })

  it('decides several comments at once, all or none', async () => {
    const bad = await editor.send('POST', '/api/guides/rev/decisions', {
      commentIds: [ids.twoDays, ids.reply],
      decision: 'noted',
      response: 'Thanks.',
    })
    expect(bad.status).toBe(422)
    expect(((await bad.json()) as { errors: { pointer: string }[] }).errors[0]?.pointer).toBe('/commentIds/1')
    const twoDays = (await (await editor.request(`/api/comments/${ids.twoDays ?? ''}`)).json()) as CommentJson
    expect(twoDays.decision?.decision).toBe('open')
    const ok = await editor.send('POST', '/api/guides/rev/decisions', {
      commentIds: [ids.twoDays, ids.atOnce],
      decision: 'not-accepted',
      response: 'Two days stays.',
    })
    expect(ok.status).toBe(200)
    for (const id of [ids.twoDays, ids.atOnce]) {
      const comment = (await (await editor.request(`/api/comments/${id ?? ''}`)).json()) as CommentJson
      expect(comment.decision).toMatchObject({ decision: 'not-accepted', response: 'Two days stays.' })
    }
    expect(
      (
        await reviewer.send('POST', '/api/guides/rev/decisions', {
          commentIds: [ids.casework],
          decision: 'noted',
          response: '',
        })
      ).status,
    ).toBe(403)
  })

  it('follows a paragraph through editions by its permalink, and explains a removed one', async () => {
    const casework = keyOf('Never share')
    // While edition 2 is open, the casework paragraph is gone from the newest edition.
    const gone = await visitor().request(`/g/rev/p/${casework}`)
    expect(gone.status).toBe(410)
    const page = await gone.text()
    expect(page).toContain('removed from the guide in edition 2')
    expect(page).toContain(`/g/rev/1#${casework}`)
    const kept = await visitor().request(`/g/rev/p/${keyOf('Post when')}`)
    expect(kept.status).toBe(302)
    expect(kept.headers.get('location')).toBe(`/g/rev/2#${keyOf('Post when')}`)
    expect((await visitor().request('/g/rev/p/zzzzzzzz')).status).toBe(404)
  })

  it('carries a comment written on edition 1 after edition 2 exists into edition 2', async () => {
    // Edition 2 of rev is open by now, so edition 1 does not reopen (transition.service.ts): the late
    // comment is written where editors prepare edition 2 while edition 1's consultation still runs.
    expect((await editor.send('POST', '/api/guides/rev/editions/1/transitions', { to: 'open' })).status).toBe(
      409,
    )
    expect((await editor.send('POST', '/api/guides', { markdown: FIRST, slug: 'late' })).status).toBe(201)
    expect(
      (await editor.send('POST', '/api/guides/late/editions/1/transitions', { to: 'open' })).status,
    ).toBe(200)
    expect((await editor.send('POST', '/api/guides/late/editions', { markdown: SECOND })).status).toBe(201)
    const lateBlocks = (
      (await (await editor.request('/api/guides/late/editions/1')).json()) as { blocks: Block[] }
    ).blocks
    const key = lateBlocks.find((b) => b.text.startsWith('Report abusive'))?.key ?? ''
    const late = await editor.send('POST', `/api/guides/late/editions/1/blocks/${key}/comments`, {
      kind: 'example',
      body: 'We screenshot and file them.',
    })
    expect(late.status).toBe(201)
    const id = ((await late.json()) as { id: string }).id
    // Edition 2 is still a draft, so only its editors read it.
    const thread = (await (
      await editor.request(`/api/guides/late/editions/2/blocks/${key}/comments`)
    ).json()) as { items: CommentJson[] }
    expect(thread.items.map((c) => c.id)).toEqual([id])
  })

  it('lets one of two editors creating the next edition at once win, the other getting 409', async () => {
    const revised = `${SECOND}\nOne more paragraph.\n`
    const answers = await Promise.all([
      editor.send('POST', '/api/guides/rev/editions', { markdown: revised, base: 2 }),
      editor.send('POST', '/api/guides/rev/editions', { markdown: `${revised}\nAnother.\n`, base: 2 }),
    ])
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409])
    const guide = (await (await editor.request('/api/guides/rev')).json()) as {
      editions: { number: number }[]
    }
    expect(guide.editions.map((e) => e.number)).toEqual([1, 2, 3])
  })
})
