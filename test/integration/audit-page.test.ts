import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseKind, type TestDatabase } from '../support/database.ts'
import type { Client } from '../support/session.ts'
import { consultation, type Consultation } from '../support/consultation.ts'

const GUIDE = '# Audit\n\nThe only paragraph, for a comment to be hidden.\n'

/** The log as an admin reads it: sentences, with the tags taken out. */
const entries = (html: string) =>
  [...html.slice(html.indexOf('<ol class="audit-log">')).matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) =>
    (m[1] ?? '').replace(/<[^>]+>/g, '').replace(/\s+/g, ' '),
  )

describe(`the audit log reads as sentences (${databaseKind})`, () => {
  let world: Consultation<never>
  let database: TestDatabase
  let ada: Client

  beforeAll(async () => {
    world = await consultation({
      config: { rateLimits: { enabled: false } },
      guides: [{ slug: 'audit', markdown: GUIDE, state: 'open' }],
      admin: { email: 'ada@example.org', name: 'Ada' },
    })
    ;({ database, admin: ada } = world)
  })
  afterAll(async () => {
    await database.close()
  })

  it('says who hid whose comment, when in the instance’s zone, and why', async () => {
    const bea = await world.join({ email: 'bea@example.org', name: 'Bea' })
    const key = (
      (await (await ada.request('/api/guides/audit/editions/1')).json()) as { blocks: { key: string }[] }
    ).blocks[1]?.key
    const posted = await bea.send('POST', `/api/guides/audit/editions/1/blocks/${key ?? ''}/comments`, {
      kind: 'comment',
      body: 'Something a moderator will hide.',
    })
    expect(posted.status).toBe(201)
    const { id } = (await posted.json()) as { id: string }
    const hidden = await ada.send('POST', `/api/comments/${id}/hide`, {
      reasonCode: 'other',
      reason: 'It is about another guide',
    })
    expect(hidden.status).toBe(200)

    const html = await (await ada.request('/admin/audit')).text()
    const log = entries(html)
    expect(log[0]).toMatch(
      /^Ada hid a comment by Bea on \d{1,2} \w+ \d{4} at \d\d:\d\d (GMT|BST): It is about another guide\./,
    )
    expect(log.some((line) => line.startsWith('Bea joined as a reviewer on “audit” on '))).toBe(true)
    expect(log.some((line) => line.startsWith('Ada set up this instance on '))).toBe(true)
    // No raw action codes where a sentence is known.
    expect(html).not.toContain('comment.hidden')
    expect(html).not.toContain('instance.setup')
  })
})
