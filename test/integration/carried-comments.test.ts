import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { consultation, type Consultation } from '../support/consultation.ts'
import { databaseKind } from '../support/database.ts'
import type { Client } from '../support/session.ts'

/**
 * Where a comment goes when a new edition is made is one rule
 * (src/comments/carried-shown.repository.ts), and every view says the same: the threads and their
 * counts, "comments on removed text", triage, the lineage preview, the notice of a changed paragraph
 * and the feedback export. Open comments follow their paragraph; one decided before the edition was
 * made stays with its decision; one decided once it was made stays on it; comments on removed text
 * always show; and a comment an editor placed shows where it was put, whatever its decision.
 */

const FIRST = `# Council

The council sets the budget each spring after a public meeting.

Parking permits are issued by the town hall on weekdays only.

Meetings are held in the town hall and are open to everyone.
`
// The budget paragraph edited, the parking one removed, the meetings one kept, one paragraph new.
const SECOND = `# Council

The council sets the budget each autumn after a public meeting.

Meetings are held in the town hall and are open to everyone.

Minutes of each meeting are published within a week.
`

interface Block {
  key: string
  number: string
  text: string
}
interface CommentJson {
  id: string
  decision?: { decision: string } | null
  anchor?: { blockKey: string | null; placedBy: string }
  writtenOn?: { edition: number; redline: { text: string; change?: string }[] | null }
}
interface PreviewJson {
  blocks: { key: string; comments: string[] }[]
  removed: { key: string; comments: string[] }[]
}
interface CountsJson {
  counts: Record<string, number>
  removed: number
}
interface NoticeJson {
  type: string
  text: string
  subject?: { blockKey?: string }
  comments?: { commentId: number; carried?: boolean; blockNumber: string | null; decision?: string }[]
}

