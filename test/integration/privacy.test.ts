import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { consultation, type Consultation } from '../support/consultation.ts'
import { createTestDatabase, databaseKind } from '../support/database.ts'
import { exportToBuffer } from '../support/instance.ts'
import { testApp } from '../support/app.ts'
import { Client } from '../support/session.ts'
import { restoreInstance } from '../../src/instance/instance-restore.service.ts'
import { SseReader } from '../support/sse.ts'
import { loadConfig } from '../../src/config.ts'
import { jobHandlers } from '../../src/jobs.ts'
import { MAIL_INVITATION } from '../../src/mail/invitation-mail.service.ts'
import { RETENTION } from '../../src/privacy/retention.service.ts'
import { claimJobs } from '../../src/platform/queue/job.repository.ts'
import { enqueue } from '../../src/platform/queue/queue.service.ts'
import { QueueWorker, recurringKey } from '../../src/platform/queue/queue-worker.service.ts'

interface CommentJson {
  id: string
  body: string
  public: boolean
  onBehalfOf: string | null
  author: { id: string | null; displayName: string; organisation: string; pseudonym?: string }
}
interface Page {
  items: CommentJson[]
}

/** A form as a browser posts it: urlencoded. */
const form = (fields: Record<string, string>): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields),
})

const GUIDE = '# Privacy\n\nThe first paragraph, about bins.\n\nThe second paragraph, about parking.\n'
const SECRET = 'Kept for the editors: my neighbour dumps rubbish'

