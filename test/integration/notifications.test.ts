import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { consultation, type Consultation } from '../support/consultation.ts'
import { PASSWORD, type Client } from '../support/session.ts'
import { noticesOf, unreadCount } from '../../src/notifications/notice-list.repository.ts'

/**
 * Following and notices (SPEC.md, "Following and notifications"): each notice written once, to the
 * people who may see what it is about, never to the person who did it.
 */

interface Notice {
  id: string
  type: string
  text: string
  url: string
  readAt: string | null
  commentId?: string
  parentId?: string
  change?: string
  to?: { key: string; number: string }[]
  comments?: { commentId: string; blockKey: string | null; blockNumber: string | null }[]
  decision?: string
}
interface Notices {
  items: Notice[]
  next: string | null
  unread: number
}

const GUIDE = `# Bins

Bins go out on Monday mornings before seven o'clock.

Recycling is collected every other week, on the same day as the bins.

Garden waste needs a permit from the council.
`
/** The second paragraph split in two and the third edited. */
const REVISED = `# Bins

Bins go out on Monday mornings before seven o'clock.

Recycling is collected every other week.

It is collected on the same day as the bins.

Garden waste needs a permit from the council office.
`

const notices = (who: Client, cursor?: string) =>
  who.expect<Notices>(200, 'GET', `/api/me/notifications${cursor ? `?cursor=${cursor}` : ''}`)
const ofType = async (who: Client, type: string) => (await notices(who)).items.filter((n) => n.type === type)

