import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { consultation, type Consultation } from '../support/consultation.ts'
import { databaseKind } from '../support/database.ts'

const PUBLISHED = `# Council

Councillors answer residents within two working days.

Casework details are never shared in public.
`
// The proposed revision drops the casework paragraph.
const PROPOSED = `# Council

Councillors answer residents within two working days.
`

/**
 * SPEC.md: a paragraph's permalink leads to the newest edition that still has it. A revision under
 * consultation that would remove a paragraph has not removed it from the published text yet, so the
 * permalink on the published page keeps leading there; once that revision is published, the paragraph is
 * removed, and the permalink says so.
 */
describe(`a permalink while a revision that removes its paragraph is under consultation (${databaseKind})`, () => {
  let c: Consultation<never>
  let casework = ''
  let answer = ''
  const move = async (n: number, to: string) =>
    expect(
      (await c.admin.send('POST', `/api/guides/council/editions/${String(n)}/transitions`, { to })).status,
    ).toBe(200)

  beforeAll(async () => {
    c = await consultation({
      config: { rateLimits: { enabled: false } },
      admin: { email: 'ed@example.org', name: 'Ed' },
      guides: [{ slug: 'council', markdown: PUBLISHED, state: 'published', editions: [PROPOSED] }],
    })
    casework = c.guide.key('Casework details')
    answer = c.guide.key('Councillors answer')
    await move(2, 'open')
  })
  afterAll(async () => {
    await c.close()
  })

  it('leads the public from the published page to the paragraph where it still stands', async () => {
    const published = await (await c.visitor().request('/g/council/1')).text()
    expect(published).toContain(`href="/g/council/p/${casework}"`)
    const followed = await c.visitor().request(`/g/council/p/${casework}`)
    expect(followed.status).toBe(302)
    expect(followed.headers.get('location')).toBe(`/g/council/1#${casework}`)
    // A paragraph the revision keeps leads to the newest edition with it, as before.
    expect((await c.visitor().request(`/g/council/p/${answer}`)).headers.get('location')).toBe(
      `/g/council/2#${answer}`,
    )
  })

  it('leads its editors there too', async () => {
    const followed = await c.admin.request(`/g/council/p/${casework}`)
    expect(followed.status).toBe(302)
    expect(followed.headers.get('location')).toBe(`/g/council/1#${casework}`)
  })

  it('says the paragraph was removed, and in which edition, once the revision is published', async () => {
    await move(2, 'closed')
    await move(2, 'published')
    const gone = await c.visitor().request(`/g/council/p/${casework}`)
    expect(gone.status).toBe(410)
    const page = await gone.text()
    expect(page).toContain('removed from the guide in edition 2')
    expect(page).toContain(`/g/council/1#${casework}`)
  })
})