describe(`privacy: consent to publish, responding for an organisation, how names show (${databaseKind})`, () => {
  let c: Consultation<'rita' | 'sam'>
  let rita: Client
  let sam: Client
  let key = ''
  let secretId = ''
  let openId = ''
  const thread = () => `/api/guides/priv/editions/1/blocks/${key}/comments`
  const bodies = async (client: Client, path = '/api/guides/priv/editions/1/comments') => {
    const response = await client.request(path)
    expect(response.status).toBe(200)
    return ((await response.json()) as Page).items.map((item) => item.body)
  }
  const text = async (client: Client, path: string) => (await client.request(path)).text()

  beforeAll(async () => {
    c = await consultation({
      config: { rateLimits: { enabled: false } },
      guides: [{ slug: 'priv', markdown: GUIDE, state: 'open' }],
      admin: { email: 'ed@example.org', name: 'Ed Editor' },
      people: {
        rita: { email: 'rita@example.org', name: 'Rita Reviewer' },
        sam: { email: 'sam@example.org', name: 'Sam Second' },
      },
    })
    ;({ rita, sam } = c.people)
    key = c.guide.key(1)
    const open = await sam.send('POST', thread(), {
      kind: 'comment',
      body: 'Published about bins, for everyone',
      onBehalfOf: 'Friends of the Park',
    })
    expect(open.status).toBe(201)
    openId = ((await open.json()) as CommentJson).id
    const secret = await rita.send('POST', thread(), {
      kind: 'comment',
      body: SECRET,
      quote: { exact: 'about bins' },
      public: false,
    })
    expect(secret.status).toBe(201)
    const made = (await secret.json()) as CommentJson
    expect(made).toMatchObject({ public: false, onBehalfOf: null })
    secretId = made.id
  })
  afterAll(async () => {
    await c.close()
  })

  it('shows a comment kept for the editors to its author and the editors, and to nobody else by any thread', async () => {
    expect(await bodies(rita)).toContain(SECRET)
    expect(await bodies(c.admin)).toContain(SECRET)
    expect(await bodies(sam)).not.toContain(SECRET)
    expect(await bodies(c.visitor())).not.toContain(SECRET)
    expect(await bodies(c.visitor(), thread())).toEqual(['Published about bins, for everyone'])
    expect((await c.visitor().request(`/api/comments/${secretId}`)).status).toBe(404)
    expect((await sam.request(`/api/comments/${secretId}`)).status).toBe(404)
    expect((await rita.request(`/api/comments/${secretId}`)).status).toBe(200)
    // The thread page without JavaScript, and the margin's counts and quoted phrases.
    expect(await text(c.visitor(), `/g/priv/1/b/${key}`)).not.toContain('my neighbour')
    expect(await text(sam, `/g/priv/1/b/${key}`)).not.toContain('my neighbour')
    expect(await text(c.admin, `/g/priv/1/b/${key}`)).toContain('my neighbour')
    const counts = (await (await c.visitor().request('/api/guides/priv/editions/1/counts')).json()) as {
      counts: Record<string, number>
      quotes: Record<string, unknown[]>
    }
    expect(counts.counts[key]).toBe(1)
    expect(counts.quotes[key] ?? []).toEqual([])
  })

  it('keeps it out of search, feeds, exports and annotations for everyone but the editors', async () => {
    const search = (client: Client) => text(client, '/api/search?q=neighbour')
    expect(await search(c.visitor())).not.toContain(secretId)
    expect(await search(sam)).not.toContain(secretId)
    expect(await search(c.admin)).toContain(`"id":"${secretId}"`)
    for (const feed of [
      '/g/priv/comments.atom',
      '/g/priv/1/comments.atom',
      `/g/priv/1/b/${key}/comments.atom`,
    ])
      expect(await text(c.visitor(), feed)).not.toContain('neighbour')
    for (const path of ['feedback.csv', 'feedback.json', 'annotations.jsonld']) {
      const url = `/api/guides/priv/editions/1/${path}`
      expect(await text(c.visitor(), url)).not.toContain('neighbour')
      expect(await text(sam, url)).not.toContain('neighbour')
    }
    expect((await c.visitor().request(`/api/comments/${secretId}/annotation.jsonld`)).status).toBe(404)
    // The editors' CSV holds it, saying it may not be published, and whom the other speaks for.
    const csv = await text(c.admin, '/api/guides/priv/editions/1/feedback.csv')
    expect(csv).toContain('may be published')
    // 'may be published' is followed by other columns (campaign, ...), empty here.
    expect(csv).toMatch(/Kept for the editors: my neighbour dumps rubbish[^\n]*,no,/)
    expect(csv).toMatch(/Published about bins, for everyone[^\n]*Friends of the Park,yes/)
  })

  it('refuses replies, agreement and flags on it from people who may not see it', async () => {
    const reply = await sam.send('POST', thread(), { kind: 'comment', body: 'Reply', parentId: secretId })
    expect(reply.status).toBe(422)
    expect((await sam.send('PUT', `/api/comments/${secretId}/agreement`)).status).toBe(404)
    expect((await sam.send('POST', `/api/comments/${secretId}/flags`, { reason: 'x' })).status).toBe(404)
    // The editors may reply; the reply is kept for them too, and a public one is refused.
    const refused = await c.admin.send('POST', thread(), {
      kind: 'comment',
      body: 'Published reply',
      parentId: secretId,
      public: true,
    })
    expect(refused.status).toBe(422)
    const kept = await c.admin.send('POST', thread(), {
      kind: 'comment',
      body: 'Thank you, we will look at it',
      parentId: secretId,
    })
    expect(((await kept.json()) as CommentJson).public).toBe(false)
    expect(await bodies(c.visitor())).not.toContain('Thank you, we will look at it')
  })

  it('sends it over live streams to its author and the editors only, and no notice of a private reply', async () => {
    const events = '/api/guides/priv/editions/1/events'
    const publicStream = new SseReader(await c.visitor().request(events))
    const samStream = new SseReader(await sam.request(events))
    const editorStream = new SseReader(await c.admin.request(events))
    await new Promise((resolve) => setTimeout(resolve, 100))
    await rita.send('POST', thread(), { kind: 'comment', body: 'Second secret', public: false })
    await rita.send('POST', thread(), { kind: 'comment', body: 'Out loud', parentId: openId })
    const editorSaw = await editorStream.waitFor(2)
    expect(editorSaw.map((e) => (JSON.parse(e.data) as { body: string }).body)).toEqual([
      'Second secret',
      'Out loud',
    ])
    const publicSaw = await publicStream.waitFor(1)
    const samSaw = await samStream.waitFor(1)
    await new Promise((resolve) => setTimeout(resolve, 200))
    for (const seen of [publicSaw, samSaw]) {
      expect(seen.map((e) => (JSON.parse(e.data) as { body: string }).body)).toEqual(['Out loud'])
      expect(seen.map((e) => e.data).join('')).not.toContain('Second secret')
    }
    await Promise.all([publicStream.close(), samStream.close(), editorStream.close()])
    // Rita's private reply to Sam tells Sam nothing; her public reply did.
    await rita.send('POST', thread(), { kind: 'comment', body: 'Quietly', parentId: openId, public: false })
    const notices = await text(sam, '/api/me/notifications')
    expect((notices.match(/comment\.replied/g) ?? []).length).toBe(1)
  })

  it('lets its author publish it, or take it back, and the public follows at once', async () => {
    const shared = await rita.send('PATCH', `/api/comments/${secretId}`, { public: true })
    expect(shared.status).toBe(200)
    expect(((await shared.json()) as CommentJson).public).toBe(true)
    expect(await bodies(c.visitor())).toContain(SECRET)
    // Sam may not publish someone else's.
    expect((await sam.send('PATCH', `/api/comments/${secretId}`, { public: false })).status).toBe(403)
    const taken = await rita.send('PATCH', `/api/comments/${secretId}`, { public: false })
    expect(taken.status).toBe(200)
    expect(await bodies(c.visitor())).not.toContain(SECRET)
    expect((await rita.send('PATCH', `/api/comments/${secretId}`, { public: 'no' })).status).toBe(422)
  })

  it('keeps a hidden comment kept for the editors out of the public moderation log', async () => {
    const hidden = await c.admin.send('POST', `/api/comments/${secretId}/hide`, {
      reasonCode: 'personal-data',
      reason: 'Names a neighbour.',
    })
    expect(hidden.status).toBe(200)
    expect(await text(c.visitor(), '/api/guides/priv/moderation-log')).not.toContain('Names a neighbour')
  })

  it('shows whom a comment speaks for beside its author, and filters triage by it', async () => {
    const view = (await (await c.visitor().request(`/api/comments/${openId}`)).json()) as CommentJson
    expect(view.onBehalfOf).toBe('Friends of the Park')
    expect(await text(c.visitor(), `/g/priv/1/b/${key}`)).toContain('on behalf of Friends of the Park')
    const triage = await text(c.admin, '/g/priv/1/triage?organisations=1')
    expect(triage).toContain('Published about bins, for everyone')
    expect(triage).not.toContain('my neighbour')
    const tooLong = await sam.send('POST', thread(), {
      kind: 'comment',
      body: 'x',
      onBehalfOf: 'o'.repeat(201),
    })
    expect(tooLong.status).toBe(422)
    const problem = (await tooLong.json()) as { errors: { pointer: string }[] }
    expect(problem.errors.map((e) => e.pointer)).toEqual(['/onBehalfOf'])
  })

  it('gives each person a stable pseudonym in the guide, the same on every route, and real names to editors', async () => {
    // A new guide shows pseudonyms, numbered in the order people first commented: Sam, then Rita.
    const authors = async (client: Client) =>
      ((await (await client.request('/api/guides/priv/editions/1/comments')).json()) as Page).items.map(
        (item) => [item.body, item.author.displayName],
      )
    const seen = new Map((await authors(c.visitor())).map(([body, name]) => [body, name]))
    expect(seen.get('Published about bins, for everyone')).toBe('Reviewer 1')
    expect(seen.get('Out loud')).toBe('Reviewer 2')
    expect(await text(c.visitor(), '/g/priv/comments.atom')).toContain('<name>Reviewer 2</name>')
    expect(await text(c.visitor(), '/api/guides/priv/editions/1/feedback.csv')).toContain('Reviewer 1')
    expect(await text(c.visitor(), '/api/search?q=loud')).toContain('Reviewer 2')
    expect(await text(c.visitor(), `/g/priv/1/b/${key}`)).not.toContain('Rita Reviewer')
    const editors = (await (await c.admin.request(`/api/comments/${openId}`)).json()) as CommentJson
    expect(editors.author).toMatchObject({ displayName: 'Sam Second', pseudonym: 'Reviewer 1' })
  })

  it('says the pseudonyms in the reader’s language, the same person in either, each with its own validator', async () => {
    const WELSH = { headers: { 'accept-language': 'cy-GB,cy;q=0.9' } }
    const welsh = async (path: string) => (await c.visitor().request(path, WELSH)).text()
    const english = await c.visitor().request(`/api/comments/${openId}`)
    const cymraeg = await c.visitor().request(`/api/comments/${openId}`, WELSH)
    expect(((await cymraeg.json()) as CommentJson).author.displayName).toBe('Adolygydd 1')
    // A cache holding the English answer never answers a Welsh reader's If-None-Match with it.
    expect(cymraeg.headers.get('etag')).not.toBe(english.headers.get('etag'))
    const again = await c.visitor().request(`/api/comments/${openId}`, {
      headers: { ...WELSH.headers, 'if-none-match': english.headers.get('etag') ?? '' },
    })
    expect(again.status).toBe(200)
    expect(await welsh(`/g/priv/1/b/${key}`)).toContain('Adolygydd 2')
    expect(await welsh(`/g/priv/1/b/${key}`)).not.toContain('Reviewer 2')
    expect(await welsh('/g/priv/comments.atom')).toContain('<name>Adolygydd 2</name>')
    expect(await welsh('/api/search?q=loud')).toContain('Adolygydd 2')
    // The editors read names, with the pseudonym beside them in their language.
    const editors = await c.admin.request(`/api/comments/${openId}`, WELSH)
    expect(((await editors.json()) as CommentJson).author).toMatchObject({
      displayName: 'Sam Second',
      pseudonym: 'Adolygydd 1',
    })
    // An English reader still reads "Reviewer 1".
    expect(((await english.json()) as CommentJson).author.displayName).toBe('Reviewer 1')
  })

  it('applies a change of how names show at once, cached copies included', async () => {
    const before = await c.visitor().request(`/api/comments/${openId}`)
    const etag = before.headers.get('etag') ?? ''
    expect(((await before.json()) as CommentJson).author.displayName).toBe('Reviewer 1')
    const full = await c.admin.send('PATCH', '/api/guides/priv/settings', { names: 'full' })
    expect(full.status).toBe(200)
    expect(await full.json()).toMatchObject({ names: 'full', namesPublic: true, publishByDefault: true })
    const after = await c.visitor().request(`/api/comments/${openId}`, { headers: { 'if-none-match': etag } })
    expect(after.status).toBe(200)
    expect(((await after.json()) as CommentJson).author.displayName).toBe('Sam Second')
    expect(await text(c.visitor(), '/g/priv/comments.atom')).toContain('<name>Rita Reviewer</name>')
    await c.admin.send('PATCH', '/api/guides/priv/settings', { names: 'none' })
    expect(await text(c.visitor(), '/g/priv/comments.atom')).not.toContain('Rita Reviewer')
    expect(await text(c.visitor(), '/api/guides/priv/editions/1/feedback.csv')).not.toMatch(
      /Reviewer 1|Sam Second/,
    )
    // The older yes/no still works.
    expect((await c.admin.send('PATCH', '/api/guides/priv/settings', { namesPublic: true })).status).toBe(200)
    expect(await text(c.visitor(), '/g/priv/comments.atom')).toContain('<name>Rita Reviewer</name>')
    await c.admin.send('PATCH', '/api/guides/priv/settings', { names: 'pseudonym' })
    expect(await text(c.visitor(), '/g/priv/comments.atom')).toContain('<name>Reviewer 2</name>')
  })

  it('refuses settings it cannot follow with 422 at the field, changing nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ names: 'initials' }, '/names'],
      [{ names: 'pseudonym', namesPublic: true }, '/namesPublic'],
      [{ publishByDefault: 'yes' }, '/publishByDefault'],
      [{ title: '' }, '/title'],
    ]
    for (const [body, pointer] of cases) {
      const refused = await c.admin.send('PATCH', '/api/guides/priv/settings', body)
      expect(refused.status).toBe(422)
      const problem = (await refused.json()) as { errors: { pointer: string }[] }
      expect(problem.errors.map((e) => e.pointer)).toContain(pointer)
    }
    expect((await sam.send('PATCH', '/api/guides/priv/settings', { names: 'full' })).status).toBe(403)
    expect(await text(c.visitor(), '/g/priv/comments.atom')).toContain('<name>Reviewer 2</name>')
  })

  it('starts comments kept for the editors when the guide says so, unless their author publishes them', async () => {
    await c.admin.send('PATCH', '/api/guides/priv/settings', { publishByDefault: false })
    const kept = await sam.send('POST', thread(), { kind: 'comment', body: 'Quiet by default' })
    expect(((await kept.json()) as CommentJson).public).toBe(false)
    const shared = await sam.send('POST', thread(), {
      kind: 'comment',
      body: 'Loud on purpose',
      public: true,
    })
    expect(((await shared.json()) as CommentJson).public).toBe(true)
    const seen = await bodies(c.visitor())
    expect(seen).toContain('Loud on purpose')
    expect(seen).not.toContain('Quiet by default')
    await c.admin.send('PATCH', '/api/guides/priv/settings', { publishByDefault: true })
  })

  it('asks on every comment form without JavaScript, starting from the guide and the profile', async () => {
    expect((await sam.send('PATCH', '/api/me', { organisation: 'Bins Action Group' })).status).toBe(200)
    const page = await text(sam, `/g/priv/1/b/${key}`)
    expect(page).toMatch(/<input type="radio" id="new-public" name="public" value="yes" checked=""/)
    expect(page).toContain('id="new-onBehalfOf" name="onBehalfOf" type="text" value="Bins Action Group"')
    const posted = await sam.request(
      `/g/priv/1/b/${key}/comments`,
      form({
        kind: 'comment',
        body: 'Posted by a form, kept back',
        public: 'no',
        onBehalfOf: 'Bins Action Group',
      }),
    )
    expect(posted.status).toBe(303)
    const mine = ((await (await sam.request(thread())).json()) as Page).items.find(
      (item) => item.body === 'Posted by a form, kept back',
    )
    expect(mine).toMatchObject({ public: false, onBehalfOf: 'Bins Action Group' })
    expect(await bodies(c.visitor())).not.toContain('Posted by a form, kept back')
    // Its edit form offers publishing it; a choice it does not know comes back as 422 at the field.
    const refused = await sam.request(
      `/g/priv/1/b/${key}/comments/${mine?.id ?? ''}/edit`,
      form({ kind: 'comment', body: 'Posted by a form, kept back', public: 'maybe', onBehalfOf: '' }),
    )
    expect(refused.status).toBe(422)
    const edited = await sam.request(
      `/g/priv/1/b/${key}/comments/${mine?.id ?? ''}/edit`,
      form({ kind: 'comment', body: 'Posted by a form, kept back', public: 'yes', onBehalfOf: '' }),
    )
    expect(edited.status).toBe(303)
    const now = (await (await c.visitor().request(`/api/comments/${mine?.id ?? ''}`)).json()) as CommentJson
    expect(now).toMatchObject({ public: true, onBehalfOf: null })
    // A guide that keeps comments back by default starts its forms there.
    await c.admin.send('PATCH', '/api/guides/priv/settings', { publishByDefault: false })
    expect(await text(sam, `/g/priv/1/b/${key}`)).toMatch(
      /<input type="radio" id="new-public-no" name="public" value="no" checked=""/,
    )
    await c.admin.send('PATCH', '/api/guides/priv/settings', { publishByDefault: true })
  })
  it('publishes a privacy notice built from the guide’s settings, linked from every page of the guide and the comment form', async () => {
    const notice = await c.visitor().request('/g/priv/privacy')
    expect(notice.status).toBe(200)
    const page = await notice.text()
    expect(page).toContain('<h1>Privacy notice</h1>')
    expect(page).toContain('numbered pseudonym')
    expect(page).toContain('Comments may be published unless you choose')
    expect(page).toContain('This guide has no retention period')
    expect(page).toContain('href="/account#erase-title"')
    // It follows the settings: full names, comments kept back by default.
    await c.admin.send('PATCH', '/api/guides/priv/settings', { names: 'full', publishByDefault: false })
    const changed = await text(c.visitor(), '/g/priv/privacy')
    expect(changed).toContain('Your name is shown beside your comments to anyone')
    expect(changed).toContain('Comments are kept for the editors unless you choose')
    await c.admin.send('PATCH', '/api/guides/priv/settings', { names: 'pseudonym', publishByDefault: true })
    // In Welsh too.
    const welsh = await c.visitor().request('/g/priv/privacy', { headers: { 'accept-language': 'cy' } })
    expect(await welsh.text()).toContain('<h1>Hysbysiad preifatrwydd</h1>')
    // Every page of the guide leads to it and to the moderation log; the comment form says how words are used.
    for (const path of [
      '/g/priv/1',
      `/g/priv/1/b/${key}`,
      '/g/priv/1/discussion',
      '/g/priv/moderation-log',
      '/g/priv/privacy',
    ]) {
      const html = await text(sam, path)
      expect(html, path).toContain('href="/g/priv/privacy"')
      expect(html, path).toContain('href="/g/priv/moderation-log"')
    }
    for (const path of ['/g/priv/1/triage', '/g/priv/moderation', '/g/priv/manage', '/g/priv/settings']) {
      expect(await text(c.admin, path), path).toContain('href="/g/priv/privacy"')
    }
    expect(await text(sam, `/g/priv/1/b/${key}`)).toMatch(
      /How your words and name are used: <a href="\/g\/priv\/privacy">/,
    )
    // A guide nobody may know of has no notice either.
    expect((await c.visitor().request('/g/nothing-here/privacy')).status).toBe(404)
  })

  it('shows participants under their pseudonyms where the guide uses them, and tells someone invited so', async () => {
    const people = async (client: Client) =>
      (
        (await (await client.request('/api/guides/priv/participants')).json()) as {
          items: { displayName: string; id: string | null }[]
        }
      ).items.map((p) => p.displayName)
    const seen = await people(c.visitor())
    expect(seen).toEqual(expect.arrayContaining(['Reviewer 1', 'Reviewer 2']))
    expect(seen.join()).not.toMatch(/Rita Reviewer|Sam Second/)
    const page = await text(c.visitor(), '/g/priv/participants')
    expect(page).toContain('<strong>Reviewer 2</strong>')
    expect(page).toContain('This guide shows its reviewers under pseudonyms')
    // With no names, nobody is told apart; the editors see names either way.
    await c.admin.send('PATCH', '/api/guides/priv/settings', { names: 'none' })
    expect(await people(c.visitor())).not.toContain('Reviewer 1')
    expect(await people(c.admin)).toEqual(expect.arrayContaining(['Rita Reviewer', 'Sam Second']))
    await c.admin.send('PATCH', '/api/guides/priv/settings', { names: 'pseudonym' })
    const made = await c.admin.send('POST', '/api/guides/priv/invitations', { role: 'reviewer' })
    const { token } = (await made.json()) as { token: string }
    const invitation = await text(c.visitor(), `/invitations/${token}`)
    expect(invitation).toContain('others read them under a pseudonym such as “Reviewer 17”')
    expect(invitation).toContain('href="/g/priv/privacy"')
  })

  it('lets the author of a comment read a reply to it kept for the editors, and nobody else', async () => {
    const other = await c.join({ email: 'una@example.org', name: 'Una Other' })
    // Open pages too: Sam's stream carries it, Una's and the public's do not.
    const events = '/api/guides/priv/editions/1/events'
    const samStream = new SseReader(await sam.request(events))
    const unaStream = new SseReader(await other.request(events))
    const publicStream = new SseReader(await c.visitor().request(events))
    await new Promise((resolve) => setTimeout(resolve, 100))
    const made = await rita.send('POST', thread(), {
      kind: 'comment',
      body: 'Just between us and you, Sam',
      parentId: openId,
      public: false,
    })
    expect(made.status).toBe(201)
    const reply = ((await made.json()) as CommentJson).id
    expect(await bodies(sam, thread())).toContain('Just between us and you, Sam')
    expect((await sam.request(`/api/comments/${reply}`)).status).toBe(200)
    expect(await text(sam, `/g/priv/1/b/${key}`)).toContain('Just between us and you, Sam')
    const samSaw = await samStream.waitFor(1)
    expect(samSaw.map((e) => (JSON.parse(e.data) as { body?: string }).body)).toEqual([
      'Just between us and you, Sam',
    ])
    await new Promise((resolve) => setTimeout(resolve, 200))
    for (const stream of [unaStream, publicStream])
      expect(stream.events.map((e) => e.data).join('')).not.toContain('Just between us')
    await Promise.all([samStream.close(), unaStream.close(), publicStream.close()])
    expect(await bodies(other, thread())).not.toContain('Just between us and you, Sam')
    expect((await other.request(`/api/comments/${reply}`)).status).toBe(404)
    expect(await bodies(c.visitor(), thread())).not.toContain('Just between us and you, Sam')
  })
})