describe(`every view agrees where a carried comment is (${databaseKind})`, () => {
  let c: Consultation<'rita'>
  let editor: Client
  let rita: Client
  let ids: Record<string, string> = {}
  let preview: PreviewJson
  const keys: Record<string, string> = {}
  const ed2: Record<string, Block> = {}

  beforeAll(async () => {
    c = await consultation({
      guides: [{ slug: 'council', markdown: FIRST, state: 'open' }],
      people: { rita: { email: 'rita@example.org', name: 'Rita Reviewer' } },
      comments: [
        { name: 'open', by: 'rita', on: 'The council', body: 'Why in spring?' },
        {
          name: 'decidedEarly',
          by: 'rita',
          on: 'The council',
          body: 'Say which meeting.',
          decision: { by: 'admin', decision: 'noted', response: 'It is the annual meeting.' },
        },
        {
          name: 'onRemoved',
          by: 'rita',
          on: 'Parking',
          body: 'Weekends too, please.',
          decision: { by: 'admin', decision: 'noted', response: 'Parking moves to another guide.' },
        },
        { name: 'decidedLater', by: 'rita', on: 'Meetings', body: 'Online as well?' },
      ],
    })
    editor = c.admin
    rita = c.people.rita
    ids = c.ids
    keys.budget = c.guide.key('The council')
    keys.parking = c.guide.key('Parking')
    keys.meetings = c.guide.key('Meetings')
    preview = await editor.expect<PreviewJson>(200, 'POST', '/api/guides/council/editions/preview', {
      markdown: SECOND,
    })
    await editor.expect(201, 'POST', '/api/guides/council/editions', { markdown: SECOND })
    await editor.expect(200, 'POST', '/api/guides/council/editions/1/transitions', { to: 'closed' })
    await editor.expect(200, 'POST', '/api/guides/council/editions/2/transitions', { to: 'open' })
    // Decided once edition 2 was made: it stays on edition 2, where the decision was taken.
    await editor.expect(200, 'PUT', `/api/comments/${ids.decidedLater ?? ''}/decision`, {
      decision: 'accepted',
      response: 'Meetings will be streamed.',
    })
    const edition = await editor.expect<{ blocks: Block[] }>(200, 'GET', '/api/guides/council/editions/2')
    for (const b of edition.blocks) ed2[b.text.split(' ')[0] ?? ''] = b
  })
  afterAll(async () => {
    await c.close()
  })

  const thread = async (key: string) =>
    (
      await editor.expect<{ items: CommentJson[] }>(
        200,
        'GET',
        `/api/guides/council/editions/2/blocks/${key}/comments`,
      )
    ).items
  const threadIds = async (key: string) => (await thread(key)).map((x) => x.id)
  const removedIds = async () =>
    (
      await editor.expect<{ items: CommentJson[] }>(
        200,
        'GET',
        '/api/guides/council/editions/2/comments?scope=removed',
      )
    ).items.map((x) => x.id)
  const counts = () => editor.expect<CountsJson>(200, 'GET', '/api/guides/council/editions/2/counts')
  const triaged = async () =>
    [
      ...(await (await editor.request('/g/council/2/triage')).text()).matchAll(
        /<article class="comment triage-comment[^"]*" id="c(\d+)"/g,
      ),
    ].map((m) => m[1])
  const exported = async () =>
    (
      await editor.expect<{ id: string; nextBlockNumber: string | null }[]>(
        200,
        'GET',
        '/api/guides/council/editions/1/feedback.json',
      )
    ).reduce((map, r) => map.set(r.id, r.nextBlockNumber), new Map<string, string | null>())

  it('previews on each new block only the comments its thread will show, and every one on removed text', () => {
    const on = (key: string) => preview.blocks.find((b) => b.key === key)?.comments
    // The comment decided before stays with its decision in edition 1: the preview does not promise it.
    expect(on(keys.budget ?? '')).toEqual([ids.open])
    expect(on(keys.meetings ?? '')).toEqual([ids.decidedLater])
    expect(preview.removed.find((r) => r.key === keys.parking)?.comments).toEqual([ids.onRemoved])
  })

  it('shows in edition 2 what the preview said, and triage lists the same comments as the threads', async () => {
    const budget = ed2.The?.key ?? ''
    expect(budget).toBe(keys.budget)
    expect(await threadIds(budget)).toEqual([ids.open])
    // Decided on edition 2's page: it stays there, in the thread and in triage alike.
    expect(await threadIds(keys.meetings ?? '')).toEqual([ids.decidedLater])
    expect(await removedIds()).toEqual([ids.onRemoved])
    const margin = await counts()
    expect(margin.counts[budget]).toBe(1)
    expect(margin.counts[keys.meetings ?? '']).toBe(1)
    expect(margin.removed).toBe(1)
    expect((await triaged()).sort()).toEqual([ids.open, ids.decidedLater, ids.onRemoved].sort())
    const page = await (await c.visitor().request(`/g/council/2/b/${keys.meetings ?? ''}`)).text()
    expect(page).toContain('Online as well?')
  })

  it('tells a follower only of the comments the new edition shows as "now on" a paragraph', async () => {
    const notices = (await rita.expect<{ items: NoticeJson[] }>(200, 'GET', '/api/me/notifications')).items
    const revised = notices.filter((n) => n.type === 'block.revised')
    const onBudget = revised.find((n) => n.comments?.some((x) => String(x.commentId) === ids.open))
    expect(onBudget?.text).toContain(`Your comment on it is now on paragraph ${ed2.The?.number ?? '?'}.`)
    const kept = onBudget?.comments?.find((x) => String(x.commentId) === ids.decidedEarly)
    expect(kept).toMatchObject({ carried: false, blockNumber: null, decision: 'noted' })
    const page = await (await rita.request('/me/notifications')).text()
    expect(page).toContain('Your comment, decided and kept with edition 1: Noted (no change needed).')
  })

  it('gives the whole edition’s list the same redline as the paragraph’s thread', async () => {
    const inThread = (await thread(keys.budget ?? '')).find((x) => x.id === ids.open)
    const whole = await editor.expect<{ items: CommentJson[] }>(
      200,
      'GET',
      '/api/guides/council/editions/2/comments',
    )
    const inWhole = whole.items.find((x) => x.id === ids.open)
    expect(inThread?.writtenOn?.redline).toContainEqual({ text: 'spring', change: 'del' })
    expect(inWhole?.writtenOn?.redline).toEqual(inThread?.writtenOn?.redline)
  })

  it('exports as next paragraph where edition 2 shows a comment, else its paragraph’s successor', async () => {
    const next = await exported()
    expect(next.get(ids.open ?? '')).toBe(ed2.The?.number)
    // Decided before edition 2, it stays with its decision in edition 1; its paragraph still went on
    // (SPEC: "the successor block in the next edition").
    expect(next.get(ids.decidedEarly ?? '')).toBe(ed2.The?.number)
    // A paragraph edition 2 dropped has none.
    expect(next.get(ids.onRemoved ?? '')).toBeNull()
  })

  it('shows a decided comment an editor placed where it was placed, on every view', async () => {
    const minutes = ed2.Minutes?.key ?? ''
    expect(minutes).not.toBe('')
    const placed = await editor.send(
      'PUT',
      `/api/guides/council/editions/2/placements/${ids.onRemoved ?? ''}`,
      {
        blockKey: minutes,
      },
    )
    expect(placed.status).toBe(200)
    const items = await thread(minutes)
    expect(items.map((x) => x.id)).toEqual([ids.onRemoved])
    expect(items[0]?.anchor).toMatchObject({ blockKey: minutes, placedBy: 'editor' })
    expect(await removedIds()).toEqual([])
    const margin = await counts()
    expect(margin.counts[minutes]).toBe(1)
    expect(margin.removed).toBe(0)
    expect(await triaged()).toContain(ids.onRemoved)
    expect((await exported()).get(ids.onRemoved ?? '')).toBe(ed2.Minutes?.number)
    const page = await (await c.visitor().request(`/g/council/2/b/${minutes}`)).text()
    expect(page).toContain('Weekends too, please.')
  })
})
