import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { loadConfig, type Config } from '../../src/config.ts'
import { jobHandlers } from '../../src/jobs.ts'
import { sweepNotices } from '../../src/mail/mail-sweep.service.ts'
import { MAIL_NOTICES } from '../../src/mail/notice-mail.service.ts'
import { claimJobs } from '../../src/platform/queue/job.repository.ts'
import { QueueWorker } from '../../src/platform/queue/queue-worker.service.ts'
import { consultation, type Consultation } from '../support/consultation.ts'
import { databaseKind } from '../support/database.ts'
import { TestMailServer, type ReceivedMail } from '../support/mail-server.ts'
import type { Client } from '../support/session.ts'

/**
 * SPEC journey 9: a reviewer follows the paragraph they commented on and, when the next edition changes
 * it, gets one notice, on the site and by email, with the paragraph's redline and the editors' decision
 * on their comments: as released, never a draft the editors keep among themselves.
 */

const ORIGIN = 'http://gloss.test'
const HOUR = 60 * 60_000
const GUIDE = '# Bins\n\nBins go out on Monday mornings.\n\nGarden waste needs a permit.\n'
const REVISED = '# Bins\n\nBins go out on Tuesday mornings.\n\nGarden waste needs a permit.\n'
const RESPONSE = 'Collections move to Tuesdays from April.'
const DRAFT_RESPONSE = 'Still weighing this one among ourselves.'
const REDLINE = [
  { text: 'Bins go out on ' },
  { text: 'Monday', change: 'del' },
  { text: 'Tuesday', change: 'ins' },
  { text: ' mornings.' },
]

interface Notice {
  id: string
  type: string
  createdAt: string
  readAt: string | null
  text: string
  redline?: { text: string; change?: string }[]
  comments?: { commentId: string; blockNumber: string | null; decision?: string; response?: string }[]
}

let mailServer: TestMailServer
let c: Consultation<'rita' | 'bob'>
let config: Config
const ids = { released: '', draft: '', bobs: '' }

beforeAll(async () => {
  mailServer = await new TestMailServer().start()
})
afterAll(async () => {
  await mailServer.stop()
})

beforeEach(async () => {
  mailServer.received.length = 0
  const mail = { smtpUrl: mailServer.url, from: 'Gloss <gloss@gloss.test>', digestHour: 8 }
  config = {
    ...loadConfig({}),
    publicUrl: ORIGIN,
    mail,
    rateLimits: { ...loadConfig({}).rateLimits, enabled: false },
  }
  c = await consultation({
    config: { publicUrl: ORIGIN, mail, rateLimits: { enabled: false } },
    guides: [{ slug: 'bins', markdown: GUIDE, state: 'open' }],
    people: {
      rita: { email: 'rita@example.org', name: 'Rita Reviewer' },
      bob: { email: 'bob@example.org', name: 'Bob Reviewer' },
    },
  })
  // Rita hears at once; Bob keeps the daily digest, and reads Welsh.
  await c.people.rita.expect(200, 'PUT', '/api/me/notification-settings', { email: 'immediate' })
  await c.people.bob.expect(200, 'PATCH', '/api/me', { language: 'cy' })
  ids.released = await c.post(c.people.rita, 'Bins go out', { body: 'Monday is too early for us.' })
  ids.draft = await c.post(c.people.rita, 'Bins go out', { body: 'What about bank holidays?' })
  ids.bobs = await c.post(c.people.bob, 'Bins go out', { body: 'Say which week.' })
  await c.admin.expect(200, 'PUT', `/api/comments/${ids.released}/decision`, {
    decision: 'accepted',
    response: RESPONSE,
  })
  await c.admin.expect(200, 'PUT', `/api/comments/${ids.bobs}/decision`, {
    decision: 'accepted',
    response: RESPONSE,
  })
  await c.admin.expect(200, 'PUT', `/api/comments/${ids.draft}/decision`, {
    decision: 'not-accepted',
    response: DRAFT_RESPONSE,
    draft: true,
  })
  await c.admin.expect(201, 'POST', '/api/guides/bins/editions', { markdown: REVISED })
  await c.admin.expect(200, 'POST', '/api/guides/bins/editions/1/transitions', { to: 'closed' })
  await c.admin.expect(200, 'POST', '/api/guides/bins/editions/2/transitions', { to: 'open' })
})
afterEach(async () => {
  await c.close()
})

/** Hands waiting notices to mail jobs as the sweep does at `now`, then runs every mail job due. */
async function deliver(now = new Date()) {
  if (!config.mail) throw new Error('mail is not set up')
  await sweepNotices(c.database.db, { config: config.mail, timeZone: config.timeZone }, now)
  const runner = new QueueWorker(c.database, jobHandlers(config, c.database), {
    backoff: { baseMs: 0, capMs: 0 },
  })
  for (;;) {
    const jobs = await claimJobs(c.database.db, runner.id, [MAIL_NOTICES], 10, HOUR)
    if (jobs.length === 0) break
    for (const job of jobs) await runner.handle(job)
  }
}

