import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { consultation, type Consultation } from '../support/consultation.ts'
import { testApp } from '../support/app.ts'
import { QueryCounter } from '../support/query-counter.ts'
import type { Client } from '../support/session.ts'

/** Following from a page without script lands on what you follow, saying so; the list stops each. */

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
  redirect: 'manual' as const,
})

const BINS =
  '# Bin days\n\nThe first paragraph.\n\nThe second paragraph tells you which bins go out on which week, and where to leave them so the crews can reach them.\n'
const PARKING = '# Parking permits\n\nA permit is yours for a year.\n'

/** Posts a follow form and follows its redirect, as a browser does: the page it lands on. */
async function post(who: Client, slug: string, fields: Record<string, string>) {
  const sent = await who.request(`/g/${slug}/follow`, form(fields))
  expect(sent.status).toBe(303)
  const location = sent.headers.get('location') ?? ''
  const landed = await who.request(location)
  return {
    location,
    status: landed.status,
    cache: landed.headers.get('cache-control'),
    html: await landed.text(),
  }
}

/** The rows of the list, as text: each row's words with the tags taken out. */
const rows = (html: string) =>
  [...html.matchAll(/<li class="following-item"[^>]*>([\s\S]*?)<\/li>/g)].map((m) =>
    (m[1] ?? '')
      // Inline marks (a language's span) are part of the words around them.
      .replace(/<\/?span[^>]*>/g, '')
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  )

describe('what you follow', () => {
  let c: Consultation<'rhian' | 'tomos'>
  beforeAll(async () => {
    c = await consultation({
      guides: [
        { slug: 'bins', markdown: BINS, state: 'open' },
        { slug: 'parking', markdown: PARKING, state: 'draft' },
      ],
      people: {
        rhian: { email: 'rhian@example.org', name: 'Rhian' },
        tomos: { email: 'tomos@example.org', name: 'Tomos' },
      },
    })
  })
  afterAll(() => c.close())

  it('follows the guide from its public reading page and says so on a page of its own, with the way back', async () => {
    const reading = await (await c.people.rhian.request('/g/bins/1')).text()
    expect(reading).toContain('<form method="post" action="/g/bins/follow"')
    const { location, status, cache, html } = await post(c.people.rhian, 'bins', {
      back: '/g/bins/1',
      follow: 'true',
    })
    expect(location).toBe('/me/following?done=followed&guide=bins&back=%2Fg%2Fbins%2F1')
    expect(status).toBe(200)
    expect(cache).toBe('no-store')
    expect(html).toContain('<p class="status-message" role="status">You now follow Bin days.')
    expect(html).toContain('<a href="/g/bins/1">Back to where you were</a>')
    expect(rows(html)).toEqual(['Bin days · The whole guide Stop following'])
    // Following twice is following once.
    expect(
      rows((await post(c.people.rhian, 'bins', { back: '/g/bins/1', follow: 'true' })).html),
    ).toHaveLength(1)
  })

  it('follows a paragraph, listed by its number and words with a link to it; stops following from the list', async () => {
    const key = c.guides.bins?.key('The second') ?? ''
    const thread = `/g/bins/1/b/${key}`
    const followed = await post(c.people.rhian, 'bins', { key, back: thread, follow: 'true' })
    expect(followed.html).toContain('You now follow paragraph 2 of Bin days.')
    expect(followed.html).toContain(`<a href="${thread}">Back to where you were</a>`)
    expect(rows(followed.html)).toEqual([
      'Paragraph 2 · Bin days “The second paragraph tells you which bins go out on which week, and where to leave them…” Stop following',
      'Bin days · The whole guide Stop following',
    ])
    expect(followed.html).toContain(`<a href="/g/bins/p/${key}">Paragraph 2</a>`)
    expect(followed.html).toContain('aria-label="Stop following paragraph 2 of Bin days"')

    // The list's own form: no script, back to the list, saying what stopped and without a way "back".
    const stopped = await post(c.people.rhian, 'bins', { key, back: '/me/following', follow: 'false' })
    expect(stopped.location).toBe(`/me/following?done=unfollowed&guide=bins&key=${key}`)
    expect(stopped.html).toContain('You no longer follow paragraph 2 of Bin days.')
    expect(stopped.html).not.toContain('Back to where you were')
    expect(rows(stopped.html)).toEqual(['Bin days · The whole guide Stop following'])
    // In Welsh, in Welsh.
    const welsh = await (
      await c.people.rhian.request(`/me/following?done=unfollowed&guide=bins&key=${key}`, {
        headers: { 'accept-language': 'cy-GB,cy;q=0.9' },
      })
    ).text()
    expect(welsh).toContain('Dydych chi ddim yn dilyn paragraff 2 o “Bin days” mwyach.')
    expect(welsh).toContain('<h1>Beth rydych chi’n ei ddilyn</h1>')
    expect(welsh).toContain('Peidio â dilyn')
    // The thread page agrees.
    expect(await (await c.people.rhian.request(thread)).text()).toContain('Follow this paragraph')
  })

  it('shows each person only their own, and is reached from the notices page', async () => {
    const page = await (await c.people.tomos.request('/me/following')).text()
    expect(page).toContain('You do not follow anything yet.')
    expect(rows(page)).toEqual([])
    expect(await (await c.people.tomos.request('/me/notifications')).text()).toContain(
      '<a href="/me/following">What you follow</a>',
    )
    // A made-up confirmation for someone else's guide says nothing it may not.
    expect(
      await (await c.people.tomos.request('/me/following?done=followed&guide=parking')).text(),
    ).not.toContain('Parking')
    // The public sign in first.
    const visitor = await c.visitor().request('/me/following', { redirect: 'manual' })
    expect(visitor.status).toBe(303)
    expect(visitor.headers.get('location')).toBe('/sign-in?next=/me/following')
  })

  it('leaves out a guide the person may no longer read', async () => {
    const rhian = c.people.rhian
    await c.enrol(rhian, 'parking', 'editor')
    const followed = await post(rhian, 'parking', { back: '/g/parking/1', follow: 'true' })
    expect(followed.html).toContain('You now follow Parking permits.')
    expect(rows(followed.html)).toEqual([
      'Parking permits · The whole guide Stop following',
      'Bin days · The whole guide Stop following',
    ])
    const { id } = await rhian.expect<{ id: string }>(200, 'GET', '/api/me')
    await c.admin.expect(204, 'PUT', '/api/guides/parking/roles/' + id, { role: null })
    const after = await (await rhian.request('/me/following')).text()
    expect(rows(after)).toEqual(['Bin days · The whole guide Stop following'])
    expect(after).not.toContain('Parking')
  })

  it('answers the list as JSON, for the person alone', async () => {
    expect(await c.people.rhian.expect(200, 'GET', '/api/me/follows')).toEqual({
      items: [{ slug: 'bins', title: 'Bin days', blockKey: null, number: null }],
      next: null,
    })
    expect(await c.people.tomos.expect(200, 'GET', '/api/me/follows')).toEqual({ items: [], next: null })
    const refused = await c.people.rhian.send('GET', '/api/me/follows?cursor=nope')
    expect(refused.status).toBe(422)
    expect(refused.headers.get('content-type')).toContain('application/problem+json')
    expect((await c.visitor().send('GET', '/api/me/follows')).status).toBe(401)
  })

  it('costs the same queries for many things followed as for one', async () => {
    const tomos = c.people.tomos
    await tomos.expect(200, 'PUT', '/api/guides/bins/follow')
    const keys = c.guides.bins?.keys ?? []
    for (const key of keys) await tomos.expect(200, 'PUT', `/api/guides/bins/blocks/${key}/follow`)
    const queriesFor = async (client: Client) => {
      const counter = new QueryCounter()
      const counted = await testApp({ ...c.database, db: c.database.db.withPlugin(counter) })
      const response = await counted.request('/me/following', { headers: { cookie: client.cookie } })
      expect(rows(await response.text())).toHaveLength(client === tomos ? 1 + keys.length : 1)
      return counter.count
    }
    expect(await queriesFor(tomos)).toBe(await queriesFor(c.people.rhian))
  })
})

