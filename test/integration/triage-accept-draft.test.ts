import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseKind } from '../support/database.ts'
import { consultation, type Consultation } from '../support/consultation.ts'

const SOURCE = '# Councillors online\n\nReport abusive messages to the monitoring officer.\n'

/** A form as a browser posts it, without script. */
const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
})

interface CommentJson {
  decision: { decision: string; response: string } | null
}

describe(`accepting a suggestion from triage as a draft (${databaseKind})`, () => {
  let c: Consultation<'rita' | 'ed'>
  let id = ''

  beforeAll(async () => {
    c = await consultation({
      config: { rateLimits: { enabled: false } },
      guides: [{ slug: 'guide', markdown: SOURCE, state: 'open' }],
      people: {
        rita: { email: 'rita@example.org', name: 'Rita Reviewer' },
        ed: { email: 'ed@example.org', name: 'Ed Editor', role: 'editor' },
      },
    })
    id = (
      await c.people.rita.expect<{ id: string }>(
        201,
        'POST',
        `/api/guides/guide/editions/1/blocks/${c.guide.key('Report abusive')}/comments`,
        { kind: 'suggestion', body: 'Better words.', proposal: 'posts', quote: { exact: 'messages' } },
      )
    ).id
  }, 60_000)
  afterAll(async () => {
    await c.close()
  })

  const decisionSeenBy = async (who: 'rita' | 'visitor') => {
    const client = who === 'rita' ? c.people.rita : c.visitor()
    return (await client.expect<CommentJson>(200, 'GET', `/api/comments/${id}`)).decision?.decision
  }

  it('offers "Accept as a draft" beside accepting at once, and keeps the acceptance among the editors', async () => {
    const page = await (await c.people.ed.request('/g/guide/1/triage')).text()
    const accept =
      /<form method="post" action="\/g\/guide\/1\/triage\/accept"[\s\S]*?<\/form>/.exec(page)?.[0] ?? ''
    expect(accept).toContain('Accept this wording into the working draft')
    expect(accept).toMatch(/<button type="submit" name="draft" value="1"[^>]*>\s*Accept as a draft/)

    const answer = await c.people.ed.request(
      '/g/guide/1/triage/accept',
      form({ commentId: id, response: 'Clearer.', draft: '1' }),
    )
    expect(answer.status).toBe(303)
    const after = await (await c.people.ed.request(answer.headers.get('location') ?? '')).text()
    expect(after).toContain('only the guide’s editors see that it is accepted until it is released')
    // The wording is in the working draft, for the editors to see.
    expect(await (await c.people.ed.request('/g/guide/revise/source.md')).text()).toContain('abusive posts')
    // Neither the reviewer nor the public sees it accepted yet.
    expect(await decisionSeenBy('rita')).toBe('open')
    expect(await decisionSeenBy('visitor')).toBe('open')
    // It is not offered for accepting a second time.
    expect(after.match(/action="\/g\/guide\/1\/triage\/accept"/g) ?? []).toHaveLength(0)
    // Nor taken in twice by a script: the words it replaced stay the ones the report redlines.
    const again = await c.people.ed.send('POST', `/api/comments/${id}/acceptance`, { draft: true })
    expect(again.status).toBe(409)
    expect(((await again.json()) as { code: string }).code).toBe('already-accepted')
    const kept = await c.database.db
      .selectFrom('acceptances')
      .select(['beforeMarkdown', 'afterMarkdown'])
      .executeTakeFirstOrThrow()
    expect(kept).toEqual({
      beforeMarkdown: 'Report abusive messages to the monitoring officer.',
      afterMarkdown: 'Report abusive posts to the monitoring officer.',
    })
  })

  it('shows the acceptance to the reviewer and the public once released', async () => {
    await c.people.ed.expect(200, 'POST', '/api/guides/guide/decisions/release', { ids: [id] })
    expect(await decisionSeenBy('rita')).toBe('accepted')
    expect(await decisionSeenBy('visitor')).toBe('accepted')
  })
})
