import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { consultation, type Consultation } from '../support/consultation.ts'
import { databaseKind } from '../support/database.ts'
import { Client, PASSWORD } from '../support/session.ts'

/**
 * A reviewer who opens their invitation link again (from the email, a second time) is told they take
 * part already, and pressing Accept again takes no place from the colleagues the link was made for.
 */

const form = (fields: Record<string, string>): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields),
})

describe(`an invitation opened again by someone who joined by it (${databaseKind})`, () => {
  let c: Consultation<never>
  let token = ''
  let id = ''
  let gwen: Client
  const uses = async () =>
    (
      await c.admin.expect<{ items: { id: string; uses: number }[] }>(
        200,
        'GET',
        '/api/guides/bins/invitations',
      )
    ).items.find((i) => i.id === id)?.uses

  beforeAll(async () => {
    c = await consultation({
      guides: [{ slug: 'bins', markdown: '# Bins\n\nBins go out on Mondays.\n', state: 'open' }],
    })
    const made = await c.admin.expect<{ token: string }>(201, 'POST', '/api/guides/bins/invitations', {
      role: 'reviewer',
      maxUses: 2,
    })
    token = made.token
    const listed = await c.admin.expect<{ items: { id: string }[] }>(
      200,
      'GET',
      '/api/guides/bins/invitations',
    )
    id = listed.items[0]?.id ?? ''
  })
  afterAll(() => c.close())

  it('tells a reviewer who opens it again that they take part, and takes no second place', async () => {
    gwen = new Client(c.app)
    const joined = await gwen.request(
      `/invitations/${token}`,
      form({ displayName: 'Gwen', email: 'gwen@example.org', password: PASSWORD }),
    )
    expect(joined.status).toBe(303)
    expect(await uses()).toBe(1)

    const again = await gwen.request(`/invitations/${token}`)
    expect(again.status).toBe(200)
    const html = await again.text()
    expect(html).toContain('You take part in “Bins” as reviewer already')
    expect(html).toContain('href="/g/bins"')
    expect(html).not.toContain(`action="/invitations/${token}"`)

    // Pressing Accept from a page left open, or through the API, changes nothing.
    expect((await gwen.request(`/invitations/${token}`, form({}))).status).toBe(303)
    expect((await gwen.send('POST', `/api/invitations/${token}/accept`, {})).status).toBe(200)
    expect(await uses()).toBe(1)

    // The place she did not take is there for a colleague, who joins by it.
    const huw = new Client(c.app)
    const second = await huw.request(
      `/invitations/${token}`,
      form({ displayName: 'Huw', email: 'huw@example.org', password: PASSWORD }),
    )
    expect(second.status).toBe(303)
    expect(await uses()).toBe(2)
    // Used up, the link still tells Gwen she takes part rather than that it is gone.
    expect((await gwen.request(`/invitations/${token}`)).status).toBe(200)
    expect((await new Client(c.app).request(`/invitations/${token}`)).status).toBe(410)
  })

  it('still lets a reviewer invited as an editor become one', async () => {
    const { token: editorToken } = await c.admin.expect<{ token: string }>(
      201,
      'POST',
      '/api/guides/bins/invitations',
      { role: 'editor' },
    )
    const page = await (await gwen.request(`/invitations/${editorToken}`)).text()
    expect(page).toContain(`action="/invitations/${editorToken}"`)
    expect((await gwen.request(`/invitations/${editorToken}`, form({}))).status).toBe(303)
    const me = await gwen.expect<{ roles: { guide: string; role: string }[] }>(200, 'GET', '/api/me')
    expect(me.roles).toEqual([expect.objectContaining({ guide: 'bins', role: 'editor' })])
  })
})
