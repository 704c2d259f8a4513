import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Hono } from 'hono'
import type { AppEnv } from '../../src/platform/http/env.ts'
import { databaseKind, type TestDatabase } from '../support/database.ts'
import { Client } from '../support/session.ts'
import { consultation, type GuideHandle } from '../support/consultation.ts'

const SOURCE =
  '# Councillors online\n\nPost when you have something useful to say.\n\nNever share casework details in public.\n'

/** A form as a browser posts it: urlencoded. */
const form = (fields: Record<string, string>): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields),
})

/** The idempotency token of the first form on a page that has one. */
const tokenOf = (html: string) => /name="idempotency" value="([^"]+)"/.exec(html)?.[1] ?? ''

/** The comment a redirect points at (`…#c12`). */
const commentOf = (response: Response) => /#c(\d+)$/.exec(response.headers.get('location') ?? '')?.[1] ?? ''

describe(`thread pages, by plain HTML forms (${databaseKind})`, () => {
  let database: TestDatabase
  let app: Hono<AppEnv>
  let admin: Client
  let reviewer: Client
  const visitor = () => new Client(app)
  let key = ''
  let path = ''
  let first = ''

  const page = async (client: Client, at = path) => {
    const response = await client.request(at)
    expect(response.status).toBe(200)
    return response.text()
  }
  const post = async (client: Client, fields: Record<string, string>, at = `${path}/comments`) =>
    client.request(at, form({ idempotency: crypto.randomUUID(), kind: 'comment', ...fields }))

  beforeAll(async () => {
    let guide: GuideHandle
    ;({
      database,
      app,
      admin,
      people: { reviewer },
      guide,
    } = await consultation({
      // A new guide keeps names from the public; this one publishes them, so its threads name each author.
      guides: [{ slug: 'draft', markdown: SOURCE, openAfterJoining: true, namesPublic: true }],
      people: { reviewer: { email: 'rita@example.org', name: 'Rita Reviewer' } },
    }))
    expect((await admin.send('PATCH', '/api/me', { organisation: 'Parish council' })).status).toBe(200)
    key = guide.key(1)
    path = `/g/draft/1/b/${key}`
  })
  afterAll(async () => {
    await database.close()
  })

  it('shows the public the paragraph, the thread and a sign-in link, but no form', async () => {
    const response = await visitor().request(path)
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('no-store')
    const html = await response.text()
    expect(html).toContain('Comments on paragraph 1')
    expect(html).toContain('<p>Post when you have something useful to say.</p>')
    expect(html).toContain(`href="/g/draft/1#${key}"`)
    expect(html).toContain('No comments yet.')
    expect(html).toContain(`<a href="/sign-in?next=${path}">Sign in to comment</a>`)
    expect(html).not.toContain('<form')
    expect(html).not.toContain('<textarea')
  })

  it('links the reading page to the general discussion while the edition takes comments', async () => {
    const html = await page(visitor(), '/g/draft/1')
    expect(html).toContain('href="/g/draft/1/discussion"')
    expect(html).toContain(`href="${path}"`)
  })

  it('posts a comment by form, shown with its kind, author, quote, time and HTML body', async () => {
    const before = await page(reviewer)
    expect(before).toContain(`<form method="post" action="${path}/comments"`)
    expect(before).toContain('Words you are responding to (optional, copied exactly from the paragraph)')
    const response = await reviewer.request(
      `${path}/comments`,
      form({
        idempotency: tokenOf(before),
        kind: 'reflection',
        body: 'Useful to **whom**?',
        quote: 'something useful',
      }),
    )
    expect(response.status).toBe(303)
    first = commentOf(response)
    expect(response.headers.get('location')).toBe(`${path}#c${first}`)
    const html = await page(visitor())
    expect(html).toContain(`id="c${first}"`)
    expect(html).toContain('<span class="kind kind-reflection">Reflection</span>')
    expect(html).toContain('<strong>Rita Reviewer</strong>')
    expect(html).toContain('<blockquote class="comment-quote" lang="en">something useful</blockquote>')
    expect(html).toContain('<p>Useful to <strong>whom</strong>?</p>')
    expect(html).toMatch(/<time datetime="\d{4}-\d\d-\d\dT[^"]+Z">/)
  })

  it('keeps a hostile body inert on the page', async () => {
    const body =
      '[click](javascript:alert(1)) [ok](https://example.org) <img src=x onerror=alert(1)>\n\n<script>alert(1)</script>'
    const response = await post(reviewer, { body })
    expect(response.status).toBe(303)
    const html = await page(visitor())
    expect(html).not.toContain('<script>alert(1)')
    expect(html).not.toMatch(/<img[^>]*onerror/i)
    expect(html).not.toContain('href="javascript:')
    expect(html).toContain('&#x3C;script>alert(1)&#x3C;/script>')
    expect(html).toContain('<a href="https://example.org" rel="nofollow ugc noopener">ok</a>')
  })

  it('makes one comment of a form sent twice with the same token', async () => {
    const token = tokenOf(await page(reviewer))
    const fields = { idempotency: token, kind: 'example', body: 'In Harrowby we post weekly.' }
    const once = await reviewer.request(`${path}/comments`, form(fields))
    const twice = await reviewer.request(`${path}/comments`, form(fields))
    expect(once.status).toBe(303)
    expect(twice.status).toBe(303)
    expect(twice.headers.get('location')).toBe(once.headers.get('location'))
    const stored = await database.db
      .selectFrom('comments')
      .select('id')
      .where('body', '=', 'In Harrowby we post weekly.')
      .execute()
    expect(stored).toHaveLength(1)
  })

  it('shows a reply under its parent', async () => {
    const response = await post(admin, { body: 'To residents.', parentId: first })
    expect(response.status).toBe(303)
    const reply = commentOf(response)
    const html = await page(visitor())
    const parentAt = html.indexOf(`id="c${first}"`)
    const repliesAt = html.indexOf('<ol class="replies">', parentAt)
    const replyAt = html.indexOf(`id="c${reply}"`)
    expect(parentAt).toBeGreaterThan(0)
    expect(repliesAt).toBeGreaterThan(parentAt)
    expect(replyAt).toBeGreaterThan(repliesAt)
    expect(html).toMatch(new RegExp(`class="comment comment-published reply" id="c${reply}"`))
    expect(html).toContain('<span class="organisation">, Parish council</span>')
  })

  it('offers each person the actions that are theirs', async () => {
    const own = await page(reviewer)
    expect(own).toContain(`action="${path}/comments/${first}/edit"`)
    expect(own).toContain(`action="${path}/comments/${first}/withdraw"`)
    expect(own).not.toContain(`action="${path}/comments/${first}/flag"`)
    expect(own).not.toContain('/hide"')
    expect(own).toContain('<summary>Reply')
    const editor = await page(admin)
    expect(editor).toContain(`action="${path}/comments/${first}/flag"`)
    expect(editor).toContain(`action="${path}/comments/${first}/hide"`)
    expect(editor).not.toContain(`action="${path}/comments/${first}/edit"`)
  })

  it('edits and withdraws by form', async () => {
    const created = commentOf(await post(reviewer, { body: 'First wording' }))
    const editForm = await page(reviewer)
    expect(editForm).toMatch(new RegExp(`id="edit-${created}-body"[^>]*>First wording</textarea>`))
    const edited = await reviewer.request(
      `${path}/comments/${created}/edit`,
      form({ kind: 'comment', body: 'Second wording' }),
    )
    expect(edited.status).toBe(303)
    expect(edited.headers.get('location')).toBe(`${path}#c${created}`)
    let html = await page(visitor())
    expect(html).toContain('<p>Second wording</p>')
    expect(html).toContain('<span class="badge badge-edited">edited</span>')
    const withdrawn = await reviewer.request(`${path}/comments/${created}/withdraw`, form({}))
    expect(withdrawn.status).toBe(303)
    expect(withdrawn.headers.get('location')).toBe(`${path}?done=withdrawn#c${created}`)
    html = await page(visitor())
    expect(html).not.toContain('Second wording')
    expect(html).toContain('withdrawn by its author')
    const again = await admin.request(`${path}/comments/${created}/edit`, form({ body: 'Not mine' }))
    expect(again.status).toBe(403)
    expect(again.headers.get('content-type')).toContain('text/html')
  })

  it('takes a flag by form', async () => {
    const response = await admin.request(
      `${path}/comments/${first}/flag`,
      form({ reason: 'Personal details' }),
    )
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe(`${path}?done=flagged#c${first}`)
    expect(await page(admin, response.headers.get('location') ?? '')).toContain(
      'The editors will look at this comment.',
    )
    expect(await database.db.selectFrom('flags').select('reason').execute()).toEqual([
      { reason: 'Personal details' },
    ])
  })

  it('lets an editor hide a comment with a reason the author sees, and restore it', async () => {
    const hidden = commentOf(await post(reviewer, { body: 'Mrs Jones at number 4 complained.' }))
    const response = await admin.request(
      `${path}/comments/${hidden}/hide`,
      form({ reasonCode: 'other', reason: 'It names a resident.' }),
    )
    expect(response.status).toBe(303)
    expect(await page(visitor())).not.toContain(`id="c${hidden}"`)
    const author = await page(reviewer)
    expect(author).toContain(`id="c${hidden}"`)
    expect(author).toContain('<span class="badge badge-hidden">hidden</span>')
    expect(author).toContain('It names a resident.')
    expect(
      (await reviewer.request(`${path}/comments/${hidden}/hide`, form({ reasonCode: 'other', reason: 'x' })))
        .status,
    ).toBe(403)
    const restored = await admin.request(`${path}/comments/${hidden}/restore`, form({}))
    expect(restored.status).toBe(303)
    expect(await page(visitor())).toContain(`id="c${hidden}"`)
  })

  it('gives a refused form back with an error summary and what was typed (422)', async () => {
    const empty = await post(reviewer, { body: '   ', quote: 'something useful' })
    expect(empty.status).toBe(422)
    expect(empty.headers.get('cache-control')).toBe('no-store')
    const html = await empty.text()
    expect(html).toContain('<title>Error: ')
    expect(html).toContain('There is a problem')
    expect(html).toContain('<a href="#new-body">Write something first.</a>')
    expect(html).toContain('value="something useful"')

    const misquoted = await post(reviewer, { body: 'Keep these words', quote: 'not in the text' })
    expect(misquoted.status).toBe(422)
    const again = await misquoted.text()
    expect(again).toContain('<a href="#new-quote">Quote words exactly as the paragraph has them.</a>')
    expect(again).toMatch(/id="new-body"[^>]*>Keep these words<\/textarea>/)

    const reply = await post(reviewer, { body: '', parentId: first })
    expect(reply.status).toBe(422)
    const replyPage = await reply.text()
    expect(replyPage).toContain(`<a href="#reply-${first}-body">`)
    expect(replyPage).toMatch(/<details class="comment-action" open="">\s*<summary>Reply/)

    const flag = await admin.request(`${path}/comments/${first}/flag`, form({ reason: ' ' }))
    expect(flag.status).toBe(422)
    expect(await flag.text()).toContain(`<a href="#flag-${first}-reason">Say what is wrong.</a>`)
  })

  it('refuses a form too large to read, leading back to the thread in the text it was read in', async () => {
    const countBefore = (await page(visitor())).match(/class="comment[ "]/g)?.length ?? 0
    for (const [at, back] of [
      [`${path}/comments`, path],
      [`${path}/comments?text=cy`, `${path}?text=cy`],
      ['/g/draft/1/comments?text=cy', '/g/draft/1/discussion?text=cy'],
    ] as const) {
      const tooLarge = await post(reviewer, { body: 'x'.repeat(200 * 1024) }, at)
      expect(tooLarge.status).toBe(413)
      const html = await tooLarge.text()
      expect(html).toContain('The request body is too large.')
      expect(html).toContain(`<a href="${back}">Back to the comments</a>`)
    }
    expect((await page(visitor())).match(/class="comment[ "]/g)?.length ?? 0).toBe(countBefore)
  })

  it('holds the general discussion of the edition, by the same forms', async () => {
    const discussion = '/g/draft/1/discussion'
    const before = await page(reviewer, discussion)
    expect(before).toContain('<h1>General discussion</h1>')
    expect(before).toContain('<form method="post" action="/g/draft/1/comments"')
    expect(before).not.toContain('Words you are responding to')
    const response = await reviewer.request(
      '/g/draft/1/comments',
      form({ idempotency: tokenOf(before), kind: 'comment', body: 'Overall, clear.' }),
    )
    expect(response.status).toBe(303)
    const id = commentOf(response)
    expect(response.headers.get('location')).toBe(`${discussion}#c${id}`)
    const html = await page(visitor(), discussion)
    expect(html).toContain('<p>Overall, clear.</p>')
    expect(await page(visitor())).not.toContain('Overall, clear.')
    const flagged = await admin.request(`${discussion}/comments/${id}/flag`, form({ reason: 'Off topic' }))
    expect(flagged.headers.get('location')).toBe(`${discussion}?done=flagged#c${id}`)
  })

  it('sends a signed-out form to sign in', async () => {
    const response = await post(visitor(), { body: 'Hello' })
    expect(response.status).toBe(401)
    expect(await response.text()).toContain(`href="/sign-in?next=${path}"`)
  })

  it('says comments are closed once the edition closes, and refuses posts with an HTML 409', async () => {
    const closed = await admin.send('POST', '/api/guides/draft/editions/1/transitions', { to: 'closed' })
    expect(closed.status).toBe(200)
    for (const client of [visitor(), reviewer]) {
      const html = await page(client)
      expect(html).toContain('Comments are closed for this edition; you can still read them.')
      expect(html).not.toContain('<textarea')
      expect(html).toContain('<p>Useful to <strong>whom</strong>?</p>')
    }
    const late = await post(reviewer, { body: 'Too late' })
    expect(late.status).toBe(409)
    expect(late.headers.get('content-type')).toContain('text/html')
    const html = await late.text()
    expect(html).toContain('This edition is not open for comments now')
    expect(html).toContain(`href="${path}"`)
    // Read in another text, the way back keeps it.
    const lateInWelsh = await post(reviewer, { body: 'Too late' }, `${path}/comments?text=cy`)
    expect(lateInWelsh.status).toBe(409)
    expect(await lateInWelsh.text()).toContain(`<a href="${path}?text=cy">Back to the comments</a>`)
  })
})