describe('a followed paragraph a later edition removed', () => {
  let c: Consultation<'rhian'>
  const ROADS = '# Roads\n\nGritting starts in November.\n\nPotholes are mended within a week of a report.\n'
  beforeAll(async () => {
    c = await consultation({
      guides: [
        {
          slug: 'roads',
          markdown: ROADS,
          state: 'published',
          editions: ['# Roads\n\nGritting starts in November.\n'],
        },
      ],
      people: { rhian: { email: 'rhian@example.org', name: 'Rhian' } },
    })
  })
  afterAll(() => c.close())

  it('says it was removed, and leads to it in the last edition that had it, its words marked in the guide’s language', async () => {
    const key = c.guides.roads?.key('Potholes') ?? ''
    await c.people.rhian.expect(200, 'PUT', `/api/guides/roads/blocks/${key}/follow`)
    await c.admin.expect(200, 'POST', '/api/guides/roads/editions/2/transitions', { to: 'published' })
    const html = await (await c.people.rhian.request('/me/following')).text()
    expect(rows(html)).toEqual([
      'Paragraph 2 of edition 1, removed since · Roads “Potholes are mended within a week of a report.” Stop following',
    ])
    expect(html).toContain(`<a href="/g/roads/1#${key}">Paragraph 2 of edition 1, removed since</a>`)
    expect(html).toContain('“<span lang="en">Potholes are mended within a week of a report.</span>”')
    const welsh = await (
      await c.people.rhian.request('/me/following', { headers: { 'accept-language': 'cy-GB,cy;q=0.9' } })
    ).text()
    expect(welsh).toContain('Paragraff 2 o argraffiad 1, a dynnwyd ers hynny')
  })
})
