import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { consultation, type Consultation } from '../support/consultation.ts'

/** The notices page and the follow forms, without script. */

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
})

describe('notices and following without script', () => {
  let c: Consultation<'rhian' | 'tomos'>
  beforeAll(async () => {
    c = await consultation({
      people: {
        rhian: { email: 'rhian@example.org', name: 'Rhian' },
        tomos: { email: 'tomos@example.org', name: 'Tomos' },
      },
      comments: [
        { name: 'first', by: 'rhian', on: 'The first', body: 'Which week is it?' },
        { name: 'reply', by: 'tomos', on: 'The first', body: 'The even weeks.', replyTo: 'first' },
      ],
    })
  })
  afterAll(() => c.close())

  it('lists notices by guide with a sentence, never for a cache, and opens one to its place, read', async () => {
    const page = await c.people.rhian.request('/me/notifications')
    expect(page.status).toBe(200)
    expect(page.headers.get('cache-control')).toBe('no-store')
    const html = await page.text()
    expect(html).toContain('You have 1 unread notice.')
    expect(html).toContain('New: </strong>')
    expect(html).toContain('Someone replied to your comment on paragraph 1 of edition 1.')
    const id = /href="\/me\/notifications\/(\d+)"/.exec(html)?.[1] ?? ''
    const opened = await c.people.rhian.request(`/me/notifications/${id}`, { redirect: 'manual' })
    expect(opened.status).toBe(303)
    expect(opened.headers.get('location')).toBe(
      `/g/guide/1/b/${c.guide.key('The first')}#c${c.ids.reply ?? ''}`,
    )
    expect(await (await c.people.rhian.request('/me/notifications')).text()).toContain(
      'You have no unread notices.',
    )
    // Another person's notice is nobody else's to open.
    expect((await c.people.tomos.request(`/me/notifications/${id}`, { redirect: 'manual' })).status).toBe(404)
  })

  it('marks every notice read with one form', async () => {
    await c.post(c.people.tomos, 'The first', { body: 'Or the odd ones.', replyTo: 'first' })
    const marked = await c.people.rhian.request('/me/notifications/read', form({}))
    expect(marked.status).toBe(303)
    expect(marked.headers.get('location')).toBe('/me/notifications?done=read')
    const page = await (await c.people.rhian.request('/me/notifications?done=read')).text()
    expect(page).toContain('Every notice is marked as read.')
    expect(page).not.toContain('New: </strong>')
  })

  it('chooses how notices come by email on the notices page itself, without script', async () => {
    const tomos = c.people.tomos
    const before = await (await tomos.request('/me/notifications')).text()
    expect(before).toContain('<form method="post" action="/me/notifications/email"')
    expect(before).toMatch(/<input type="radio" id="email-choice-daily" name="email" value="daily" checked/)
    expect(before).not.toContain('Your email choice is saved.')

    const saved = await tomos.request('/me/notifications/email', form({ email: 'weekly' }))
    expect(saved.status).toBe(303)
    expect(saved.headers.get('location')).toBe('/me/notifications?done=email#email')
    const after = await (await tomos.request('/me/notifications?done=email')).text()
    expect(after).toContain('Your email choice is saved.')
    expect(after).toMatch(/<input type="radio" id="email-choice-weekly" name="email" value="weekly" checked/)
    expect(after).not.toMatch(/value="daily" checked/)
    expect(await tomos.expect(200, 'GET', '/api/me/notification-settings')).toEqual({ email: 'weekly' })

    // A choice that is not one of the four is refused on the page, saying why, and changes nothing.
    const refused = await tomos.request('/me/notifications/email', form({ email: 'hourly' }))
    expect(refused.status).toBe(422)
    const refusedPage = await refused.text()
    expect(refusedPage).toContain('There is a problem')
    expect(refusedPage).toContain('<a href="#email-choice">Choose how notices reach you.</a>')
    expect(refusedPage).toContain('Your notices')
    expect(await tomos.expect(200, 'GET', '/api/me/notification-settings')).toEqual({ email: 'weekly' })
    // In Welsh the summary says it in Welsh too, not only the field.
    tomos.language = 'cy'
    const welsh = await tomos.request('/me/notifications/email', form({ email: 'hourly' }))
    tomos.language = ''
    expect(welsh.status).toBe(422)
    const welshPage = await welsh.text()
    expect(welshPage).toContain('<p>Nid yw rhai o’r meysydd yn ddilys.</p>')
    expect(welshPage).toContain('<a href="#email-choice">Dewiswch sut mae hysbysiadau’n eich cyrraedd.</a>')

    // The form's old page, still linked from mail sent before, leads to the form on the notices page.
    const old = await tomos.request('/me/notifications/email', { redirect: 'manual' })
    expect(old.status).toBe(303)
    expect(old.headers.get('location')).toBe('/me/notifications#email')
    // Someone else's page keeps their own choice.
    expect(await (await c.people.rhian.request('/me/notifications')).text()).toMatch(/value="daily" checked/)
  })

  it('follows and stops following a paragraph from its thread page, landing where it says so', async () => {
    const key = c.guide.key('The second')
    const thread = `/g/guide/1/b/${key}`
    expect(await (await c.people.tomos.request(thread)).text()).toContain('Follow this paragraph')
    const followed = await c.people.tomos.request(
      '/g/guide/follow',
      form({ key, back: thread, follow: 'true' }),
    )
    expect(followed.status).toBe(303)
    // It lands on what the person follows, which says so and leads back to the thread.
    expect(followed.headers.get('location')).toBe(
      `/me/following?done=followed&guide=guide&key=${key}&back=${encodeURIComponent(thread)}`,
    )
    expect(await (await c.people.tomos.request(thread)).text()).toContain('Stop following this paragraph')
    await c.people.tomos.request('/g/guide/follow', form({ key, back: thread, follow: 'false' }))
    expect(await (await c.people.tomos.request(thread)).text()).toContain('Follow this paragraph')
  })

  it('sends the public to sign in, and keeps the header the same for everyone', async () => {
    const visitor = c.visitor()
    const page = await visitor.request('/me/notifications', { redirect: 'manual' })
    expect(page.status).toBe(303)
    expect(page.headers.get('location')).toBe('/sign-in?next=/me/notifications')
    const followed = await visitor.request('/g/guide/follow', {
      ...form({ follow: 'true' }),
      redirect: 'manual',
    })
    // Follow pressed before signing in: after signing in, the page asks once more, and nothing is followed yet.
    const offer = '/me/following?done=offer&guide=guide&back=%2Fg%2Fguide'
    expect(followed.headers.get('location')).toBe(
      `/sign-in?next=${encodeURIComponent(offer).replace(/%2F/gi, '/')}`,
    )
    const rhian = await c.signIn('rhian@example.org')
    const asked = await (await rhian.request(offer)).text()
    expect(asked).toContain('Follow A guide? You pressed Follow before signing in')
    expect(asked).toMatch(
      /<form method="post" action="\/g\/guide\/follow"[^>]*>.*name="follow" value="true"/s,
    )
    const before = await rhian.expect<{ items: { slug: string; blockKey: string | null }[] }>(
      200,
      'GET',
      '/api/me/follows',
    )
    expect(before.items.filter((i) => i.blockKey === null)).toEqual([])
    const confirmed = await rhian.request('/g/guide/follow', {
      ...form({ back: '/g/guide', follow: 'true' }),
      redirect: 'manual',
    })
    expect(confirmed.headers.get('location')).toBe(
      '/me/following?done=followed&guide=guide&back=%2Fg%2Fguide',
    )
    const after = await rhian.expect<{ items: { slug: string; blockKey: string | null }[] }>(
      200,
      'GET',
      '/api/me/follows',
    )
    expect(after.items.filter((i) => i.blockKey === null).map((i) => i.slug)).toEqual(['guide'])
    // A stop pressed signed out needs no asking: it goes to sign in as before.
    const stopped = await visitor.request('/g/guide/follow', {
      ...form({ follow: 'false' }),
      redirect: 'manual',
    })
    expect(stopped.headers.get('location')).toBe('/sign-in?next=/g/guide')
    const chosen = await visitor.request('/me/notifications/email', {
      ...form({ email: 'off' }),
      redirect: 'manual',
    })
    expect(chosen.headers.get('location')).toBe('/sign-in?next=/me/notifications')
    // The reading page carries the link and the empty count element alone: the count is never served.
    const [publicPage, rhianPage] = await Promise.all([
      visitor.request('/g/guide/1').then((r) => r.text()),
      c.people.rhian.request('/g/guide/1').then((r) => r.text()),
    ])
    expect(publicPage).toContain('<a href="/me/notifications" class="notices-link">')
    expect(rhianPage).toBe(publicPage)
  })
})
