import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Hono } from 'hono'
import { findGuideBySlug } from '../../src/guides/guide.repository.ts'
import type { AppEnv } from '../../src/platform/http/env.ts'
import { consultation, type Consultation } from '../support/consultation.ts'
import { databaseKind } from '../support/database.ts'
import type { Client } from '../support/session.ts'

const SOURCE = `# Parks and open spaces

Dogs are welcome on a lead in every park.
`
const RETITLED = `---
title: Parks, gardens and open spaces
---

# Parks and open spaces

Dogs are welcome on a lead in every park, and off it in the fields marked on the map.
`

/** A form as a browser posts it: urlencoded. */
const form = (fields: Record<string, string>): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields),
})

/** The guide's title as the public sees it on the home page. */
const listedTitle = async (app: Hono<AppEnv>, slug: string) =>
  new RegExp(`<a href="/g/${slug}">([^<]*)</a>`).exec(await (await app.request('/')).text())?.[1]

describe(`a guide's settings page (${databaseKind})`, () => {
  let c: Consultation<'editor' | 'reviewer'>
  let app: Hono<AppEnv>
  let editor: Client
  let reviewer: Client
  let blockKey = ''

  /** The names the public reads on the edition's comments. */
  const publicAuthors = async () =>
    (
      (await (await c.visitor().request('/api/guides/parks/editions/1/comments')).json()) as {
        items: { author: { displayName: string } }[]
      }
    ).items.map((c) => c.author.displayName)
  const stored = async () => {
    const guide = await findGuideBySlug(c.database.db, 'parks')
    return { title: guide?.title, names: guide?.names, moderation: guide?.moderation }
  }

  beforeAll(async () => {
    c = await consultation({
      config: { rateLimits: { enabled: false } },
      admin: { email: 'ad@example.org', name: 'Ad' },
      guides: [{ slug: 'parks', markdown: SOURCE, openAfterJoining: true }],
      people: {
        editor: { email: 'ed@example.org', name: 'Ed Editor', role: 'editor' },
        reviewer: { email: 'rita@example.org', name: 'Rita Reviewer' },
      },
    })
    ;({ app } = c)
    ;({ editor, reviewer } = c.people)
    blockKey = c.guide.key(1)
  })
  afterAll(async () => {
    await c.close()
  })

  it('shows the public a pseudonym on a new guide until its editors choose otherwise', async () => {
    const posted = await reviewer.send('POST', `/api/guides/parks/editions/1/blocks/${blockKey}/comments`, {
      kind: 'comment',
      body: 'Please say which fields.',
    })
    expect(posted.status).toBe(201)
    expect(await publicAuthors()).toEqual(['Reviewer 1'])
    // Editors see who wrote it.
    const editors = (await (await editor.request('/api/guides/parks/editions/1/comments')).json()) as {
      items: { author: { displayName: string } }[]
    }
    expect(editors.items.map((c) => c.author.displayName)).toEqual(['Rita Reviewer'])
  })

  it('tells someone invited whether their name will be published with their comments', async () => {
    const invitation = async () => {
      const made = await editor.send('POST', '/api/guides/parks/invitations', { role: 'reviewer' })
      const { token } = (await made.json()) as { token: string }
      return (await c.visitor().request(`/invitations/${token}`)).text()
    }
    const hidden = await invitation()
    expect(hidden).toContain('Your name will not be published with your comments')
    expect(hidden).not.toContain('Your name will be published')
    expect((await editor.send('PATCH', '/api/guides/parks/settings', { namesPublic: true })).status).toBe(200)
    const shown = await invitation()
    expect(shown).toContain('Your name will be published with your comments')
    expect((await editor.send('PATCH', '/api/guides/parks/settings', { namesPublic: false })).status).toBe(
      200,
    )
  })

  it('shows its editors the settings as they are, in a form', async () => {
    const response = await editor.request('/g/parks/settings')
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('no-store')
    const html = await response.text()
    expect(html).toContain('<input id="title" name="title" type="text" value="Parks and open spaces"')
    expect(html).toMatch(/<input type="radio" id="names-none" name="names" value="none" checked=""/)
    expect(html).toMatch(/<input type="radio" id="names-full" name="names" value="full"\/>/)
    expect(html).toMatch(/<input type="radio" id="names" name="names" value="pseudonym"\/>/)
    expect(html).toMatch(
      /<input type="radio" id="publishByDefault" name="publishByDefault" value="true" checked=""/,
    )
    expect(html).toMatch(/<input type="radio" id="moderation" name="moderation" value="post" checked=""/)
    expect(html).toContain('<form method="post" action="/g/parks/settings"')
    // The editions page leads here.
    expect(await (await editor.request('/g/parks/manage')).text()).toContain('href="/g/parks/settings"')
  })

  it('saves the title, the names and moderation, which the public and reviewers then meet', async () => {
    const saved = await editor.request(
      '/g/parks/settings',
      form({ title: '  Our parks  ', names: 'full', publishByDefault: 'true', moderation: 'pre' }),
    )
    expect(saved.status).toBe(303)
    expect(saved.headers.get('location')).toBe('/g/parks/settings?saved=1')
    expect(await (await editor.request('/g/parks/settings?saved=1')).text()).toContain(
      'The settings are saved.',
    )
    expect(await stored()).toEqual({ title: 'Our parks', names: 'full', moderation: 'pre' })
    expect(await listedTitle(app, 'parks')).toBe('Our parks')
    expect(await publicAuthors()).toEqual(['Rita Reviewer'])
    // Held for a moderator now: the public does not see the new comment.
    const held = await reviewer.send('POST', `/api/guides/parks/editions/1/blocks/${blockKey}/comments`, {
      kind: 'comment',
      body: 'And where the bins are.',
    })
    expect(((await held.json()) as { state: string }).state).toBe('pending')
    expect(await publicAuthors()).toEqual(['Rita Reviewer'])
  })

  it('refuses a blank title or an unknown choice with 422, saying why, and changes nothing', async () => {
    const before = await stored()
    const blank = await editor.request(
      '/g/parks/settings',
      form({ title: '   ', names: 'none', publishByDefault: 'true', moderation: 'post' }),
    )
    expect(blank.status).toBe(422)
    const html = await blank.text()
    expect(html).toContain('There is a problem')
    expect(html).toContain('<a href="#title">Give the guide a title.</a>')
    // What was chosen is kept in the form, not lost.
    expect(html).toMatch(/id="names-none" name="names" value="none" checked=""/)
    const nonsense = await editor.request(
      '/g/parks/settings',
      form({ title: 'Parks', names: 'sometimes', publishByDefault: 'maybe', moderation: 'never' }),
    )
    expect(nonsense.status).toBe(422)
    const refused = await nonsense.text()
    expect(refused).toContain('<a href="#names">Choose how reviewers’ names are shown to the public.</a>')
    expect(refused).toContain(
      '<a href="#publishByDefault">Choose whether comments may be published unless their authors say not.</a>',
    )
    expect(refused).toContain('<a href="#moderation">Choose how comments are moderated.</a>')
    const long = await editor.request(
      '/g/parks/settings',
      form({ title: 'P'.repeat(201), names: 'none', publishByDefault: 'true', moderation: 'post' }),
    )
    expect(long.status).toBe(422)
    expect(await long.text()).toContain('A title is at most 200 characters.')
    const control = await editor.request(
      '/g/parks/settings',
      form({ title: 'Parks\u0000and gardens', names: 'none', publishByDefault: 'true', moderation: 'post' }),
    )
    expect(control.status).toBe(422)
    expect(await control.text()).toContain('A title is one line of plain text.')
    expect(await stored()).toEqual(before)
  })

  it('is for the guide’s editors alone: the public is asked to sign in, a reviewer is refused', async () => {
    const before = await stored()
    const visitor = await c.visitor().request('/g/parks/settings')
    expect(visitor.status).toBe(401)
    expect(await reviewer.request('/g/parks/settings').then((r) => r.status)).toBe(403)
    const tried = await reviewer.request(
      '/g/parks/settings',
      form({ title: 'Taken over', names: 'none', publishByDefault: 'true', moderation: 'post' }),
    )
    expect(tried.status).toBe(403)
    expect((await c.visitor().request('/g/parks/settings', form({ title: 'X' }))).status).toBe(401)
    expect(await stored()).toEqual(before)
  })
})

