import { sql } from 'kysely'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { loadConfig, type Config } from '../../src/config.ts'
import { jobHandlers } from '../../src/jobs.ts'
import { sweepNotices } from '../../src/mail/mail-sweep.service.ts'
import { MAIL_NOTICES } from '../../src/mail/notice-mail.service.ts'
import { MAIL_INVITATION } from '../../src/mail/invitation-mail.service.ts'
import { testApp } from '../support/app.ts'
import { remindOfClosing } from '../../src/notifications/closing-reminder.service.ts'
import { claimJobs } from '../../src/platform/queue/job.repository.ts'
import { failures } from '../../src/platform/queue/queue.service.ts'
import { QueueWorker } from '../../src/platform/queue/queue-worker.service.ts'
import { consultation, type Consultation } from '../support/consultation.ts'
import { databaseKind } from '../support/database.ts'
import { TestMailServer, type ReceivedMail } from '../support/mail-server.ts'
import { PASSWORD, type Client } from '../support/session.ts'
import { englishLeftIn } from '../support/english-left.ts'

/**
 * Notices by email, sent through a real SMTP server on loopback: each kind of notice as its own message
 * (HTML and text, links that open the exact place, unsubscribe headers), digests, a mail server that
 * goes away and comes back, one-click unsubscribe, and the people never written to.
 */

const ORIGIN = 'http://gloss.test'
const HOUR = 60 * 60_000
const GUIDE = '# A guide\n\nThe first paragraph.\n\nThe second paragraph, with more words.\n'
const REVISED =
  '# A guide\n\nThe first paragraph, now said better.\n\nThe second paragraph, with more words.\n'

type People = 'rita' | 'bob'
let mailServer: TestMailServer
let c: Consultation<People>
let config: Config
let worker: QueueWorker | undefined

beforeAll(async () => {
  mailServer = await new TestMailServer().start()
})
afterAll(async () => {
  await mailServer.stop()
})

beforeEach(async () => {
  if (!mailServer.running) await mailServer.start()
  mailServer.received.length = 0
  mailServer.refused.clear()
  mailServer.full.clear()
  const mail = { smtpUrl: mailServer.url, from: 'Gloss <gloss@gloss.test>', digestHour: 8 }
  config = {
    ...loadConfig({}),
    publicUrl: ORIGIN,
    mail,
    rateLimits: { ...loadConfig({}).rateLimits, enabled: false },
  }
  c = await consultation({
    config: { publicUrl: ORIGIN, mail, rateLimits: { enabled: false } },
    guides: [{ slug: 'guide', markdown: GUIDE, state: 'open' }],
    people: {
      rita: { email: 'rita@example.org', name: 'Rita Reviewer' },
      bob: { email: 'bob@example.org', name: 'Bob Reviewer' },
    },
  })
})
afterEach(async () => {
  await worker?.stop()
  worker = undefined
  await c.close()
})

const choose = (who: Client, email: string) =>
  who.expect(200, 'PUT', '/api/me/notification-settings', { email })

/** Hands waiting notices to mail jobs as the sweep does at `now`, then runs every mail job due. */
async function deliver(now = new Date()) {
  if (!config.mail) throw new Error('mail is not set up')
  await sweepNotices(c.database.db, { config: config.mail, timeZone: config.timeZone }, now)
  const runner = new QueueWorker(c.database, jobHandlers(config, c.database), {
    backoff: { baseMs: 0, capMs: 0 },
  })
  for (;;) {
    const jobs = await claimJobs(c.database.db, runner.id, [MAIL_NOTICES, MAIL_INVITATION], 10, HOUR)
    if (jobs.length === 0) break
    for (const job of jobs) await runner.handle(job)
  }
}

/** Like deliver(), but tries each mail job once: one that fails waits for its next attempt. */
async function tryOnce(now = new Date()) {
  if (!config.mail) throw new Error('mail is not set up')
  await sweepNotices(c.database.db, { config: config.mail, timeZone: config.timeZone }, now)
  const runner = new QueueWorker(c.database, jobHandlers(config, c.database))
  const jobs = await claimJobs(c.database.db, runner.id, [MAIL_NOTICES, MAIL_INVITATION], 10, HOUR)
  for (const job of jobs) await runner.handle(job)
}

