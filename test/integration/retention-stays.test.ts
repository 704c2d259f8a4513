import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { consultation, type Consultation } from '../support/consultation.ts'
import { databaseKind } from '../support/database.ts'
import type { Client } from '../support/session.ts'
import { loadConfig } from '../../src/config.ts'
import { jobHandlers } from '../../src/jobs.ts'
import { RETENTION } from '../../src/privacy/retention.service.ts'
import { claimJobs } from '../../src/platform/queue/job.repository.ts'
import { enqueue } from '../../src/platform/queue/queue.service.ts'
import { QueueWorker, recurringKey } from '../../src/platform/queue/queue-worker.service.ts'

const GUIDE = '# Bins\n\nThe first paragraph, about bins.\n\nThe second paragraph, about parking.\n'
const SECOND =
  '# Bins\n\nThe first paragraph, about bins and boxes.\n\nThe second paragraph, about parking.\n'
const DAY = 86_400_000

interface CommentJson {
  id: string
  onBehalfOf: string | null
  author: { displayName: string }
}

describe(`privacy: retention, once applied, stays applied and reaches later consultations (${databaseKind})`, () => {
  let c: Consultation<'rita'>
  let rita: Client
  let firstId = ''
  const db = () => c.database.db
  const text = async (client: Client, path: string, init?: RequestInit) =>
    (await client.request(path, init)).text()
  const guideId = async () =>
    (await db().selectFrom('guides').select('id').where('slug', '=', 'bins').executeTakeFirstOrThrow()).id
  const applied = () =>
    db().selectFrom('auditLog').select('detail').where('action', '=', 'guide.retention-applied').execute()
  async function runJob() {
    const runner = new QueueWorker(c.database, jobHandlers(loadConfig({}), c.database))
    await enqueue(db(), [{ kind: RETENTION, key: recurringKey(RETENTION) }])
    await db()
      .updateTable('jobs')
      .set({ runAt: new Date() })
      .where('key', '=', recurringKey(RETENTION))
      .execute()
    for (const job of await claimJobs(db(), runner.id, [RETENTION], 10, 60_000)) await runner.handle(job)
  }

  beforeAll(async () => {
    c = await consultation({
      config: { rateLimits: { enabled: false } },
      guides: [{ slug: 'bins', markdown: GUIDE, state: 'open', names: 'full', editions: [SECOND] }],
      admin: { email: 'ed@example.org', name: 'Ed Editor' },
      people: { rita: { email: 'rita@example.org', name: 'Rita Reviewer' } },
    })
    ;({ rita } = c.people)
    const made = await rita.send('POST', `/api/guides/bins/editions/1/blocks/${c.guide.key(1)}/comments`, {
      kind: 'comment',
      body: 'Bins on Tuesdays, please',
      onBehalfOf: 'Friends of the Park',
    })
    expect(made.status).toBe(201)
    firstId = ((await made.json()) as CommentJson).id
    expect((await c.admin.send('PATCH', '/api/guides/bins/settings', { retentionDays: 30 })).status).toBe(200)
    expect(
      (await c.admin.send('POST', '/api/guides/bins/editions/1/transitions', { to: 'closed' })).status,
    ).toBe(200)
    await db()
      .updateTable('editions')
      .set({ opensAt: new Date(Date.now() - 130 * DAY), closesAt: new Date(Date.now() - 120 * DAY) })
      .where('guideId', '=', await guideId())
      .where('number', '=', 1)
      .execute()
    await runJob()
    expect(await applied()).toHaveLength(1)
    // Retention ran 60 days ago, as the daily job would have.
    await db()
      .updateTable('guides')
      .set({ retentionAppliedAt: new Date(Date.now() - 60 * DAY) })
      .where('slug', '=', 'bins')
      .execute()
  })
  afterAll(async () => {
    await c.close()
  })

  it('refuses full names again once retention has put pseudonyms in their place, on the API and the form, in either language', async () => {
    const refused = await c.admin.send('PATCH', '/api/guides/bins/settings', { names: 'full' })
    expect(refused.status).toBe(409)
    const problem = (await refused.json()) as { code: string; errors: { pointer: string; detail: string }[] }
    expect(problem.code).toBe('names-after-retention')
    expect(problem.errors.map((e) => e.pointer)).toEqual(['/names'])
    expect(problem.errors[0]?.detail).toContain('full names cannot be shown again')
    // The older yes/no says the same.
    expect((await c.admin.send('PATCH', '/api/guides/bins/settings', { namesPublic: true })).status).toBe(409)
    // The editor reads Gloss in Welsh.
    const speaks = (language: 'en' | 'cy') =>
      db().updateTable('people').set({ language }).where('email', '=', 'ed@example.org').execute()
    await speaks('cy')
    const welsh = await c.admin.send('PATCH', '/api/guides/bins/settings', { names: 'full' })
    expect(welsh.status).toBe(409)
    expect(await welsh.text()).toContain('ni ellir dangos enwau llawn eto')

    // The form without script offers pseudonyms or no names, and says why.
    const page = await text(c.admin, '/g/bins/settings')
    expect(page).not.toContain('value="full"')
    expect(page).toContain('Nid yw enwau llawn yn cael eu cynnig')
    const posted = await c.admin.request('/g/bins/settings', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        title: 'Bins',
        names: 'full',
        publishByDefault: 'true',
        moderation: 'post',
        retentionDays: '30',
      }),
    })
    expect(posted.status).toBe(409)
    expect(await posted.text()).toContain('ni ellir dangos enwau llawn eto')
    await speaks('en')

    // Nothing changed: the public reads the pseudonym, and the notice still says what was done.
    const json = (await (await c.visitor().request(`/api/comments/${firstId}`)).json()) as CommentJson
    expect(json.author.displayName).toBe('Reviewer 1')
    const notice = await text(c.visitor(), '/g/bins/privacy')
    expect(notice).toContain('This was done on')
    expect(notice).toContain('numbered pseudonym')
    // Pseudonyms or no names stay a choice.
    expect((await c.admin.send('PATCH', '/api/guides/bins/settings', { names: 'none' })).status).toBe(200)
    expect((await c.admin.send('PATCH', '/api/guides/bins/settings', { names: 'pseudonym' })).status).toBe(
      200,
    )
  })

  it('applies retention again to a later consultation once its own period has run out, once', async () => {
    expect(
      (await c.admin.send('POST', '/api/guides/bins/editions/2/transitions', { to: 'open' })).status,
    ).toBe(200)
    const later = await rita.send('POST', `/api/guides/bins/editions/2/blocks/${c.guide.key(1)}/comments`, {
      kind: 'comment',
      body: 'Boxes too, please',
      onBehalfOf: 'Residents of Elm Street',
    })
    expect(later.status).toBe(201)
    const laterId = ((await later.json()) as CommentJson).id
    // While edition 2 is open, and within its period, nothing is done and the notice does not say it was.
    await runJob()
    expect(await applied()).toHaveLength(1)
    expect(await text(c.visitor(), '/g/bins/privacy')).not.toContain('This was done on')
    expect(
      (await c.admin.send('POST', '/api/guides/bins/editions/2/transitions', { to: 'closed' })).status,
    ).toBe(200)
    await runJob()
    expect(await applied()).toHaveLength(1)
    expect(await text(c.visitor(), '/g/bins/privacy')).toContain('that will be done on')
    expect(await text(c.visitor(), `/api/comments/${laterId}`)).toContain('Residents of Elm Street')

    // Edition 2 closed 31 days ago: after retention last ran.
    await db()
      .updateTable('editions')
      .set({ opensAt: new Date(Date.now() - 40 * DAY), closesAt: new Date(Date.now() - 31 * DAY) })
      .where('guideId', '=', await guideId())
      .where('number', '=', 2)
      .execute()
    await runJob()
    const entries = await applied()
    expect(entries).toHaveLength(2)
    expect(entries[1]?.detail).toMatchObject({ organisationsCleared: 1 })
    const json = (await (await c.visitor().request(`/api/comments/${laterId}`)).json()) as CommentJson
    expect(json.onBehalfOf).toBeNull()
    expect(await text(c.visitor(), '/api/guides/bins/editions/2/feedback.csv')).not.toContain('Elm Street')
    expect(await text(c.visitor(), '/g/bins/privacy')).toContain('This was done on')
    // And again: nothing more to do, nothing more audited.
    await runJob()
    expect(await applied()).toHaveLength(2)
  })
})
