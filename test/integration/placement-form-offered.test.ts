import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { consultation } from '../support/consultation.ts'
import { databaseKind, type TestDatabase } from '../support/database.ts'
import type { Client } from '../support/session.ts'

const FIRST = `# Council meetings

Meetings start at seven and end by nine.

Residents may speak for three minutes each.
`

const SECOND = `# Council meetings

Meetings start at seven and end by half past nine.

Residents may speak for three minutes each.
`

const THIRD = `# Council meetings

Meetings start at seven and end by half past nine.

Residents may speak for five minutes each.
`

const form = (fields: Record<string, string>, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
  body: new URLSearchParams(fields),
})

describe(`the placement form, offered only where placing can work (${databaseKind})`, () => {
  let database: TestDatabase
  let editor: Client
  let id = ''
  let key = ''

  beforeAll(async () => {
    const world = await consultation({
      guides: [{ slug: 'council', markdown: FIRST, openAfterJoining: true }],
      admin: { email: 'ed@example.org', name: 'Ed' },
      people: { reviewer: { email: 'rita@example.org', name: 'Rita Reviewer' } },
      comments: [{ name: 'late', by: 'reviewer', on: 'Meetings start', body: 'Nine is too late.' }],
    })
    ;({ database, admin: editor } = world)
    id = world.ids.late ?? ''
    key = world.guide.key('Meetings start')
    await editor.expect(201, 'POST', '/api/guides/council/editions', { markdown: SECOND })
    await editor.expect(200, 'POST', '/api/guides/council/editions/2/transitions', { to: 'published' })
    await editor.expect(201, 'POST', '/api/guides/council/editions', { markdown: THIRD })
  })
  afterAll(async () => {
    await database.close()
  })

  const thread = async (n: number) => {
    const response = await editor.request(`/g/council/${String(n)}/b/${key}`)
    expect(response.status).toBe(200)
    return response.text()
  }

  it('is not offered on a published edition, and is on the newest one', async () => {
    const published = await thread(2)
    expect(published).toContain('Nine is too late.')
    expect(published).not.toContain('placements/')
    expect(published).not.toContain('Place on paragraph')
    const newest = await thread(3)
    expect(newest).toContain(`action="/g/council/3/placements/${id}"`)
    expect(newest).toContain(`name="from" value="/g/council/3/b/${key}#c${id}"`)
  })

  it('refuses an empty paragraph as a mistake in the form, moving nothing', async () => {
    const from = `/g/council/3/b/${key}#c${id}`
    const empty = await editor.request(`/g/council/3/placements/${id}`, form({ paragraph: '', from }))
    expect(empty.status).toBe(422)
    const page = await empty.text()
    expect(page).toContain('Give the number of a paragraph of this edition')
    expect(page).toContain(`href="${from}"`)
    // Still on its paragraph, not moved under "comments on removed text".
    expect(await thread(3)).toContain('Nine is too late.')

    const welsh = await editor.request(
      `/g/council/3/placements/${id}`,
      form({ paragraph: ' ', from }, { 'accept-language': 'cy' }),
    )
    expect(welsh.status).toBe(422)
    expect(await welsh.text()).toContain('Rhowch rif un o baragraffau’r argraffiad hwn')
  })

  it('says why placing in a published edition is refused, with a way back', async () => {
    const refused = await editor.request(
      `/g/council/2/placements/${id}`,
      form({ paragraph: '2', from: 'https://elsewhere.example/' }),
    )
    expect(refused.status).toBe(409)
    const page = await refused.text()
    expect(page).toContain('The comment stayed where it was')
    expect(page).not.toContain('elsewhere.example')
    expect(page).toContain('href="/g/council/2">Back to edition 2</a>')
  })
})
