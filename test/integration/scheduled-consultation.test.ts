import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { consultation } from '../support/consultation.ts'
import { databaseKind, type TestDatabase } from '../support/database.ts'
import type { Client } from '../support/session.ts'

interface Edition {
  state: string
  opensAt: string | null
  closesAt: string | null
}

/** A form as a browser posts it: urlencoded. */
const form = (fields: Record<string, string>): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields),
})

/** SPEC: "open → closed, closed → open (extend or reopen)", a consultation not yet begun included. */
describe(`a scheduled consultation can be closed, given new dates and published (${databaseKind})`, () => {
  let database: TestDatabase
  let editor: Client
  const edition = async (slug: string) =>
    (await (await editor.request(`/api/guides/${slug}/editions/1`)).json()) as Edition
  const move = (slug: string, body: Record<string, string>) =>
    editor.send('POST', `/api/guides/${slug}/editions/1/transitions`, body)
  const schedule = { to: 'open', opensAt: '2030-01-01T00:00:00Z', closesAt: '2030-02-01T00:00:00Z' }

  beforeAll(async () => {
    ;({ database, admin: editor } = await consultation({
      guides: [
        { slug: 'sa', state: 'draft' },
        { slug: 'sb', state: 'draft' },
        { slug: 'sc', state: 'draft' },
        { slug: 'sd', state: 'draft' },
      ],
      admin: { email: 'ed@example.org', name: 'Ed' },
    }))
    for (const slug of ['sa', 'sb', 'sc', 'sd']) expect((await move(slug, schedule)).status).toBe(200)
  })
  afterAll(async () => {
    await database.close()
  })

  it('closes one before it opens, its opening pulled back, and then publishes it', async () => {
    const closed = await move('sa', { to: 'closed' })
    expect(closed.status).toBe(200)
    const after = await edition('sa')
    // It never opened: its schedule is cancelled, and it shows no window.
    expect(after).toMatchObject({ state: 'closed', opensAt: null, closesAt: null })
    expect((await move('sa', { to: 'published' })).status).toBe(200)
  })

  it('cancels it when a later edition opens, as any earlier consultation closes', async () => {
    expect(
      (await editor.send('POST', '/api/guides/sd/editions', { markdown: '# Later\n\nAnother text.\n' }))
        .status,
    ).toBe(201)
    expect((await editor.send('POST', '/api/guides/sd/editions/2/transitions', { to: 'open' })).status).toBe(
      200,
    )
    expect(await edition('sd')).toMatchObject({ state: 'closed', opensAt: null, closesAt: null })
  })

  it('gives one not yet begun new dates, but not one already running', async () => {
    const moved = await move('sb', {
      to: 'open',
      opensAt: '2031-03-01T09:00:00Z',
      closesAt: '2031-04-01T17:00:00Z',
    })
    expect(moved.status).toBe(200)
    expect(await edition('sb')).toMatchObject({
      state: 'open',
      opensAt: '2031-03-01T09:00:00.000Z',
      closesAt: '2031-04-01T17:00:00.000Z',
    })
    // Opened now, it is running: new dates mean closing it and opening it again.
    expect((await move('sb', { to: 'open' })).status).toBe(200)
    expect((await move('sb', { to: 'open', closesAt: '2032-01-01T00:00:00Z' })).status).toBe(409)
  })

  it("offers the editor's page without script to cancel or reschedule it, in English and Welsh", async () => {
    const english = await (await editor.request('/g/sc/manage')).text()
    expect(english).toContain('Cancel the consultation')
    expect(english).toContain('Change the dates')
    expect(english).not.toContain('Close the consultation now')
    const welsh = await (
      await editor.request('/g/sc/manage', { headers: { 'accept-language': 'cy' } })
    ).text()
    expect(welsh).toContain('Canslo’r ymgynghoriad')
    expect(welsh).toContain('Newid y dyddiadau')
    // The form as a browser posts it: new dates, in the instance's zone, then cancelled.
    const rescheduled = await editor.request(
      '/g/sc/manage/1/transition',
      form({ to: 'open', opensAt: '2031-06-01T09:00', closesAt: '2031-07-01T17:00' }),
    )
    expect(rescheduled.status).toBe(303)
    expect(await edition('sc')).toMatchObject({ state: 'open', opensAt: '2031-06-01T08:00:00.000Z' })
    const cancelled = await editor.request('/g/sc/manage/1/transition', form({ to: 'closed' }))
    expect(cancelled.status).toBe(303)
    expect((await edition('sc')).state).toBe('closed')
  })
})
