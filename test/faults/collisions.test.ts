import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '../support/database.ts'
import { startGlossServer, type ServerProcess } from '../support/process.ts'
import { halfWritten } from './support/consistency.ts'
import type { Client } from '../support/session.ts'
import { invite, openConsultation, type Consultation } from './support/http-client.ts'
import { generatedGuide } from './support/large-guide.ts'

const ROUNDS = 5

interface Comment {
  id: string
  decision: { decision: string } | null
}

/** Sends both requests at the same moment and answers their statuses and bodies, in the order sent. */
const together = (...requests: Promise<Response>[]) =>
  Promise.all(
    requests.map(async (request) => {
      const response = await request
      return {
        status: response.status,
        type: response.headers.get('content-type') ?? '',
        body: await response.text(),
      }
    }),
  )

/**
 * Two real `gloss serve` processes on one database, each request of a pair sent to a different one. The
 * embedded database is one process's own (PGlite), so this runs in the PostgreSQL pass only.
 */
describe.runIf(process.env.DATABASE_URL)(
  'collisions between two server processes on one PostgreSQL database',
  () => {
    let folder: string
    let database: TestDatabase
    let a: ServerProcess
    let b: ServerProcess
    let consultation: Consultation
    let editor: Client
    const on = (server: ServerProcess, path: string) => `${server.url}/api${path}`

    beforeAll(async () => {
      folder = await mkdtemp(join(tmpdir(), 'gloss-collisions-'))
      database = await createTestDatabase()
      const env = {
        DATABASE_URL: database.url,
        DATA_DIR: join(folder, 'data'),
        CONTENT_DIR: join(folder, 'no-content'),
        RATE_LIMITS: 'off',
      }
      ;[a, b] = await Promise.all([startGlossServer(env), startGlossServer(env)])
      consultation = await openConsultation(a.url, generatedGuide(0, 20), 'shared')
      editor = await invite(b.url, consultation.admin, 'shared', 'editor', 'eddie@example.org')
    })
    afterAll(async () => {
      await Promise.all([a.stop(), b.stop()])
      await database.close()
      await rm(folder, { recursive: true, force: true })
    })

    it('stores one comment for one Idempotency-Key sent to both processes at once, and both answers name it', async () => {
      const { reviewer, keys } = consultation
      const thread = `/guides/shared/editions/1/blocks/${keys[2] ?? ''}/comments`
      for (let round = 0; round < ROUNDS; round++) {
        const key = `collision-${String(round)}`
        const body = { kind: 'comment', body: `Sent twice, round ${String(round)}.` }
        const answers = await together(
          reviewer.send('POST', on(a, thread), body, { 'idempotency-key': key }),
          reviewer.send('POST', on(b, thread), body, { 'idempotency-key': key }),
        )
        expect(answers.map((x) => x.status).sort()).toEqual([200, 201])
        const [first, second] = answers.map((x) => (JSON.parse(x.body) as Comment).id)
        expect(first).toBe(second)
        const { rows } = await sql<{ count: number }>`
        select count(*)::int as count from comments where idempotency_key = ${key}`.execute(database.db)
        expect(rows[0]?.count).toBe(1)
      }
    })

    it('takes one of two decisions made on one comment with the same If-Match, the other answered 412', async () => {
      const { admin, reviewer, keys } = consultation
      const thread = `/guides/shared/editions/1/blocks/${keys[4] ?? ''}/comments`
      for (let round = 0; round < ROUNDS; round++) {
        const posted = await reviewer.expect<Comment>(201, 'POST', on(a, thread), {
          kind: 'comment',
          body: `To be decided, round ${String(round)}.`,
        })
        const etag = (await admin.request(on(b, `/comments/${posted.id}`))).headers.get('etag') ?? ''
        expect(etag).not.toBe('')
        const decide = (client: Client, server: ServerProcess, decision: string) =>
          client.send(
            'PUT',
            on(server, `/comments/${posted.id}/decision`),
            { decision, response: '' },
            {
              'if-match': etag,
            },
          )
        const answers = await together(decide(admin, a, 'accepted'), decide(editor, b, 'not-accepted'))
        expect(answers.map((x) => x.status).sort()).toEqual([200, 412])
        const loser = answers.find((x) => x.status === 412)
        expect(loser?.type).toMatch(/^application\/problem\+json/)
        const winner = answers.findIndex((x) => x.status === 200) === 0 ? 'accepted' : 'not-accepted'
        const now = await admin.expect<Comment>(200, 'GET', on(a, `/comments/${posted.id}`))
        expect(now.decision?.decision).toBe(winner)
      }
    })

    it('lets one of two editors creating the next edition at once win, the other answered 409', async () => {
      const { admin } = consultation
      for (let round = 0; round < ROUNDS; round++) {
        const newest = round + 1
        // The editor's page sends the edition it revised; the last round leaves it out, so only the
        // database's unique (guide, number) can tell the two apart.
        const base = round < ROUNDS - 1 ? { base: newest } : {}
        const revise = (client: Client, server: ServerProcess, who: string) =>
          client.send('POST', on(server, '/guides/shared/editions'), {
            markdown: `${generatedGuide(((round + 1) % 2) as 0 | 1, 20)}\nRevised by ${who} in round ${String(round)}.\n`,
            ...base,
          })
        const answers = await together(revise(admin, a, 'Admin'), revise(editor, b, 'Eddie'))
        expect(answers.map((x) => x.status).sort()).toEqual([201, 409])
        expect(answers.find((x) => x.status === 409)?.type).toMatch(/^application\/problem\+json/)
        const guide = await admin.expect<{ editions: { number: number }[] }>(
          200,
          'GET',
          on(b, '/guides/shared'),
        )
        expect(guide.editions.map((e) => e.number)).toEqual(
          Array.from({ length: newest + 1 }, (_, i) => i + 1),
        )
      }
      expect(await halfWritten(database.db)).toEqual([])
    })
  },
)