/** The one link of a notice message, as a path on the site. */
function linkOf(message: ReceivedMail): string {
  const text = message.mail.text ?? ''
  const url = new RegExp(`${ORIGIN}(/[^\\s]+)`).exec(text.split('-- ')[0] ?? '')?.[1]
  if (!url) throw new Error(`no link in:\n${text}`)
  return url
}

/** A header as sent (mailparser turns the List-* ones into objects of its own). */
function header(message: ReceivedMail | undefined, name: string): string {
  const head = (message?.raw ?? '').split(/\r?\n\r?\n/)[0]?.replace(/\r?\n[ \t]+/g, ' ') ?? ''
  return new RegExp(`^${name}: (.*)$`, 'im').exec(head)?.[1]?.trim() ?? ''
}

function expectWellFormed(message: ReceivedMail) {
  expect(header(message, 'List-Unsubscribe')).toMatch(
    new RegExp(`^<${ORIGIN}/unsubscribe/\\d+\\.[\\w-]{43}>$`),
  )
  expect(header(message, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click')
  expect(message.mail.messageId).toMatch(/^<gloss\.mail\.\d+\.[0-9a-z]+@gloss\.test>$/)
  expect(message.mail.html).toContain(`href="${ORIGIN}${linkOf(message)}"`)
  expect(message.mail.from?.value).toEqual([{ name: 'Gloss', address: 'gloss@gloss.test' }])
}

describe(`notices by email (${databaseKind})`, () => {
  it('sends a reply at once to someone who asked for that, with a link to the reply in its thread', async () => {
    await choose(c.people.rita, 'immediate')
    const mine = await c.post(c.people.rita, 'The first', { body: 'This is unclear.' })
    await c.post(c.people.bob, 'The first', {
      body: 'I agree, it needs an example.',
      parentId: mine,
    } as never)
    await deliver()
    const [message, ...more] = mailServer.to('rita@example.org')
    expect(more).toEqual([])
    if (!message) throw new Error('no message')
    expect(message.mail.subject).toBe('A reply on A guide')
    expect(message.mail.text).toContain('Someone replied to your comment on paragraph 1 of edition 1.')
    expectWellFormed(message)
    const thread = await c.people.rita.request(linkOf(message))
    expect(thread.status).toBe(200)
    expect(await thread.text()).toContain('I agree, it needs an example.')
  })

  it('writes to a Welsh speaker in Welsh, the HTML and the text, with the same exact link', async () => {
    await c.people.rita.expect(200, 'PATCH', '/api/me', { language: 'cy' })
    await choose(c.people.rita, 'immediate')
    const mine = await c.post(c.people.rita, 'The first', { body: 'This is unclear.' })
    await c.post(c.people.bob, 'The first', { body: 'Needs an example.', parentId: mine } as never)
    await deliver()
    const [message] = mailServer.to('rita@example.org')
    if (!message) throw new Error('no message')
    expect(message.mail.subject).toBe('Ateb ar A guide')
    const text = message.mail.text ?? ''
    const html = typeof message.mail.html === 'string' ? message.mail.html : ''
    expect(text).toContain('Atebodd rhywun eich sylw ar baragraff 1 yn argraffiad 1.')
    expect(text).toContain('Darllen yr ateb: http://gloss.test/')
    expect(text).toContain('Atal y negeseuon e-bost hyn: http://gloss.test/unsubscribe/')
    expect(html).toContain('<html lang="cy">')
    expect(html).toContain('Atebodd rhywun eich sylw ar baragraff 1 yn argraffiad 1.')
    expect(html).toMatch(
      /<a href="http:\/\/gloss\.test\/unsubscribe\/[^"]+">atal y negeseuon e-bost hyn<\/a>/,
    )
    expect(englishLeftIn(html)).toEqual([])
    expect(englishLeftIn(text)).toEqual([])
    expectWellFormed(message)
    // Bob never chose, and reads his in English.
    await choose(c.people.bob, 'immediate')
    await c.post(c.people.rita, 'The first', { body: 'Diolch.', parentId: mine } as never)
    await deliver()
    const [toBob] = mailServer.to('bob@example.org')
    expect(toBob?.mail.subject).toBe('A reply on A guide')
    expect(toBob?.mail.text).toContain(
      'Someone replied in a thread you replied in on paragraph 1 of edition 1.',
    )
  })

  it('tells a commenter of the decision on their comment, linking to it', async () => {
    await choose(c.people.rita, 'immediate')
    const mine = await c.post(c.people.rita, 'The first', { body: 'Please define "councillor".' })
    await c.admin.expect(200, 'PUT', `/api/comments/${mine}/decision`, {
      decision: 'accepted',
      response: 'We have added a definition.',
    })
    await deliver()
    const [message] = mailServer.to('rita@example.org')
    if (!message) throw new Error('no message')
    expect(message.mail.subject).toBe('A decision on your comment on A guide')
    expect(message.mail.text).toMatch(
      /The editors decided on your comment on paragraph 1 of edition 1: Accepted/,
    )
    expectWellFormed(message)
    expect((await c.people.rita.request(linkOf(message))).status).toBe(200)
  })

  it('tells a follower that their paragraph changed in the next edition, linking to its redline', async () => {
    await choose(c.people.rita, 'immediate')
    await c.post(c.people.rita, 'The first', { body: 'Say this better.' })
    await c.admin.expect(201, 'POST', '/api/guides/guide/editions', { markdown: REVISED })
    await c.admin.expect(200, 'POST', '/api/guides/guide/editions/1/transitions', { to: 'closed' })
    await c.admin.expect(200, 'POST', '/api/guides/guide/editions/2/transitions', { to: 'open' })
    await deliver()
    const revised = mailServer.to('rita@example.org').find((m) => m.mail.subject?.includes('changed'))
    if (!revised)
      throw new Error(
        `no message about the change: ${mailServer
          .to('rita@example.org')
          .map((m) => m.mail.subject)
          .join(', ')}`,
      )
    expect(revised.mail.subject).toBe('A paragraph you follow in A guide changed')
    expect(revised.mail.text).toContain('Paragraph 1, which you follow, was edited in edition 2.')
    expectWellFormed(revised)
    const redline = await c.visitor().request(linkOf(revised))
    expect(redline.status).toBe(200)
    expect(await redline.text()).toContain('said better')
  })

  it('tells the guide’s people it opened, and reminds them a day before it closes', async () => {
    await c.admin.expect(201, 'POST', '/api/guides/guide/editions', { markdown: REVISED })
    await c.admin.expect(200, 'POST', '/api/guides/guide/editions/1/transitions', { to: 'closed' })
    await choose(c.people.rita, 'immediate')
    const closesAt = new Date(Date.now() + 20 * HOUR).toISOString()
    await c.admin.expect(200, 'POST', '/api/guides/guide/editions/2/transitions', { to: 'open', closesAt })
    await deliver()
    const opened = mailServer
      .to('rita@example.org')
      .find((m) => m.mail.subject === 'A guide is open for comments')
    if (!opened) throw new Error('no message about the opening')
    expect(opened.mail.text).toContain('Edition 2 is open for comments.')
    expectWellFormed(opened)
    expect((await c.people.rita.request(linkOf(opened))).status).toBe(200)

    expect(await remindOfClosing(c.database.db)).toBeGreaterThan(0)
    expect(await remindOfClosing(c.database.db)).toBe(0)
    await deliver()
    const closing = mailServer.to('rita@example.org').filter((m) => m.mail.subject?.includes('close'))
    expect(closing.map((m) => m.mail.subject)).toEqual(['A guide: comments close within a day'])
    expect(closing[0]?.mail.text).toContain('The consultation on edition 2 closes within a day.')
    expectWellFormed(closing[0] as ReceivedMail)
  })

  it('tells someone who commented that the guide is published, linking to the published edition', async () => {
    await choose(c.people.rita, 'immediate')
    await choose(c.admin, 'immediate')
    await c.post(c.people.rita, 'The first', { body: 'Looking forward to it.' })
    await c.admin.expect(200, 'POST', '/api/guides/guide/editions/1/transitions', { to: 'closed' })
    await c.admin.expect(200, 'POST', '/api/guides/guide/editions/1/transitions', { to: 'published' })
    await deliver()
    const published = mailServer
      .to('rita@example.org')
      .filter((m) => m.mail.subject === 'A guide is published')
    expect(published).toHaveLength(1)
    const [message] = published as [ReceivedMail]
    expect(message.mail.text).toContain('Edition 1 is published.')
    expectWellFormed(message)
    expect(linkOf(message)).toBe('/g/guide/1')
    const page = await c.visitor().request(linkOf(message))
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('The first paragraph.')
    // The publisher, though they asked for every notice at once, is not told of their own act.
    expect(mailServer.to('admin@example.org').map((m) => m.mail.subject)).not.toContain(
      'A guide is published',
    )
  })

  it('bundles everything since the last digest into one message at the digest hour', async () => {
    // Rita keeps the default: a daily digest.
    const mine = await c.post(c.people.rita, 'The first', { body: 'First thought.' })
    await c.post(c.people.bob, 'The first', { body: 'Reply one.', parentId: mine } as never)
    await c.post(c.people.bob, 'The first', { body: 'Reply two.', parentId: mine } as never)
    await deliver()
    expect(mailServer.to('rita@example.org')).toEqual([])

    const tomorrow = new Date(Date.now() + 25 * HOUR)
    await deliver(tomorrow)
    await deliver(tomorrow)
    const [digest, ...more] = mailServer.to('rita@example.org')
    expect(more).toEqual([])
    expect(digest?.mail.subject).toBe('Gloss: 2 notices since yesterday')
    expect(digest?.mail.text?.match(/Someone replied to your comment/g)).toHaveLength(2)
    expect(digest?.mail.text).toContain('A guide')

    await c.post(c.people.bob, 'The first', { body: 'Reply three.', parentId: mine } as never)
    await deliver(tomorrow)
    expect(mailServer.to('rita@example.org')).toHaveLength(1)
    await deliver(new Date(Date.now() + 49 * HOUR))
    const second = mailServer.to('rita@example.org')[1]
    expect(second?.mail.subject).toBe('Gloss: 1 notice since yesterday')
    expect(second?.mail.messageId).not.toBe(digest?.mail.messageId)
  })

  it('leaves out of a digest a reply hidden before the digest goes, as the notices page does', async () => {
    const mine = await c.post(c.people.rita, 'The first', { body: 'First thought.' })
    await c.post(c.people.bob, 'The first', { body: 'A fair reply.', parentId: mine } as never)
    const rude = await c.post(c.people.bob, 'The first', { body: 'A rude reply.', parentId: mine } as never)
    await c.admin.expect(200, 'POST', `/api/comments/${rude}/hide`, {
      reason: 'Abuse.',
      reasonCode: 'abusive',
    })

    await deliver(new Date(Date.now() + 25 * HOUR))
    const [digest, ...more] = mailServer.to('rita@example.org')
    expect(more).toEqual([])
    expect(digest?.mail.subject).toBe('Gloss: 1 notice since yesterday')
    expect(digest?.mail.text?.match(/Someone replied to your comment/g)).toHaveLength(1)
    // Each notice links to its reply by id: the fair one's link is there, the hidden one's is not.
    const linkTo = (id: string) => new RegExp(`#c${id}\\b`)
    expect(digest?.mail.text).toMatch(linkTo(String(Number(rude) - 1)))
    expect(digest?.mail.text).not.toMatch(linkTo(rude))
    const listed = await c.people.rita.expect(200, 'GET', '/api/me/notifications')
    expect(JSON.stringify(listed)).toMatch(linkTo(String(Number(rude) - 1)))
    expect(JSON.stringify(listed)).not.toMatch(linkTo(rude))
  })

  it('delivers everything exactly once when the mail server is down for a while and comes back', async () => {
    await choose(c.people.rita, 'immediate')
    const mine = await c.post(c.people.rita, 'The first', { body: 'Is anyone there?' })
    await mailServer.stop()
    worker = new QueueWorker(c.database, jobHandlers(config, c.database), {
      pollMs: 50,
      // Ten attempts over about ten seconds: the server is back long before they run out.
      backoff: { baseMs: 100, capMs: 2_000 },
    })
    await worker.start()
    for (const body of ['One.', 'Two.', 'Three.'])
      await c.post(c.people.bob, 'The first', { body, parentId: mine } as never)
    const failedOnce = async () =>
      Number(
        (
          await sql<{
            n: number
          }>`select count(*) as n from jobs where kind = ${MAIL_NOTICES} and attempts >= 2 and last_error is not null`.execute(
            c.database.db,
          )
        ).rows[0]?.n,
      ) === 3
    while (!(await failedOnce())) await new Promise((resolve) => setTimeout(resolve, 50))
    await mailServer.start()
    const done = async () =>
      Number(
        (
          await sql<{
            n: number
          }>`select count(*) as n from jobs where kind = ${MAIL_NOTICES} and finished_at is not null`.execute(
            c.database.db,
          )
        ).rows[0]?.n,
      ) === 3
    while (!(await done())) await new Promise((resolve) => setTimeout(resolve, 50))
    const received = mailServer.to('rita@example.org')
    expect(received).toHaveLength(3)
    expect(new Set(received.map((m) => m.mail.messageId)).size).toBe(3)
    expect(
      (
        await sql<{ n: number }>`select count(*) as n from notices where mail_state = 'sent'`.execute(
          c.database.db,
        )
      ).rows[0]?.n,
    ).toBe(3)
  })

  it('sends an invitation link to each address given, and refuses to where there is no mail server', async () => {
    const made = await c.admin.expect<{ url: string; emailed: string[] }>(
      201,
      'POST',
      '/api/guides/guide/invitations',
      {
        role: 'reviewer',
        emails: ['new@example.org', 'Other@Example.org'],
      },
    )
    expect(made.emailed).toEqual(['new@example.org', 'other@example.org'])
    await deliver()
    for (const address of ['new@example.org', 'other@example.org']) {
      const [message, ...more] = mailServer.to(address)
      expect(more).toEqual([])
      // Nobody knows their language: Welsh and English both, Welsh first.
      expect(message?.mail.subject).toBe('Gwahoddiad i A guide / An invitation to A guide')
      expect(message?.mail.text).toContain(
        'Admin invites you to take part in A guide on Gloss, as a reviewer.',
      )
      expect(message?.mail.text).toContain('Mae Admin yn eich gwahodd i gymryd rhan yn A guide ar Gloss')
      expect(message?.mail.html).toContain('<div lang="en">')
      expect(message?.mail.text).toContain(made.url)
      expect(message?.mail.html).toContain(`href="${made.url}"`)
    }
    const offer = await c.visitor().request(made.url.slice(ORIGIN.length))
    expect(offer.status).toBe(200)
    // Sent, the link is not kept in the queue (nor, so, on the admins' page or in an instance file).
    const jobs = await c.database.db
      .selectFrom('jobs')
      .select(['payload', 'finishedAt'])
      .where('kind', '=', MAIL_INVITATION)
      .execute()
    expect(jobs).toHaveLength(2)
    for (const job of jobs) {
      expect(job.finishedAt).not.toBeNull()
      expect(JSON.stringify(job.payload)).not.toContain(made.url)
      expect(job.payload).toMatchObject({ guideTitle: 'A guide' })
    }

    // Not in the language the inviter happens to use: an English reader invited by a Welsh-speaking
    // editor reads English, a stranger both; from the API and from the invitations page's form alike.
    await c.people.rita.expect(200, 'PATCH', '/api/me', { language: 'en' })
    await c.admin.expect(200, 'PATCH', '/api/me', { language: 'cy' })
    await c.admin.expect(201, 'POST', '/api/guides/guide/invitations', {
      role: 'editor',
      emails: ['cymraeg@example.org', 'rita@example.org'],
    })
    const byForm = await c.admin.request('/g/guide/invitations', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ role: 'reviewer', emails: 'ffurflen@example.org', note: '' }).toString(),
    })
    expect(byForm.status).toBeLessThan(400)
    await deliver()
    expect(mailServer.to('cymraeg@example.org').map((m) => m.mail.subject)).toEqual([
      'Gwahoddiad i A guide / An invitation to A guide',
    ])
    expect(mailServer.to('cymraeg@example.org')[0]?.mail.text).toContain(
      'Mae Admin yn eich gwahodd i gymryd rhan yn A guide ar Gloss, fel golygydd.',
    )
    expect(mailServer.to('rita@example.org').map((m) => m.mail.subject)).toEqual(['An invitation to A guide'])
    expect(mailServer.to('rita@example.org')[0]?.mail.text).not.toContain('Mae Admin')
    expect(mailServer.to('ffurflen@example.org').map((m) => m.mail.subject)).toEqual([
      'Gwahoddiad i A guide / An invitation to A guide',
    ])
    await c.admin.expect(200, 'PATCH', '/api/me', { language: 'en' })

    // The invitations page offers the addresses box only where mail is set up.
    const page = await c.admin.request('/g/guide/invitations')
    expect(await page.text()).toContain('name="emails"')
    const withoutMail = await testApp(c.database, { publicUrl: ORIGIN })
    const refused = await withoutMail.request('/api/guides/guide/invitations', {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: c.admin.cookie },
      body: JSON.stringify({ role: 'reviewer', emails: ['x@example.org'] }),
    })
    expect(refused.status).toBe(422)
    expect(((await refused.json()) as { errors: { pointer: string }[] }).errors[0]?.pointer).toBe('/emails')
  })

  it('lets a person choose how notices reach them with a form that works without JavaScript', async () => {
    const rita = c.people.rita
    expect(await rita.expect(200, 'GET', '/api/me/notification-settings')).toEqual({ email: 'daily' })
    const form = await rita.request('/me/notifications')
    expect(await form.text()).toMatch(
      /<input type="radio" id="email-choice-daily" name="email" value="daily" checked/,
    )
    const saved = await rita.request('/me/notifications/email', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'email=weekly',
    })
    expect(saved.status).toBe(303)
    expect(await rita.expect(200, 'GET', '/api/me/notification-settings')).toEqual({ email: 'weekly' })
    expect(await (await rita.request(saved.headers.get('location') ?? '')).text()).toContain(
      'Your email choice is saved.',
    )
  })

  it('stops mail when the unsubscribe link is followed, without signing in', async () => {
    await choose(c.people.rita, 'immediate')
    const mine = await c.post(c.people.rita, 'The first', { body: 'Mail me.' })
    await c.post(c.people.bob, 'The first', { body: 'A reply.', parentId: mine } as never)
    await deliver()
    const [message] = mailServer.to('rita@example.org')
    const link = /<([^>]+)>/.exec(header(message, 'List-Unsubscribe'))?.[1] ?? ''
    const path = link.slice(ORIGIN.length)
    const visitor = c.visitor()
    const confirm = await visitor.request(path)
    expect(confirm.status).toBe(200)
    expect(await confirm.text()).toContain(`<form method="post" action="${path}"`)
    // A mail program's one-click unsubscribe (RFC 8058): a POST with nothing but this body.
    const clicked = await visitor.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    })
    expect(clicked.status).toBe(200)
    expect(await c.people.rita.expect(200, 'GET', '/api/me/notification-settings')).toEqual({ email: 'off' })
    expect((await visitor.request(`${path.slice(0, -3)}abc`)).status).toBe(404)

    await c.post(c.people.bob, 'The first', { body: 'Another reply.', parentId: mine } as never)
    await deliver()
    expect(mailServer.to('rita@example.org')).toHaveLength(1)
  })

  it('sends nothing to an erased account, nor again to an address that was refused for good', async () => {
    await choose(c.people.rita, 'immediate')
    await choose(c.people.bob, 'immediate')
    const ritas = await c.post(c.people.rita, 'The first', { body: 'Rita here.' })
    const bobs = await c.post(c.people.bob, 'The first', { body: 'Bob here.' })
    await c.post(c.admin, 'The first', { body: 'To Rita.', parentId: ritas } as never)
    await c.people.rita.expect(204, 'POST', '/api/me/erase', { password: PASSWORD })
    mailServer.refused.add('bob@example.org')
    await c.post(c.admin, 'The first', { body: 'To Bob.', parentId: bobs } as never)
    await deliver()
    expect(mailServer.received).toEqual([])
    const bounced = await sql<{ address: string }>`select address from mail_bounces`.execute(c.database.db)
    expect(bounced.rows).toEqual([{ address: 'bob@example.org' }])

    mailServer.refused.clear()
    await c.post(c.admin, 'The first', { body: 'To Bob again.', parentId: bobs } as never)
    await deliver()
    expect(mailServer.received).toEqual([])
  })

  it('records an address refused for good as a bounce and the job as done, not as work given up on', async () => {
    await choose(c.people.bob, 'immediate')
    const bobs = await c.post(c.people.bob, 'The first', { body: 'Bob here.' })
    mailServer.refused.add('bob@example.org')
    await c.post(c.admin, 'The first', { body: 'To Bob.', parentId: bobs } as never)
    await deliver()
    const jobs = await c.database.db
      .selectFrom('jobs')
      .select(['finishedAt', 'failedAt'])
      .where('kind', '=', MAIL_NOTICES)
      .execute()
    expect(jobs).toHaveLength(1)
    expect(jobs[0]?.failedAt).toBeNull()
    expect(jobs[0]?.finishedAt).not.toBeNull()
    expect(await failures(c.database.db)).toEqual([])
    const bounced = await sql<{ address: string }>`select address from mail_bounces`.execute(c.database.db)
    expect(bounced.rows).toEqual([{ address: 'bob@example.org' }])
    // An invitation to an address that does not exist is the same: a bounce, not a failure.
    mailServer.refused.add('nobody@example.org')
    await c.admin.expect(201, 'POST', '/api/guides/guide/invitations', {
      role: 'reviewer',
      emails: ['nobody@example.org'],
    })
    await deliver()
    expect(await failures(c.database.db)).toEqual([])
    const all = await sql<{ address: string }>`select address from mail_bounces order by address`.execute(
      c.database.db,
    )
    expect(all.rows.map((r) => r.address)).toEqual(['bob@example.org', 'nobody@example.org'])
  })

  it('takes a full mailbox for a wait, not a bounce: the message goes once there is room', async () => {
    await choose(c.people.bob, 'immediate')
    const bobs = await c.post(c.people.bob, 'The first', { body: 'Bob here.' })
    mailServer.full.add('bob@example.org')
    await c.post(c.admin, 'The first', { body: 'To Bob.', parentId: bobs } as never)
    await tryOnce()
    expect(mailServer.to('bob@example.org')).toEqual([])
    expect((await sql`select address from mail_bounces`.execute(c.database.db)).rows).toEqual([])
    const [waiting] = await c.database.db
      .selectFrom('jobs')
      .select(['finishedAt', 'failedAt', 'attempts', 'lastError'])
      .where('kind', '=', MAIL_NOTICES)
      .execute()
    expect(waiting?.failedAt).toBeNull()
    expect(waiting?.finishedAt).toBeNull()
    expect(waiting?.lastError).toMatch(/Mailbox full/)
    mailServer.full.clear()
    await sql`update jobs set run_at = now() where kind = ${MAIL_NOTICES}`.execute(c.database.db)
    await deliver()
    expect(mailServer.to('bob@example.org').map((m) => m.mail.subject)).toEqual(['A reply on A guide'])
  })

  it('gives each message a Message-ID of its own even after the database is restored from a backup', async () => {
    await choose(c.people.rita, 'immediate')
    const mine = await c.post(c.people.rita, 'The first', { body: 'Mail me.' })
    await c.post(c.people.bob, 'The first', { body: 'First reply.', parentId: mine } as never)
    await deliver()
    const [first] = mailServer.to('rita@example.org')
    const job = await c.database.db
      .selectFrom('jobs')
      .select('id')
      .where('kind', '=', MAIL_NOTICES)
      .executeTakeFirstOrThrow()
    // The backup was taken before that job: restored, the job is gone and its id is handed out again.
    await sql`delete from jobs where id >= ${job.id}`.execute(c.database.db)
    await sql`select setval(pg_get_serial_sequence('jobs', 'id'), ${job.id}, false)`.execute(c.database.db)
    await new Promise((resolve) => setTimeout(resolve, 5))
    await c.post(c.people.bob, 'The first', { body: 'Second reply.', parentId: mine } as never)
    await deliver()
    const again = await c.database.db
      .selectFrom('jobs')
      .select('id')
      .where('kind', '=', MAIL_NOTICES)
      .executeTakeFirstOrThrow()
    expect(String(again.id)).toBe(String(job.id))
    const [, second] = mailServer.to('rita@example.org')
    expect(second?.mail.text).toContain('Someone replied')
    expect(second?.mail.messageId).toMatch(/^<gloss\.mail\.\d+\.[0-9a-z]+@gloss\.test>$/)
    expect(second?.mail.messageId).not.toBe(first?.mail.messageId)
  })

  it('takes one-click unsubscribe from a mail provider, whatever Origin it posts from, and nothing else', async () => {
    await c.people.rita.expect(200, 'PATCH', '/api/me', { language: 'cy' })
    await choose(c.people.rita, 'immediate')
    const mine = await c.post(c.people.rita, 'The first', { body: 'Mail me.' })
    await c.post(c.people.bob, 'The first', { body: 'A reply.', parentId: mine } as never)
    await deliver()
    const [message] = mailServer.to('rita@example.org')
    const path = (/<([^>]+)>/.exec(header(message, 'List-Unsubscribe'))?.[1] ?? '').slice(ORIGIN.length)
    expect(path).toMatch(/^\/unsubscribe\//)
    const visitor = c.visitor()
    // Opened from her Welsh message in a browser that asks for English: the page is in her language.
    const confirm = await visitor.request(path, { headers: { 'accept-language': 'en-GB' } })
    expect(await confirm.text()).toMatch(/<html lang="cy"/)
    const clicked = await visitor.request(path, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'https://mail.google.com',
        'sec-fetch-site': 'cross-site',
        'accept-language': 'en-GB',
      },
      body: 'List-Unsubscribe=One-Click',
    })
    expect(clicked.status).toBe(200)
    expect(await clicked.text()).toMatch(/<html lang="cy"/)
    expect(await c.people.rita.expect(200, 'GET', '/api/me/notification-settings')).toEqual({ email: 'off' })
    // Only that route: another site's POST anywhere else is still refused.
    const elsewhere = await c.people.rita.request('/me/notifications/email', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://mail.google.com' },
      body: 'email=immediate',
    })
    expect(elsewhere.status).toBe(403)
    const deeper = await visitor.request(`${path}/more`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://mail.google.com' },
      body: 'List-Unsubscribe=One-Click',
    })
    expect(deeper.status).toBe(403)
    expect(await c.people.rita.expect(200, 'GET', '/api/me/notification-settings')).toEqual({ email: 'off' })
  })

  it('reminds a digest reader that comments close within a day at once, not in a digest after the close', async () => {
    // Rita keeps the default daily digest; Bob a weekly one; the admin wants no mail.
    await choose(c.people.bob, 'weekly')
    await choose(c.admin, 'off')
    await c.post(c.people.rita, 'The first', { body: 'Taking part.' })
    await c.post(c.people.bob, 'The first', { body: 'Me too.' })
    await c.admin.expect(201, 'POST', '/api/guides/guide/editions', { markdown: REVISED })
    await c.admin.expect(200, 'POST', '/api/guides/guide/editions/1/transitions', { to: 'closed' })
    const closesAt = new Date(Date.now() + 20 * HOUR).toISOString()
    await c.admin.expect(200, 'POST', '/api/guides/guide/editions/2/transitions', { to: 'open', closesAt })
    expect(await remindOfClosing(c.database.db)).toBeGreaterThan(0)
    await deliver()
    for (const address of ['rita@example.org', 'bob@example.org'])
      expect(mailServer.to(address).map((m) => m.mail.subject)).toEqual([
        'A guide: comments close within a day',
      ])
    expect(mailServer.to('admin@example.org')).toEqual([])
    // The opening waits for Rita's digest, which does not tell of the closing again.
    await deliver(new Date(Date.now() + 25 * HOUR))
    const digest = mailServer.to('rita@example.org')[1]
    expect(digest?.mail.text).toContain('Edition 2 is open for comments.')
    expect(digest?.mail.text).not.toContain('closes within a day')
  })
})
