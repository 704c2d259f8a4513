import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { consultation, type Consultation } from '../support/consultation.ts'
import { databaseKind } from '../support/database.ts'

/**
 * Under pre-moderation a campaign member's edited words wait for approval, and a campaign decided
 * meanwhile passes it by (a waiting comment is never decided). Once approved, it takes the campaign's
 * decision like every other member, and its author is told, rather than staying open for ever.
 */

const GUIDE = '# Mill Road\n\nThe cycle lane stays as it is.\n\nBuses run every ten minutes.\n'
const TEXT =
  'I object to the removal of the protected cycle lane on Mill Road. It keeps children safe on their way to school.'

interface View {
  state: string
  decision: { decision: string; response: string; draft?: true } | null
}
interface Campaign {
  id: string
  commentIds: string[]
}

describe(`a campaign member approved after its campaign was decided (${databaseKind})`, () => {
  let c: Consultation<'rita' | 'sam' | 'tom' | 'una' | 'ed'>
  const ids: Record<'rita' | 'sam' | 'tom' | 'una', string> = { rita: '', sam: '', tom: '', una: '' }
  const campaigns = async () =>
    (await c.people.ed.expect<{ items: Campaign[] }>(200, 'GET', '/api/guides/mill/editions/1/campaigns'))
      .items
  const decidedNotices = async (who: 'rita' | 'tom') =>
    (
      await c.people[who].expect<{ items: { type: string; commentId?: number }[] }>(
        200,
        'GET',
        '/api/me/notifications',
      )
    ).items.filter((n) => n.type === 'comment.decided')

  beforeAll(async () => {
    c = await consultation({
      guides: [{ slug: 'mill', markdown: GUIDE, state: 'open', moderation: 'pre' }],
      people: {
        rita: { email: 'rita@example.org', name: 'Rita' },
        sam: { email: 'sam@example.org', name: 'Sam' },
        tom: { email: 'tom@example.org', name: 'Tom' },
        una: { email: 'una@example.org', name: 'Una' },
        ed: { email: 'ed@example.org', name: 'Ed', role: 'editor' },
      },
    })
    for (const who of ['rita', 'sam', 'tom', 'una'] as const) {
      ids[who] = await c.post(c.people[who], 0, { body: `${TEXT}\n\n${who}` })
      await c.admin.expect(200, 'POST', `/api/comments/${ids[who]}/restore`)
    }
  }, 60_000)
  afterAll(() => c.close())

  it('gives the campaign’s decision to a member once its edited words are approved, and tells its author', async () => {
    const [campaign, ...others] = await campaigns()
    expect(others).toEqual([])
    expect(campaign?.commentIds).toEqual([ids.rita, ids.sam, ids.tom, ids.una])

    // Tom adds a line; under pre-moderation his words wait again.
    const edited = await c.people.tom.expect<View>(200, 'PATCH', `/api/comments/${ids.tom}`, {
      body: `${TEXT} My son cycles there every day.\n\ntom`,
    })
    expect(edited.state).toBe('pending')

    await c.people.ed.expect(200, 'PUT', `/api/campaigns/${campaign?.id ?? ''}/decision`, {
      decision: 'not-accepted',
      response: 'The lane is kept; thank you all.',
    })
    expect((await c.visitor().expect<View>(200, 'GET', `/api/comments/${ids.rita}`)).decision).toMatchObject({
      decision: 'not-accepted',
    })
    // Waiting, Tom's comment was passed by.
    expect((await c.people.ed.expect<View>(200, 'GET', `/api/comments/${ids.tom}`)).decision).toMatchObject({
      decision: 'open',
    })
    expect(await decidedNotices('tom')).toEqual([])

    await c.admin.expect(200, 'POST', `/api/comments/${ids.tom}/restore`)
    const shown = await c.visitor().expect<View>(200, 'GET', `/api/comments/${ids.tom}`)
    expect(shown.state).toBe('published')
    expect(shown.decision).toMatchObject({
      decision: 'not-accepted',
      response: 'The lane is kept; thank you all.',
    })
    expect((await decidedNotices('tom')).map((n) => String(n.commentId))).toEqual([ids.tom])
    // Nobody else is told twice.
    expect(await decidedNotices('rita')).toHaveLength(1)
  })

  it('leaves a member that has its own decision as it is when it is approved again', async () => {
    await c.people.ed.expect(200, 'PUT', `/api/comments/${ids.sam}/decision`, {
      decision: 'noted',
      response: 'Seen separately.',
    })
    await c.admin.expect(200, 'POST', `/api/comments/${ids.sam}/hide`, {
      reasonCode: 'other',
      reason: 'Checking.',
    })
    await c.admin.expect(200, 'POST', `/api/comments/${ids.sam}/restore`)
    expect((await c.visitor().expect<View>(200, 'GET', `/api/comments/${ids.sam}`)).decision).toMatchObject({
      decision: 'noted',
      response: 'Seen separately.',
    })
  })
})