const revisedOf = async (who: Client) =>
  (await who.expect<{ items: Notice[] }>(200, 'GET', '/api/me/notifications')).items.filter(
    (n) => n.type === 'block.revised',
  )

const htmlOf = (message: ReceivedMail) => (typeof message.mail.html === 'string' ? message.mail.html : '')

describe(`a changed paragraph's notice carries its redline and the decisions on one's comments (${databaseKind})`, () => {
  it('gives the API the redline and each comment’s released decision, and never the draft', async () => {
    const [notice, ...more] = await revisedOf(c.people.rita)
    expect(more).toEqual([])
    expect(notice).toMatchObject({ type: 'block.revised', readAt: null })
    expect(notice?.id).toMatch(/^\d+$/)
    expect(notice?.text).toBe(
      // The accepted comment stays with its decision in edition 1: only the open one is now on paragraph 1.
      'Paragraph 1, which you follow, was edited in edition 2. Your comment on it is now on paragraph 1.',
    )
    expect(notice?.redline).toEqual(REDLINE)
    const byId = new Map(notice?.comments?.map((comment) => [comment.commentId, comment]))
    expect(byId.get(ids.released)).toMatchObject({
      carried: false,
      blockNumber: null,
      decision: 'accepted',
      response: RESPONSE,
    })
    // The draft stays among the editors: the comment shows as undecided, with no response.
    expect(byId.get(ids.draft)).toMatchObject({ decision: 'open', response: '' })
    expect(JSON.stringify(notice)).not.toContain(DRAFT_RESPONSE)
    expect(JSON.stringify(notice)).not.toContain('not-accepted')
  })

  it('shows the redline and the released decision on the notices page, and not the draft', async () => {
    const response = await c.people.rita.request('/me/notifications')
    expect(response.status).toBe(200)
    const page = await response.text()
    // Screen readers hear where each change starts and ends, in words the page hides from sight.
    expect(page).toContain(
      '<span class="visually-hidden redline-cue" lang="en"> [removed: </span><del>Monday</del><span class="visually-hidden redline-cue" lang="en">] </span><span class="visually-hidden redline-cue" lang="en"> [added: </span><ins>Tuesday</ins>',
    )
    expect(page).toContain('Changes to paragraph 1 from edition 1 to edition 2')
    expect(page).toContain('Your comment, decided and kept with edition 1: Accepted.')
    expect(page).toContain(`The editors’ response: ${RESPONSE}`)
    expect(page).toContain('Your comment, now on paragraph 1: Open (no decision yet).')
    expect(page).not.toContain(DRAFT_RESPONSE)
    expect(page).not.toContain('Not accepted')
  })

  it('mails the redline and the released decision at once, in HTML and text, with its one-click stop', async () => {
    await deliver()
    const message = mailServer.to('rita@example.org').find((m) => m.mail.subject?.includes('changed'))
    if (!message) throw new Error('no message about the change')
    const html = htmlOf(message)
    const text = message.mail.text ?? ''
    expect(html).toContain('<del>Monday</del><ins>Tuesday</ins>')
    expect(html).toContain(`The editors’ response: ${RESPONSE}`)
    expect(text).toContain('Bins go out on [-Monday-][+Tuesday+] mornings.')
    expect(text).toContain('Words in [-…-] were taken out, words in [+…+] put in.')
    expect(text).toContain('Your comment, decided and kept with edition 1: Accepted.')
    expect(text).toContain(`The editors’ response: ${RESPONSE}`)
    for (const part of [html, text]) {
      expect(part).not.toContain(DRAFT_RESPONSE)
      expect(part).not.toContain('Not accepted')
    }
    const head = (message.raw.split(/\r?\n\r?\n/)[0] ?? '').replace(/\r?\n[ \t]+/g, ' ')
    const link = /^List-Unsubscribe: <([^>]+)>/im.exec(head)?.[1] ?? ''
    expect(head).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/im)
    expect(link.startsWith(`${ORIGIN}/unsubscribe/`)).toBe(true)
    const clicked = await c.visitor().request(link.slice(ORIGIN.length), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    })
    expect(clicked.status).toBe(200)
    expect(await c.people.rita.expect(200, 'GET', '/api/me/notification-settings')).toEqual({ email: 'off' })
  })

  it('puts the redline and the decision in a digest, in the reader’s language', async () => {
    await deliver(new Date(Date.now() + 25 * HOUR))
    const [digest, ...more] = mailServer.to('bob@example.org')
    expect(more).toEqual([])
    if (!digest) throw new Error('no digest')
    const html = htmlOf(digest)
    const text = digest.mail.text ?? ''
    expect(html).toContain('<del>Monday</del><ins>Tuesday</ins>')
    expect(html).toContain('Newidiadau i baragraff 1 o argraffiad 1 i argraffiad 2')
    expect(text).toContain('  Bins go out on [-Monday-][+Tuesday+] mornings.')
    expect(text).toContain('  Eich sylw, a benderfynwyd ac a gadwyd gydag argraffiad 1: Derbyniwyd.')
    expect(text).toContain(`  Ymateb y golygyddion: ${RESPONSE}`)
  })
})
