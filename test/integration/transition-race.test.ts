import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { consultation, type Consultation } from '../support/consultation.ts'
import type { Client } from '../support/session.ts'

const EDITION_1 = '# Parks\n\nDogs on leads near the play area.\n'
const EDITION_2 = '# Parks and gardens\n\nDogs on leads near the play area and the rose beds.\n'

/**
 * Two editors move the same draft edition at once. The second is refused (409) because the first moved
 * it while the second waited for the guide's lock; that refusal must change nothing, including the
 * guide's title, which an edition leaving draft with a revised title would otherwise take. Only on
 * PostgreSQL can the test hold the lock from a second connection while the request waits for it.
 */
describe.runIf(process.env.DATABASE_URL)('an edition moved by someone else meanwhile (postgres)', () => {
  let c: Consultation<'ed'>
  let ed: Client

  beforeAll(async () => {
    c = await consultation({
      config: { rateLimits: { enabled: false } },
      guides: [{ slug: 'parks', markdown: EDITION_1, state: 'open' }],
      people: { ed: { email: 'ed@example.org', name: 'Ed Editor', role: 'editor' } },
    })
    ed = c.people.ed
    await ed.expect(201, 'POST', '/api/guides/parks/editions', { markdown: EDITION_2 })
  })
  afterAll(async () => {
    await c.close()
  })

  const waitingForLock = async () => {
    for (let i = 0; i < 200; i++) {
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`.execute(
        c.database.db,
      )
      if ((rows[0]?.n ?? 0) > 0) return
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
    throw new Error('The transition never waited for the guide lock.')
  }

  it('is refused and leaves the title an editor chose meanwhile', async () => {
    const db = c.database.db
    let answer: Promise<Response> | undefined
    await db.transaction().execute(async (trx) => {
      await trx.selectFrom('guides').select('id').where('slug', '=', 'parks').forUpdate().execute()
      answer = ed.send('POST', '/api/guides/parks/editions/2/transitions', { to: 'open' })
      await waitingForLock()
      // Meanwhile another editor opened edition 2, then chose the guide's title in its settings.
      const guide = await trx
        .selectFrom('guides')
        .select('id')
        .where('slug', '=', 'parks')
        .executeTakeFirstOrThrow()
      await trx
        .updateTable('editions')
        .set({ state: 'open', opensAt: new Date() })
        .where('guideId', '=', guide.id)
        .where('number', '=', 2)
        .execute()
      await trx
        .updateTable('guides')
        .set({ title: 'Parks of the borough' })
        .where('id', '=', guide.id)
        .execute()
    })
    const refused = await answer
    expect(refused?.status).toBe(409)
    const guide = await db
      .selectFrom('guides')
      .select('title')
      .where('slug', '=', 'parks')
      .executeTakeFirstOrThrow()
    expect(guide.title).toBe('Parks of the borough')
  })
})
