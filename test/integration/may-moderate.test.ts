import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { consultation, type Consultation } from '../support/consultation.ts'
import { databaseKind } from '../support/database.ts'
import type { Client } from '../support/session.ts'

const COUNTS = '/api/guides/mm/editions/1/counts'

/**
 * The reading page's counts tell its thread panel whether to offer Hide and Restore (`mayModerate`):
 * the server decides, from the viewer's role on that guide, so the public, its reviewers and editors of
 * other guides never get it, and the hide route refuses them all the same.
 */
describe(`who the thread panel offers moderation to (${databaseKind})`, () => {
  let c: Consultation<'reviewer' | 'editor' | 'otherEditor'>
  const mayModerate = async (client: Client) => {
    const response = await client.request(COUNTS)
    expect(response.status).toBe(200)
    return ((await response.json()) as { mayModerate?: unknown }).mayModerate
  }

  beforeAll(async () => {
    c = await consultation({
      guides: [
        { slug: 'mm', markdown: '# Moderated\n\nA paragraph to comment on.\n', state: 'open' },
        { slug: 'elsewhere', markdown: '# Elsewhere\n\nAnother guide.\n', state: 'open' },
      ],
      admin: { email: 'ad@example.org', name: 'Ad' },
      people: {
        reviewer: { email: 'rev@example.org', name: 'Rev' },
        editor: { email: 'ed@example.org', name: 'Ed', role: 'editor' },
        otherEditor: { email: 'oe@example.org', name: 'Oe', role: 'editor', guide: 'elsewhere' },
      },
      comments: [{ name: 'rude', by: 'reviewer', on: 1, guide: 'mm', body: 'Rude words.' }],
    })
  })
  afterAll(async () => {
    await c.close()
  })

  it('says true to the guide’s editors and admins, false to the public, reviewers and other guides’ editors, whom hiding refuses', async () => {
    expect(await mayModerate(c.people.editor)).toBe(true)
    expect(await mayModerate(c.admin)).toBe(true)
    expect(await mayModerate(c.visitor())).toBe(false)
    expect(await mayModerate(c.people.reviewer)).toBe(false)
    expect(await mayModerate(c.people.otherEditor)).toBe(false)

    // The hide and restore routes agree with it: those told false are refused.
    const id = c.ids.rude ?? ''
    const why = { reasonCode: 'abusive', reason: 'Rude to a member of staff.' }
    expect((await c.visitor().send('POST', `/api/comments/${id}/hide`, why)).status).toBe(401)
    expect((await c.people.reviewer.send('POST', `/api/comments/${id}/hide`, why)).status).toBe(403)
    expect((await c.people.otherEditor.send('POST', `/api/comments/${id}/hide`, why)).status).toBe(403)
    const hidden = await c.people.editor.send('POST', `/api/comments/${id}/hide`, why)
    expect(hidden.status).toBe(200)
    expect((await c.people.reviewer.send('POST', `/api/comments/${id}/restore`)).status).toBe(403)
    expect((await c.visitor().send('POST', `/api/comments/${id}/restore`)).status).toBe(401)
    expect((await c.people.editor.send('POST', `/api/comments/${id}/restore`)).status).toBe(200)
  })

  it('says false once an editor’s role on the guide is taken down to reviewer', async () => {
    const people = (await (await c.admin.request('/api/people')).json()) as {
      items: { id: string; email: string }[]
    }
    const ed = people.items.find((p) => p.email === 'ed@example.org')?.id ?? ''
    expect((await c.admin.send('PUT', `/api/guides/mm/roles/${ed}`, { role: 'reviewer' })).status).toBe(204)
    expect(await mayModerate(c.people.editor)).toBe(false)
  })
})