describe(`a revised title (${databaseKind})`, () => {
  let c: Consultation<never>
  let app: Hono<AppEnv>
  let editor: Client

  beforeAll(async () => {
    c = await consultation({
      config: { rateLimits: { enabled: false } },
      admin: { email: 'ed@example.org', name: 'Ed' },
      guides: [],
    })
    ;({ app, admin: editor } = c)
  })
  afterAll(async () => {
    await c.close()
  })

  const revise = async (slug: string, markdown: string) => {
    expect((await editor.send('POST', `/api/guides/${slug}/editions`, { markdown })).status).toBe(201)
  }
  const move = async (slug: string, n: number, to: string) =>
    expect(
      (await editor.send('POST', `/api/guides/${slug}/editions/${String(n)}/transitions`, { to })).status,
    ).toBe(200)

  it('becomes the guide’s title once its edition is open, never while it is a draft', async () => {
    expect((await editor.send('POST', '/api/guides', { markdown: SOURCE, slug: 'retitled' })).status).toBe(
      201,
    )
    await move('retitled', 1, 'published')
    await revise('retitled', RETITLED)
    // The draft's words are its editors' alone, its title too.
    expect(await listedTitle(app, 'retitled')).toBe('Parks and open spaces')
    await move('retitled', 2, 'open')
    expect(await listedTitle(app, 'retitled')).toBe('Parks, gardens and open spaces')
    const guide = (await (await app.request('/api/guides/retitled')).json()) as { title: string }
    expect(guide.title).toBe('Parks, gardens and open spaces')
  })

  it('leaves a title chosen in the settings alone when a revision keeps the old one', async () => {
    expect((await editor.send('POST', '/api/guides', { markdown: SOURCE, slug: 'kept' })).status).toBe(201)
    await move('kept', 1, 'published')
    const saved = await editor.request(
      '/g/kept/settings',
      form({ title: 'Our parks', names: 'none', publishByDefault: 'true', moderation: 'post' }),
    )
    expect(saved.status).toBe(303)
    await revise('kept', `${SOURCE}\nA second paragraph.\n`)
    await move('kept', 2, 'published')
    expect(await listedTitle(app, 'kept')).toBe('Our parks')
  })
})
