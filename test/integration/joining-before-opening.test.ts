import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { consultation, type Consultation } from '../support/consultation.ts'
import { databaseKind } from '../support/database.ts'
import { PASSWORD, type Client } from '../support/session.ts'

/**
 * An editor invites reviewers while the guide's only edition is a draft, as their checklist suggests,
 * then opens it. Whoever is invited can read the privacy notice before joining, lands on word that they
 * have joined and the consultation is not open yet, and is told when it opens; all by plain HTML forms.
 * Nobody without the invitation or a part in the guide learns that the draft exists.
 */

const SLUG = 'quiet-plans'
const TITLE = 'Quiet plans'
const GUIDE = `# ${TITLE}\n\nThe first paragraph of plans not yet open.\n\nThe second paragraph.\n`

/** A form as a browser without script posts it. */
const post = (who: Client, path: string, fields: Record<string, string>) =>
  who.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  })

const page = async (who: Client, path: string) => {
  const response = await who.request(path)
  return {
    status: response.status,
    cacheControl: response.headers.get('cache-control'),
    html: await response.text(),
  }
}

describe(`joining a guide before its consultation opens (${databaseKind})`, () => {
  let c: Consultation<'bystander'>
  let token = ''
  beforeAll(async () => {
    c = await consultation({
      guides: [
        { slug: SLUG, markdown: GUIDE },
        { slug: 'elsewhere', markdown: '# Elsewhere\n\nOpen words.\n', state: 'published' },
      ],
      // Signed in, with a part in another guide only.
      people: { bystander: { email: 'bystander@example.org', name: 'Bea Bystander', guide: 'elsewhere' } },
    })
    await c.admin.expect(200, 'PATCH', `/api/guides/${SLUG}/settings`, { names: 'pseudonym' })
    token = (await c.invite(SLUG)).token
  })
  afterAll(async () => {
    await c.close()
  })

  it("lets the invitation's holder read the privacy notice of a guide held in draft, and nobody else", async () => {
    const invitee = c.visitor()
    const invitation = await page(invitee, `/invitations/${token}`)
    expect(invitation.status).toBe(200)
    const privacyLink = `href="/invitations/${token}/privacy"`
    expect(invitation.html).toContain(privacyLink)
    // No link on the page leads to one of the guide's own addresses, which they would not find.
    expect(invitation.html).not.toContain(`href="/g/${SLUG}`)

    const notice = await page(invitee, `/invitations/${token}/privacy`)
    expect(notice.status).toBe(200)
    expect(notice.html).toContain('<h1>Privacy notice</h1>')
    expect(notice.html).toContain(`The editors of “${TITLE}” run this consultation`)
    // The guide's own setting: pseudonyms.
    expect(notice.html).toContain('Everyone else reads your comments under a numbered pseudonym')
    expect(notice.html).toContain(`<a href="/invitations/${token}">Back to your invitation</a>`)
    expect(notice.html).not.toContain(`href="/g/${SLUG}`)
    // It holds the token in its address: never kept by a cache.
    expect(notice.cacheControl).toBe('no-store')

    // The guide's own notice stays unknown to the public and to someone signed in without a part in it.
    for (const who of [c.visitor(), c.people.bystander]) {
      const own = await page(who, `/g/${SLUG}/privacy`)
      expect(own.status).toBe(404)
      expect(own.html).not.toContain(TITLE)
    }
    // A token that is no invitation finds nothing.
    const guessed = await page(c.visitor(), `/invitations/${'x'.repeat(43)}/privacy`)
    expect(guessed.status).toBe(404)
    expect(guessed.html).not.toContain(TITLE)
  })

  it('lands someone who joins by form on word that they have joined and will be told when it opens', async () => {
    const invitee = c.visitor()
    const joined = await post(invitee, `/invitations/${token}`, {
      displayName: 'Rhian Reviewer',
      email: 'rhian@example.org',
      password: PASSWORD,
    })
    expect(joined.status).toBe(303)
    const landing = joined.headers.get('location') ?? ''
    expect(landing).toBe(`/g/${SLUG}`)

    const waiting = await page(invitee, landing)
    expect(waiting.status).toBe(200)
    expect(waiting.html).toContain(`<h1>“${TITLE}” is not open for consultation yet</h1>`)
    expect(waiting.html).toContain('You have joined this guide as <strong>reviewer</strong>.')
    expect(waiting.html).toContain(
      'You will be told when it opens, in <a href="/me/notifications">your notices</a>',
    )
    // Nothing of the draft itself.
    expect(waiting.html).not.toContain('The first paragraph of plans not yet open')
    // A page for them alone, looked at again once the consultation opens.
    expect(waiting.cacheControl).toBe('private, no-cache')
    // Now they have a part in the guide, its own privacy notice opens for them too.
    expect((await page(invitee, `/g/${SLUG}/privacy`)).status).toBe(200)

    // To the public and to someone without a part in it, the guide is still nothing at all.
    for (const who of [c.visitor(), c.people.bystander]) {
      const draft = await page(who, `/g/${SLUG}`)
      const missing = await page(who, '/g/never-was')
      expect(draft.status).toBe(404)
      expect(draft.html.replaceAll(SLUG, 'SLUG')).toBe(missing.html.replaceAll('never-was', 'SLUG'))
    }

    // The editor opens it: the reviewer is told, and the guide's address is its edition.
    await c.admin.expect(200, 'POST', `/api/guides/${SLUG}/editions/1/transitions`, { to: 'open' })
    const { items } = await invitee.expect<{ items: { type: string }[] }>(200, 'GET', '/api/me/notifications')
    expect(items.map((notice) => notice.type)).toContain('consultation.opened')
    const opened = await page(invitee, `/g/${SLUG}`)
    expect(opened.status).toBe(200)
    expect(opened.html).toContain('The first paragraph of plans not yet open')
    expect(opened.html).not.toContain('is not open for consultation yet')
  })

  it('takes a withdrawn invitation to a draft to no page of the guide', async () => {
    const made = await c.admin.expect<{ id: string; token: string }>(
      201,
      'POST',
      '/api/guides/elsewhere/invitations',
      { role: 'reviewer' },
    )
    // A second guide held in draft, invited to and the invitation withdrawn.
    await c.addGuide({ slug: 'second-draft', markdown: '# Second draft\n\nWords.\n' })
    const withdrawn = await c.invite('second-draft')
    await c.admin.expect(204, 'DELETE', `/api/guides/second-draft/invitations/${withdrawn.id}`)
    const gone = await page(c.visitor(), `/invitations/${withdrawn.token}`)
    expect(gone.status).toBe(410)
    expect(gone.html).toContain('Ask whoever sent it for a new one.')
    expect(gone.html).not.toContain('href="/g/second-draft')
    expect((await page(c.visitor(), `/invitations/${withdrawn.token}/privacy`)).status).toBe(410)
    // To a guide anyone may read, the way to it stays.
    await c.admin.expect(204, 'DELETE', `/api/guides/elsewhere/invitations/${made.id}`)
    expect((await page(c.visitor(), `/invitations/${made.token}`)).html).toContain('href="/g/elsewhere"')
  })
})