describe('notices of replies and decisions', () => {
  let c: Consultation<'rhian' | 'tomos' | 'eira'>
  beforeAll(async () => {
    c = await consultation({
      guides: [
        { slug: 'bins', markdown: GUIDE, state: 'open' },
        { slug: 'held', markdown: GUIDE, state: 'open', moderation: 'pre' },
      ],
      people: {
        rhian: { email: 'rhian@example.org', name: 'Rhian' },
        tomos: { email: 'tomos@example.org', name: 'Tomos' },
        eira: { email: 'eira@example.org', name: 'Eira', role: 'editor' },
      },
      comments: [
        { name: 'first', by: 'rhian', on: 'Recycling', body: 'Which week is it?' },
        { name: 'reply', by: 'tomos', on: 'Recycling', body: 'The even weeks.', replyTo: 'first' },
        { name: 'own', by: 'rhian', on: 'Recycling', body: 'Thank you.', replyTo: 'first' },
      ],
    })
  })
  afterAll(() => c.close())

  it("tells a comment's author of a reply once, nobody of their own reply, and earlier repliers of later replies", async () => {
    const replied = await ofType(c.people.rhian, 'comment.replied')
    expect(replied).toHaveLength(1)
    // Ids are strings, as everywhere in the API (SPEC: a comment's `id` is a string).
    expect(replied[0]?.commentId).toBe(c.ids.reply)
    expect(typeof replied[0]?.parentId).toBe('string')
    expect(replied[0]?.text).toBe('Someone replied to your comment on paragraph 2 of edition 1.')
    expect(replied[0]?.url).toBe(`/g/bins/1/b/${c.guide.key('Recycling')}#c${c.ids.reply ?? ''}`)
    // Tomos replied in Rhian's thread before she answered, so her answer tells him: replying follows the thread.
    const followed = await ofType(c.people.tomos, 'comment.replied')
    expect(followed.map((n) => n.commentId)).toEqual([c.ids.own])
    expect(followed[0]?.text).toBe('Someone replied in a thread you replied in on paragraph 2 of edition 1.')
  })

  it('tells of a reply held for approval only once a moderator approves it, and forgets it once hidden', async () => {
    const rhian = await c.join({ email: 'rhian-held@example.org', name: 'Rhian', guide: 'held' })
    const first = await c.post(rhian, 'Garden', { guide: 'held', body: 'How much is the permit?' })
    await c.admin.expect(200, 'POST', `/api/comments/${first}/restore`)
    const tomos = await c.join({ email: 'tomos3@example.org', name: 'Tomos', guide: 'held' })
    const key = c.guides.held?.key('Garden') ?? ''
    const { id: pending } = await tomos.expect<{ id: string }>(
      201,
      'POST',
      `/api/guides/held/editions/1/blocks/${key}/comments`,
      { kind: 'comment', body: 'It was thirty last year.', parentId: first },
    )
    const repliesTo = async () =>
      (await ofType(rhian, 'comment.replied')).filter((n) => n.commentId === pending)
    expect(await repliesTo()).toEqual([])
    await c.admin.expect(200, 'POST', `/api/comments/${pending}/restore`)
    expect(await repliesTo()).toHaveLength(1)
    await c.admin.expect(200, 'POST', `/api/comments/${pending}/hide`, {
      reasonCode: 'other',
      reason: 'Off topic.',
    })
    expect(await repliesTo()).toEqual([])
    // Restored, it is the same reply: told of once, not twice.
    await c.admin.expect(200, 'POST', `/api/comments/${pending}/restore`)
    expect(await repliesTo()).toHaveLength(1)
  })

  it('tells the author of a decision when it is public, not while it is a draft', async () => {
    await c.admin.expect(200, 'PUT', `/api/comments/${c.ids.first ?? ''}/decision`, {
      decision: 'accepted',
      response: 'We will say which weeks.',
      draft: true,
    })
    expect(await ofType(c.people.rhian, 'comment.decided')).toEqual([])
    await c.admin.expect(200, 'POST', '/api/guides/bins/decisions/release', {})
    const decided = await ofType(c.people.rhian, 'comment.decided')
    expect(decided).toHaveLength(1)
    expect(decided[0]?.decision).toBe('accepted')
    expect(decided[0]?.text).toBe(
      'The editors decided on your comment on paragraph 2 of edition 1: Accepted.',
    )
    // A decision changed later is a new decision to be told of.
    await c.admin.expect(200, 'PUT', `/api/comments/${c.ids.first ?? ''}/decision`, {
      decision: 'noted',
      response: 'On reflection, noted.',
      draft: false,
    })
    expect(await ofType(c.people.rhian, 'comment.decided')).toHaveLength(2)
  })

  it('never tells an editor of their own decision on their own comment', async () => {
    const mine = await c.post(c.people.eira, 'Bins go out', { body: 'Should this say seven?' })
    await c.people.eira.expect(200, 'PUT', `/api/comments/${mine}/decision`, {
      decision: 'accepted',
      response: 'Yes.',
      draft: false,
    })
    expect(await ofType(c.people.eira, 'comment.decided')).toEqual([])
  })

  it('pages notices newest first and marks them read, some or all', async () => {
    const all = await notices(c.people.rhian)
    expect(all.unread).toBe(all.items.length)
    const ids = all.items.map((n) => Number(n.id))
    expect(ids).toEqual([...ids].sort((a, b) => b - a))
    const [newest] = all.items
    await c.people.rhian.expect(200, 'POST', '/api/me/notifications/read', { ids: [newest?.id] })
    const after = await notices(c.people.rhian)
    expect(after.unread).toBe(all.items.length - 1)
    expect(after.items.find((n) => n.id === newest?.id)?.readAt).not.toBeNull()
    // Another person's notice is not theirs to mark.
    const tomos = await notices(c.people.tomos)
    await c.people.rhian.expect(200, 'POST', '/api/me/notifications/read', {})
    expect((await notices(c.people.rhian)).unread).toBe(0)
    expect((await notices(c.people.tomos)).unread).toBe(tomos.unread)
  })

  it('refuses the public', async () => {
    expect((await c.visitor().request('/api/me/notifications')).status).toBe(401)
    expect((await c.visitor().send('PUT', '/api/guides/bins/follow')).status).toBe(401)
  })
})

