import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { consultation, type Consultation } from '../support/consultation.ts'
import type { Client } from '../support/session.ts'
import { databaseKind } from '../support/database.ts'

/**
 * A comment's words and its decision belong together (SPEC.md: the author edits while the window is
 * open; the editors answer each comment). Once a decision is released, the words it answers stay as
 * they are; a comment waiting for moderation is approved before anyone decides on it.
 */

const GUIDE = `# Bins

Bins go out on Monday mornings before seven o'clock.

Garden waste needs a permit from the council.
`

const WELSH = { 'accept-language': 'cy-GB,cy;q=0.9' }

interface View {
  id: string
  body: string
  state: string
  decision: { decision: string; response: string; draft?: true } | null
}
interface Problem {
  code: string
  status: number
  detail: string
  errors?: { pointer: string; detail: string }[]
}
interface Notice {
  type: string
  commentId?: string
}

/** A form as a browser posts it, without script: urlencoded, a field repeated for each value of an array. */
const form = (fields: Record<string, string | string[]>): RequestInit => {
  const body = new URLSearchParams()
  for (const [name, value] of Object.entries(fields))
    for (const v of Array.isArray(value) ? value : [value]) body.append(name, v)
  return { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body }
}

describe(`a decided comment keeps its words, and a waiting one is approved before it is decided (${databaseKind})`, () => {
  let c: Consultation<'rhian' | 'eira'>
  let rhian: Client
  let eira: Client
  const key = () => c.guide.key('Bins go out')
  const thread = () => `/g/council/1/b/${key()}`
  /** Rhian's comment, approved by the editors (the guide holds every comment for moderation). */
  const approved = async (body: string) => {
    const id = await c.post(rhian, 'Bins go out', { body })
    await c.admin.expect(200, 'POST', `/api/comments/${id}/restore`)
    return id
  }
  const decide = (id: string, draft: boolean) =>
    eira.expect<View>(200, 'PUT', `/api/comments/${id}/decision`, {
      decision: 'accepted',
      response: 'We will cut the bins line',
      draft,
    })
  const decidedNotices = async () =>
    (await rhian.expect<{ items: Notice[] }>(200, 'GET', '/api/me/notifications')).items.filter(
      (n) => n.type === 'comment.decided',
    )

  beforeAll(async () => {
    c = await consultation({
      guides: [{ slug: 'council', markdown: GUIDE, state: 'open', moderation: 'pre' }],
      people: {
        rhian: { email: 'rhian@example.org', name: 'Rhian' },
        eira: { email: 'eira@example.org', name: 'Eira', role: 'editor' },
      },
    })
    rhian = c.people.rhian
    eira = c.people.eira
  })
  afterAll(() => c.close())

  it('refuses new words on a comment whose decision is released, saying so in English and Welsh, and keeps it decided in public', async () => {
    const id = await approved('Cut the bins line.')
    await decide(id, false)

    const refused = await rhian.send('PATCH', `/api/comments/${id}`, {
      body: 'Keep the bins line after all.',
    })
    expect(refused.status).toBe(409)
    expect(refused.headers.get('content-type')).toContain('application/problem+json')
    const problem = (await refused.json()) as Problem
    expect(problem.code).toBe('comment-decided')
    expect(problem.detail).toBe(
      'The editors have decided on this comment, so its words stay as they are: reply to it or write a new comment.',
    )
    const welsh = (await (
      await rhian.send('PATCH', `/api/comments/${id}`, { body: 'Cadwch y llinell.' }, WELSH)
    ).json()) as Problem
    expect(welsh.detail).toBe(
      'Mae’r golygyddion wedi penderfynu ar y sylw hwn, felly mae ei eiriau’n aros fel y maent: atebwch ef neu ysgrifennwch sylw newydd.',
    )

    // Everyone still reads the words the editors answered, with their answer, in the thread.
    const shown = await c.visitor().expect<View>(200, 'GET', `/api/comments/${id}`)
    expect(shown).toMatchObject({ body: 'Cut the bins line.', state: 'published' })
    expect(shown.decision).toMatchObject({ decision: 'accepted', response: 'We will cut the bins line' })

    // The thread page offers no edit form for it, but withdrawing stays: a person may take words back.
    const page = await (await rhian.request(thread())).text()
    expect(page).not.toContain(`/comments/${id}/edit`)
    expect(page).toContain(`/comments/${id}/withdraw`)
    expect((await rhian.expect<View>(200, 'POST', `/api/comments/${id}/withdraw`)).state).toBe('withdrawn')
  })

  it('offers an editor who wrote a comment no Edit once its decision is released, though a draft now stands over it', async () => {
    const id = await c.post(eira, 'Garden waste', { body: 'Name the permit’s price.' })
    if ((await c.visitor().request(`/api/comments/${id}`)).status === 404)
      await c.admin.expect(200, 'POST', `/api/comments/${id}/restore`)
    await decide(id, false)
    await eira.expect<View>(200, 'PUT', `/api/comments/${id}/decision`, {
      decision: 'not-accepted',
      response: 'On second thoughts, no',
      draft: true,
    })

    // Eira reads her own draft, and under it the decision everyone else still reads.
    const seen = await eira.expect<View & { decision: { released?: string } }>(
      200,
      'GET',
      `/api/comments/${id}`,
    )
    expect(seen.decision).toMatchObject({ decision: 'not-accepted', draft: true, released: 'accepted' })
    // The words that decision answers stay: no edit form on the page, and the server agrees.
    const page = await (await eira.request(thread().replace(key(), c.guide.key('Garden waste')))).text()
    expect(page).toContain(`/comments/${id}/withdraw`)
    expect(page).not.toContain(`/comments/${id}/edit`)
    expect((await eira.send('PATCH', `/api/comments/${id}`, { body: 'Changed.' })).status).toBe(409)
    // The public never learns of the draft.
    const shown = await c.visitor().expect<View>(200, 'GET', `/api/comments/${id}`)
    expect(shown.decision).toEqual(expect.not.objectContaining({ released: expect.anything() }))
    expect(shown.decision).toMatchObject({ decision: 'accepted' })
  })

  it('lets the author change words the editors only drafted a decision on, keeping the draft marked for triage', async () => {
    const id = await approved('The bins line is too long.')
    await decide(id, true)
    expect((await (await rhian.request(thread())).text()).includes(`/comments/${id}/edit`)).toBe(true)
    const card = async () => {
      const list = await (await eira.request('/g/council/1/triage?state=pending')).text()
      const from = list.slice(list.indexOf(`id="c${id}"`))
      return from.slice(0, from.indexOf('</article>'))
    }

    const edited = await rhian.expect<View>(200, 'PATCH', `/api/comments/${id}`, {
      body: 'The bins line is too long; say Monday only.',
    })
    expect(edited.state).toBe('pending')
    // The editors keep what they drafted, and triage tells them it answers words since changed.
    const seen = await eira.expect<View>(200, 'GET', `/api/comments/${id}`)
    expect(seen.decision).toMatchObject({ decision: 'accepted', draft: true })
    expect(await card()).toContain(
      'Its author changed its words after this draft was saved: read them again before releasing it.',
    )
    // Releasing every draft leaves it a draft while the new words wait for moderation.
    const { released } = await eira.expect<{ released: string[] }>(
      200,
      'POST',
      '/api/guides/council/decisions/release',
      {},
    )
    expect(released).not.toContain(id)
    expect((await c.visitor().request(`/api/comments/${id}`)).status).toBe(404)
    // Approved and drafted again, it is no longer marked.
    await c.admin.expect(200, 'POST', `/api/comments/${id}/restore`)
    await decide(id, true)
    expect(await card()).not.toContain('Its author changed its words')
  })

  it('refuses to decide on a comment still waiting for moderation, one, in bulk, from triage or by accepting it', async () => {
    const id = await c.post(rhian, 'Garden waste', { body: 'How much is the permit?' })

    const one = await eira.send('PUT', `/api/comments/${id}/decision`, {
      decision: 'noted',
      response: 'Noted.',
    })
    expect(one.status).toBe(409)
    expect(((await one.json()) as Problem).code).toBe('comment-pending')

    const bulk = await eira.send('POST', '/api/guides/council/decisions', {
      commentIds: [id],
      decision: 'noted',
      response: 'Noted.',
    })
    expect(bulk.status).toBe(422)
    expect(((await bulk.json()) as Problem).errors).toEqual([
      {
        pointer: '/commentIds/0',
        detail: 'This comment is waiting for moderation: approve it before deciding on it.',
      },
    ])

    const triage = await eira.request(
      '/g/council/1/triage/decide-many',
      form({ commentIds: [id], decision: 'noted', response: 'Noted.' }),
    )
    expect(triage.status).toBe(422)
    expect(await triage.text()).toContain('approve it before deciding on it')

    // Triage offers no decision form for it, and says why.
    const list = await (await eira.request('/g/council/1/triage')).text()
    const card = list.slice(list.indexOf(`id="c${id}"`))
    expect(card.slice(0, card.indexOf('</article>'))).toContain(
      'This comment is waiting for moderation: approve it before deciding on it.',
    )
    expect(card.slice(0, card.indexOf('</article>'))).not.toContain('triage-decide')

    const suggestion = await c.post(rhian, 'Garden waste', {
      kind: 'suggestion',
      body: 'Say which council.',
      quote: { exact: 'the council' },
      proposal: 'the district council',
    })
    const accepting = await eira.send('POST', `/api/comments/${suggestion}/acceptance`, {})
    expect(accepting.status).toBe(409)
    expect(((await accepting.json()) as Problem).code).toBe('comment-pending')

    // Approved, it is decided like any other, and its author is told.
    const before = (await decidedNotices()).length
    await c.admin.expect(200, 'POST', `/api/comments/${id}/restore`)
    await eira.expect(200, 'PUT', `/api/comments/${id}/decision`, {
      decision: 'noted',
      response: 'Noted.',
      draft: false,
    })
    const told = await decidedNotices()
    expect(told).toHaveLength(before + 1)
    expect(told.some((n) => n.commentId === id)).toBe(true)
  })
})