describe(`privacy: retention pseudonymises a guide's record once its period has run out (${databaseKind})`, () => {
  let c: Consultation<'rita'>
  let rita: Client
  let commentId = ''
  const DAY = 86_400_000
  const text = async (client: Client, path: string) => (await client.request(path)).text()
  const db = () => c.database.db
  const auditEntries = () =>
    db()
      .selectFrom('auditLog')
      .select(['detail', 'guideId'])
      .where('action', '=', 'guide.retention-applied')
      .execute()
  /** Runs the retention job as a server process would: its recurring row, claimed and handled by the queue's worker. */
  async function runJob() {
    const runner = new QueueWorker(c.database, jobHandlers(loadConfig({}), c.database))
    await enqueue(db(), [{ kind: RETENTION, key: recurringKey(RETENTION) }])
    await db()
      .updateTable('jobs')
      .set({ runAt: new Date() })
      .where('key', '=', recurringKey(RETENTION))
      .execute()
    const jobs = await claimJobs(db(), runner.id, [RETENTION], 10, 60_000)
    expect(jobs).toHaveLength(1)
    for (const job of jobs) await runner.handle(job)
  }

  beforeAll(async () => {
    c = await consultation({
      config: { rateLimits: { enabled: false } },
      guides: [
        { slug: 'kept', markdown: GUIDE, state: 'open', names: 'full' },
        { slug: 'other', markdown: GUIDE, state: 'open', names: 'full' },
      ],
      admin: { email: 'ed@example.org', name: 'Ed Editor' },
      people: { rita: { email: 'rita@example.org', name: 'Rita Reviewer', alsoOn: ['other'] } },
    })
    ;({ rita } = c.people)
    const made = await rita.send('POST', `/api/guides/kept/editions/1/blocks/${c.guide.key(1)}/comments`, {
      kind: 'comment',
      body: 'Bins on Tuesdays, please',
      onBehalfOf: 'Friends of the Park',
    })
    expect(made.status).toBe(201)
    commentId = ((await made.json()) as CommentJson).id
    await c.post(rita, 1, { body: 'On the other guide', guide: 'other' })
    // An invitation to the guide waiting to be mailed, its address in the queue.
    const invitation = await db()
      .selectFrom('invitations')
      .innerJoin('guides', 'guides.id', 'invitations.guideId')
      .select('invitations.id')
      .where('guides.slug', '=', 'kept')
      .executeTakeFirstOrThrow()
    await enqueue(db(), [
      {
        kind: MAIL_INVITATION,
        key: 'retention-test',
        payload: { invitationId: invitation.id, address: 'friend@example.org', url: 'https://x.test/i/1' },
      },
    ])
  })
  afterAll(async () => {
    await c.close()
  })

  it('takes a period of 30 days or more, or none, and refuses anything else at the field', async () => {
    for (const days of [29, 1.5, '60', -1]) {
      const refused = await c.admin.send('PATCH', '/api/guides/kept/settings', { retentionDays: days })
      expect(refused.status, String(days)).toBe(422)
      const problem = (await refused.json()) as { errors: { pointer: string }[] }
      expect(problem.errors.map((e) => e.pointer)).toEqual(['/retentionDays'])
    }
    expect((await rita.send('PATCH', '/api/guides/kept/settings', { retentionDays: 30 })).status).toBe(403)
    const set = await c.admin.send('PATCH', '/api/guides/kept/settings', { retentionDays: 30 })
    expect(set.status).toBe(200)
    expect(await set.json()).toMatchObject({ retentionDays: 30 })
    // The form without script: empty is no period, too few days is refused where it was typed.
    const tooFew = await c.admin.request(
      '/g/kept/settings',
      form({
        title: 'Privacy',
        names: 'full',
        publishByDefault: 'true',
        moderation: 'post',
        retentionDays: '7',
      }),
    )
    expect(tooFew.status).toBe(422)
    expect(await tooFew.text()).toContain('at least 30 days')
    expect(await text(c.admin, '/g/kept/settings')).toContain('name="retentionDays" type="number" value="30"')
    expect(await text(c.visitor(), '/g/kept/privacy')).toContain(
      'kept for 30 days after the consultation ends',
    )
    expect(await text(c.visitor(), '/g/kept/privacy')).toContain('The consultation has not ended')
  })

  it('does nothing while the consultation is open or its period has not run out', async () => {
    await runJob()
    expect(await auditEntries()).toEqual([])
    const closed = await c.admin.send('POST', '/api/guides/kept/editions/1/transitions', { to: 'closed' })
    expect(closed.status).toBe(200)
    await runJob()
    expect(await auditEntries()).toEqual([])
    expect(await text(c.visitor(), '/g/kept/privacy')).toContain('that will be done on')
    expect(await text(c.visitor(), `/api/comments/${commentId}`)).toContain('Rita Reviewer')
  })

  it('once the period has passed, the daily job puts pseudonyms in place of names on every public route, audited, once', async () => {
    // The consultation closed 31 days ago.
    await db()
      .updateTable('editions')
      .set({ closesAt: new Date(Date.now() - 31 * DAY) })
      .where(
        'guideId',
        '=',
        (await db().selectFrom('guides').select('id').where('slug', '=', 'kept').executeTakeFirstOrThrow())
          .id,
      )
      .execute()
    await runJob()
    const entries = await auditEntries()
    expect(entries).toHaveLength(1)
    expect(entries[0]?.detail).toMatchObject({
      retentionDays: 30,
      namesBefore: 'full',
      organisationsCleared: 1,
      addressesCleared: 1,
    })

    const json = (await (await c.visitor().request(`/api/comments/${commentId}`)).json()) as CommentJson
    expect(json).toMatchObject({ body: 'Bins on Tuesdays, please', onBehalfOf: null })
    expect(json.author.displayName).toBe('Reviewer 1')
    for (const path of [
      `/g/kept/1/b/${c.guide.key(1)}`,
      '/api/guides/kept/editions/1/comments',
      '/api/guides/kept/editions/1/feedback.csv',
      '/api/guides/kept/editions/1/feedback.json',
      '/g/kept/comments.atom',
    ]) {
      const page = await text(c.visitor(), path)
      expect(page, path).toContain('Bins on Tuesdays, please')
      expect(page, path).not.toContain('Rita Reviewer')
      expect(page, path).not.toContain('Friends of the Park')
    }
    const job = await db()
      .selectFrom('jobs')
      .select('payload')
      .where('key', '=', 'retention-test')
      .executeTakeFirstOrThrow()
    expect(JSON.stringify(job.payload)).not.toContain('friend@example.org')
    // Another guide's record is its own: still full names there.
    expect(await text(c.visitor(), '/g/other/comments.atom')).toContain('Rita Reviewer')
    const notice = await text(c.visitor(), '/g/kept/privacy')
    expect(notice).toContain('This was done on')
    expect(notice).toContain('numbered pseudonym')

    // Again: nothing more is done, nor audited.
    await runJob()
    expect(await auditEntries()).toHaveLength(1)
  })

  it('from then on shows the editors the same pseudonyms on every route, and each author still their own name', async () => {
    // Ed, the admin, sees what the guide's editors see; before retention that was Rita's full name.
    const asEditor = await c.admin.expect<CommentJson>(200, 'GET', `/api/comments/${commentId}`)
    expect(asEditor.author.displayName).toBe('Reviewer 1')
    for (const path of [
      `/g/kept/1/b/${c.guide.key(1)}`,
      '/g/kept/1/triage',
      '/api/guides/kept/editions/1/comments',
      '/api/guides/kept/editions/1/feedback.csv',
      '/api/guides/kept/editions/1/feedback.json',
      '/search?q=bins',
      '/api/search?q=bins',
    ]) {
      const page = await text(c.admin, path)
      expect(page, path).toContain('on Tuesdays')
      expect(page, path).toContain('Reviewer 1')
      expect(page, path).not.toContain('Rita Reviewer')
    }
    // A live stream replaying the guide's events names her the same way.
    const stream = new SseReader(
      await c.admin.request('/api/guides/kept/editions/1/events', { headers: { 'last-event-id': '0' } }),
    )
    const [event] = await stream.waitFor(1)
    await stream.close()
    expect(JSON.parse(event?.data ?? '{}')).toMatchObject({ author: { displayName: 'Reviewer 1' } })
    // Rita still sees her own name on her own comment.
    const own = await rita.expect<CommentJson>(200, 'GET', `/api/comments/${commentId}`)
    expect(own.author.displayName).toBe('Rita Reviewer')
    // Another guide's record is its own: its editors still see her name there.
    expect(await text(c.admin, '/api/guides/other/editions/1/comments')).toContain('Rita Reviewer')
  })

  it('lets an editor decide on what they read after retention: the pseudonym in their tag is no reason to refuse', async () => {
    const read = await c.admin.request(`/api/comments/${commentId}`)
    const etag = read.headers.get('etag') ?? ''
    // The editor's copy names the author by a pseudonym now, and its tag says so.
    expect(etag).toMatch(/npseudonym"$/)
    const decided = await c.admin.request(`/api/comments/${commentId}/decision`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'if-match': etag },
      body: JSON.stringify({ decision: 'noted', response: 'Thank you.' }),
    })
    expect(decided.status).toBe(200)
    // A tag from before the comment changed is still refused.
    const stale = await c.admin.request(`/api/comments/${commentId}/decision`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'if-match': etag },
      body: JSON.stringify({ decision: 'accepted', response: 'Done.' }),
    })
    expect(stale.status).toBe(412)
  })

  it('stays pseudonymised through an export and a restore into a new instance', async () => {
    const restored = await createTestDatabase()
    try {
      await restoreInstance(restored.db, [await exportToBuffer(c.database)], { replace: { mode: 'empty' } })
      const app = await testApp(restored, { rateLimits: { enabled: false } })
      const visitor = new Client(app)
      const json = (await (await visitor.request(`/api/comments/${commentId}`)).json()) as CommentJson
      expect(json).toMatchObject({ body: 'Bins on Tuesdays, please', onBehalfOf: null })
      expect(json.author.displayName).toBe('Reviewer 1')
      for (const path of [`/g/kept/1/b/${c.guide.key(1)}`, '/g/kept/comments.atom']) {
        const page = await (await visitor.request(path)).text()
        expect(page, path).toContain('Bins on Tuesdays, please')
        expect(page, path).not.toContain('Rita Reviewer')
        expect(page, path).not.toContain('Friends of the Park')
      }
      // The job does not run again there: the retention it did is part of what was restored.
      expect(await (await visitor.request('/g/kept/privacy')).text()).toContain('This was done on')
    } finally {
      await restored.close()
    }
  })
})