describe('following paragraphs across editions', () => {
  let c: Consultation<'rhian' | 'eira' | 'outsider'>
  beforeAll(async () => {
    c = await consultation({
      guides: [{ slug: 'bins', markdown: GUIDE, state: 'open' }],
      people: {
        rhian: { email: 'rhian@example.org', name: 'Rhian' },
        eira: { email: 'eira@example.org', name: 'Eira', role: 'editor' },
        outsider: { email: 'out@example.org', name: 'Out' },
      },
      comments: [{ name: 'mine', by: 'rhian', on: 'Recycling', body: 'Which week is it?' }],
    })
  })
  afterAll(() => c.close())

  it('follows and unfollows idempotently, and refuses a paragraph nobody may read', async () => {
    const key = c.guide.key('Garden')
    const path = `/api/guides/bins/blocks/${key}/follow`
    expect(await c.people.eira.expect(200, 'PUT', path)).toEqual({ following: true, blockKey: key })
    expect(await c.people.eira.expect(200, 'PUT', path)).toEqual({ following: true, blockKey: key })
    expect(await c.people.eira.expect(200, 'DELETE', path)).toEqual({ following: false, blockKey: key })
    expect(await c.people.eira.expect(200, 'DELETE', path)).toEqual({ following: false, blockKey: key })
    expect((await c.people.eira.send('PUT', '/api/guides/bins/blocks/nosuchkey/follow')).status).toBe(404)
    expect((await c.people.eira.send('PUT', '/api/guides/nowhere/follow')).status).toBe(404)
    await c.people.eira.expect(200, 'PUT', path)
    await c.people.outsider.expect(200, 'PUT', path)
    await c.people.outsider.expect(200, 'PUT', '/api/guides/bins/follow')
  })

  it('tells followers of a changed paragraph: editors when the draft is made, everyone else when it opens', async () => {
    // Rhian follows the paragraph she commented on, without asking.
    await c.admin.expect(201, 'POST', '/api/guides/bins/editions', { markdown: REVISED })
    const eira = await ofType(c.people.eira, 'block.revised')
    expect(eira).toHaveLength(1)
    expect(eira[0]?.text).toBe('Paragraph 3, which you follow, was edited in edition 2.')
    expect(await ofType(c.people.rhian, 'block.revised')).toEqual([])
    expect(await ofType(c.people.outsider, 'block.revised')).toEqual([])

    await c.admin.expect(200, 'POST', '/api/guides/bins/editions/2/transitions', { to: 'open' })
    const [split] = await ofType(c.people.rhian, 'block.revised')
    expect(split?.change).toBe('split')
    expect(split?.to?.map((t) => t.number)).toEqual(['2', '3'])
    expect(split?.comments).toHaveLength(1)
    expect(split?.comments?.[0]?.commentId).toBe(c.ids.mine)
    expect(split?.text).toMatch(
      /^Paragraph 2, which you follow, was split into paragraphs 2 and 3 in edition 2\. Your comment on it is now on paragraph [23]\.$/,
    )
    expect(split?.url).toBe(`/g/bins/redline/1/2#${split?.to?.[0]?.key ?? ''}`)
    // The redline it leads to shows that paragraph.
    const redline = await c.people.rhian.request(split?.url.split('#')[0] ?? '')
    expect(redline.status).toBe(200)
    expect(await redline.text()).toContain(`id="${split?.to?.[0]?.key ?? ''}"`)
    // Eira was told already, and is not told twice.
    expect(await ofType(c.people.eira, 'block.revised')).toHaveLength(1)
    expect(await ofType(c.people.outsider, 'block.revised')).toHaveLength(1)
    // Everyone of the guide hears it opened, but not the admin who opened it.
    expect(await ofType(c.people.rhian, 'consultation.opened')).toHaveLength(1)
    expect(await ofType(c.people.outsider, 'consultation.opened')).toHaveLength(1)
    expect(await ofType(c.admin, 'consultation.opened')).toEqual([])
  })

  it('follows the pieces of a split paragraph, so a change to a piece is told in the next edition', async () => {
    const edition2 = await c.admin.expect<{ blocks: { key: string; text: string }[] }>(
      200,
      'GET',
      '/api/guides/bins/editions/2',
    )
    const piece = edition2.blocks.find((b) => b.text.startsWith('It is collected'))
    await c.admin.expect(200, 'POST', '/api/guides/bins/editions/2/transitions', { to: 'closed' })
    await c.admin.expect(201, 'POST', '/api/guides/bins/editions', {
      markdown: REVISED.replace(
        'It is collected on the same day as the bins.',
        'It is collected on Tuesdays.',
      ),
    })
    await c.admin.expect(200, 'POST', '/api/guides/bins/editions/3/transitions', { to: 'published' })
    const revised = (await ofType(c.people.rhian, 'block.revised')).filter((n) =>
      n.text.includes('edition 3'),
    )
    expect(revised).toHaveLength(1)
    expect(revised[0]?.url).toBe(`/g/bins/redline/2/3#${piece?.key ?? ''}`)
    // Published: the guide's followers and participants are told, the publisher is not.
    expect(await ofType(c.people.rhian, 'edition.published')).toHaveLength(1)
    expect(await ofType(c.people.outsider, 'edition.published')).toHaveLength(1)
    expect(await ofType(c.admin, 'edition.published')).toEqual([])
  })
})

describe('notices a person may no longer see, and the personal Atom feed', () => {
  let c: Consultation<'rhian' | 'tomos' | 'eira'>
  beforeAll(async () => {
    c = await consultation({
      guides: [{ slug: 'bins', markdown: GUIDE, state: 'open' }],
      people: {
        rhian: { email: 'rhian@example.org', name: 'Rhian' },
        tomos: { email: 'tomos@example.org', name: 'Tomos' },
        eira: { email: 'eira@example.org', name: 'Eira', role: 'editor' },
      },
      comments: [
        { name: 'first', by: 'rhian', on: 'Recycling', body: 'Which week is it?' },
        { name: 'reply', by: 'tomos', on: 'Recycling', body: 'The even weeks.', replyTo: 'first' },
      ],
    })
  })
  afterAll(() => c.close())

  /** The feed's entries, newest first, as a feed reader reads them. */
  const feedOf = async (who: Client) => {
    const response = await who.request('/me/feed.atom')
    expect(response.status).toBe(200)
    const xml = await response.text()
    return [
      ...xml.matchAll(
        /<entry>[\s\S]*?<title type="html">([^<]*)<\/title>\s*<link href="([^"]*)"[\s\S]*?<updated>([^<]*)<\/updated>/g,
      ),
    ].map(([, title, link, updated]) => ({ title: title ?? '', link: link ?? '', updated: updated ?? '' }))
  }

  it("hides a notice on a draft once its person is no longer the guide's editor, and shows it again once the edition opens", async () => {
    const key = c.guide.key('Garden')
    await c.people.eira.expect(200, 'PUT', `/api/guides/bins/blocks/${key}/follow`)
    await c.admin.expect(201, 'POST', '/api/guides/bins/editions', { markdown: REVISED })
    const [told] = await ofType(c.people.eira, 'block.revised')
    expect(told?.text).toBe('Paragraph 3, which you follow, was edited in edition 2.')
    const unread = (await notices(c.people.eira)).unread
    expect((await feedOf(c.people.eira)).map((e) => e.title)).toContain(
      'Paragraph 3, which you follow, was edited in edition 2. (Bins)',
    )

    const { id: eiraId } = await c.people.eira.expect<{ id: string }>(200, 'GET', '/api/me')
    await c.admin.expect(204, 'PUT', `/api/guides/bins/roles/${eiraId}`, { role: 'reviewer' })
    expect(await ofType(c.people.eira, 'block.revised')).toEqual([])
    expect((await notices(c.people.eira)).unread).toBe(unread - 1)
    expect((await c.people.eira.request(`/me/notifications/${told?.id ?? ''}`)).status).toBe(404)
    expect(await (await c.people.eira.request('/me/notifications')).text()).not.toContain('which you follow')
    expect((await feedOf(c.people.eira)).map((e) => e.title).join('\n')).not.toContain('which you follow')

    // Open, the edition is anyone's to read: the notice is hers again, once.
    await c.admin.expect(200, 'POST', '/api/guides/bins/editions/2/transitions', { to: 'open' })
    expect(await ofType(c.people.eira, 'block.revised')).toHaveLength(1)
  })

  it('carries every notice in the feed, newest first, each once, with the sentence and link of the notices page', async () => {
    const feed = await feedOf(c.people.rhian)
    const titles = feed.map((e) => e.title)
    expect(titles).toContain('Edition 2 is open for comments. (Bins)')
    const split = feed.find((e) => e.title.startsWith('Paragraph 2, which you follow, was split'))
    const [notice] = await ofType(c.people.rhian, 'block.revised')
    expect(split?.link).toBe(`http://localhost${notice?.url ?? ''}`)
    // The reply comes once, with its words, not a second time as a notice.
    expect(titles.filter((t) => t.includes('replied'))).toHaveLength(1)
    const times = feed.map((e) => e.updated)
    expect(times).toEqual([...times].sort().reverse())
    // Only what she follows: the paragraph Eira follows is not in it, nor in Tomos's.
    expect(titles.join('\n')).not.toContain('Paragraph 3, which you follow')
    expect((await feedOf(c.people.tomos)).map((e) => e.title).join('\n')).not.toContain(
      'Paragraph 3, which you follow',
    )
  })

  it("lists nothing of an erased person's, whoever asks for it", async () => {
    const { id } = await c.people.rhian.expect<{ id: string }>(200, 'GET', '/api/me')
    expect((await noticesOf(c.database.db, Number(id), undefined, 50)).length).toBeGreaterThan(0)
    await c.people.rhian.expect(204, 'POST', '/api/me/erase', { password: PASSWORD })
    expect(await noticesOf(c.database.db, Number(id), undefined, 50)).toEqual([])
    expect(await unreadCount(c.database.db, Number(id))).toBe(0)
  })
})
