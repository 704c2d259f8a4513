import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { consultation, type Consultation } from '../support/consultation.ts'
import { databaseKind } from '../support/database.ts'
import { DEFAULT_POLICY } from '../../src/moderation/moderation-log.service.ts'

interface LogJson {
  policy: string
  items: {
    at: string
    blockKey: string | null
    number: string | null
    edition: number
    reasonCode: string
    reason: string
    restoredAt: string | null
  }[]
  next: string | null
}
interface CommentJson {
  id: string
  state: string
  hiddenReason?: string | null
  hiddenReasonCode?: string | null
}

const GUIDE = '# Open\n\nThe first paragraph.\n\nThe second paragraph, about parking.\n'

describe(`moderation is seen to be fair: reason codes, a policy and a public log (${databaseKind})`, () => {
  let c: Consultation<'rita' | 'sam'>
  const log = async (client = c.visitor(), query = '') => {
    const response = await client.request(`/api/guides/open/moderation-log${query}`)
    expect(response.status).toBe(200)
    return (await response.json()) as LogJson
  }

  beforeAll(async () => {
    c = await consultation({
      guides: [{ slug: 'open', markdown: GUIDE, state: 'open' }],
      admin: { email: 'ed@example.org', name: 'Ed' },
      people: {
        rita: { email: 'rita@example.org', name: 'Rita Reviewer' },
        sam: { email: 'sam@example.org', name: 'Sam' },
      },
      comments: [
        { name: 'rude', by: 'rita', on: 'The second', body: 'The clerk, Mr Jones of 4 Elm Road, is a fool.' },
        { name: 'spam', by: 'sam', on: null, body: 'Buy cheap parking permits at example.com' },
        { name: 'fine', by: 'sam', on: 'The first', body: 'This reads well.' },
      ],
    })
  })
  afterAll(async () => {
    await c.close()
  })

  it('refuses to hide without a reason code, or with one it does not know, changing nothing', async () => {
    const id = c.ids.rude ?? ''
    for (const body of [{ reason: 'Names a person.' }, { reasonCode: 'rude', reason: 'Names a person.' }]) {
      const refused = await c.admin.send('POST', `/api/comments/${id}/hide`, body)
      expect(refused.status).toBe(422)
      const problem = (await refused.json()) as { errors: { pointer: string }[] }
      expect(problem.errors.map((e) => e.pointer)).toEqual(['/reasonCode'])
    }
    expect((await log()).items).toEqual([])
    const mine = (await (await c.people.rita.request(`/api/comments/${id}`)).json()) as CommentJson
    expect(mine.state).toBe('published')
  })

  it('hides with a code its author and the editors see, and the public log shows when, where and why only', async () => {
    const hidden = await c.admin.send('POST', `/api/comments/${c.ids.rude ?? ''}/hide`, {
      reasonCode: 'personal-data',
      reason: 'It gives a member of staff’s home address.',
    })
    expect(hidden.status).toBe(200)
    expect(await hidden.json()).toMatchObject({ state: 'hidden', hiddenReasonCode: 'personal-data' })
    const own = (await (
      await c.people.rita.request(`/api/comments/${c.ids.rude ?? ''}`)
    ).json()) as CommentJson
    expect(own).toMatchObject({
      hiddenReasonCode: 'personal-data',
      hiddenReason: 'It gives a member of staff’s home address.',
    })
    expect((await c.people.sam.request(`/api/comments/${c.ids.rude ?? ''}`)).status).toBe(404)
    expect(
      (
        await c.admin.send('POST', `/api/comments/${c.ids.spam ?? ''}/hide`, {
          reasonCode: 'spam',
          reason: 'Advertising.',
        })
      ).status,
    ).toBe(200)

    const entries = (await log()).items
    expect(entries).toEqual([
      {
        at: expect.any(String) as unknown,
        blockKey: null,
        number: null,
        edition: 1,
        reasonCode: 'spam',
        reason: 'Advertising.',
        restoredAt: null,
      },
      {
        at: expect.any(String) as unknown,
        blockKey: c.guide.key('The second'),
        number: expect.any(String) as unknown,
        edition: 1,
        reasonCode: 'personal-data',
        reason: 'It gives a member of staff’s home address.',
        restoredAt: null,
      },
    ])
    // Never the hidden words, nor whose they were: not in the API, not on the page.
    const page = await (await c.visitor().request('/g/open/moderation-log')).text()
    for (const text of [JSON.stringify(entries), page]) {
      expect(text).not.toContain('Elm Road')
      expect(text).not.toContain('Rita')
      expect(text).not.toContain('cheap parking')
      expect(text).not.toContain('Sam')
    }
    expect(page).toContain('Personal data')
    expect(page).toContain('It gives a member of staff’s home address.')
    expect(page).toContain('General discussion of edition 1')
  })

  it('keeps a hiding in the record after the comment is restored, and the author sees the code on the thread page', async () => {
    const ownPage = await (await c.people.rita.request(`/g/open/1/b/${c.guide.key('The second')}`)).text()
    expect(ownPage).toContain('Hidden by a moderator (Personal data):')
    const before = (await log()).items.map((e) => e.at)
    expect((await c.admin.send('POST', `/api/comments/${c.ids.spam ?? ''}/restore`)).status).toBe(200)
    const [spam, rude] = (await log()).items
    expect((await log()).items.map((e) => e.reasonCode)).toEqual(['spam', 'personal-data'])
    // The restored comment's entry says so, and when; the one still hidden says nothing of the kind.
    expect(spam?.restoredAt).toEqual(expect.any(String))
    expect(Date.parse(spam?.restoredAt ?? '')).toBeGreaterThanOrEqual(Date.parse(before[0] ?? ''))
    expect(rude?.restoredAt).toBeNull()
    const page = await (await c.visitor().request('/g/open/moderation-log')).text()
    expect(page.match(/Restored <time/g)).toHaveLength(1)
    const rows = page.split('<tr>')
    expect(rows.find((row) => row.includes('Advertising.'))).toContain('Restored <time')
    const welsh = await (
      await c.visitor().request('/g/open/moderation-log', {
        headers: { 'accept-language': 'cy-GB,cy;q=0.9' },
      })
    ).text()
    expect(welsh.match(/Adferwyd <time/g)).toHaveLength(1)
    expect(welsh).not.toContain('Restored')
  })

  it('shows the default policy until the editors write their own, which only they may', async () => {
    expect((await log()).policy).toBe(DEFAULT_POLICY)
    const policy = 'We hide comments that name council staff.\n\nAsk the clerk if you disagree.'
    expect((await c.people.rita.send('PATCH', '/api/guides/open/settings', { policy })).status).toBe(403)
    const saved = await c.admin.send('PATCH', '/api/guides/open/settings', { policy })
    expect(saved.status).toBe(200)
    expect(await saved.json()).toMatchObject({ policy })
    expect((await log()).policy).toBe(policy)
    const page = await (await c.visitor().request('/g/open/moderation-log')).text()
    expect(page).toContain('<p>We hide comments that name council staff.</p>')
    expect(page).toContain('<p>Ask the clerk if you disagree.</p>')
    expect((await c.admin.send('PATCH', '/api/guides/open/settings', { policy: '   ' })).status).toBe(422)
    expect((await c.admin.send('PATCH', '/api/guides/open/settings', { policy: null })).status).toBe(200)
    expect((await log()).policy).toBe(DEFAULT_POLICY)
  })

  it('leads to the log from the guide’s reading page, and refuses a page that is not one', async () => {
    const reading = await (await c.visitor().request('/g/open/1')).text()
    const footer = reading.slice(reading.indexOf('<footer class="site-footer">'))
    expect(footer).toContain('<a href="/g/open/moderation-log">Moderation log')
    expect((await c.visitor().request('/api/guides/open/moderation-log?cursor=abc')).status).toBe(422)
    expect((await c.visitor().request('/g/open/moderation-log?cursor=abc')).status).toBe(422)
    expect((await c.visitor().request('/api/guides/nowhere/moderation-log')).status).toBe(404)
    expect((await log(c.visitor(), '?cursor=1')).items).toEqual([])
  })

  it('leads to the guide’s privacy notice and moderation log from the footer of every page of the guide', async () => {
    const { token } = await c.admin.expect<{ token: string }>(201, 'POST', '/api/guides/open/invitations', {
      role: 'reviewer',
    })
    const key = c.guide.key('The first')
    const pages: [ReturnType<typeof c.visitor>, string][] = [
      [c.visitor(), '/g/open/1'],
      [c.visitor(), `/g/open/1/b/${key}`],
      [c.visitor(), '/g/open/1/discussion'],
      [c.visitor(), '/g/open/search?q=parking'],
      [c.visitor(), '/g/open/participants'],
      [c.visitor(), '/g/open/privacy'],
      [c.visitor(), '/g/open/moderation-log'],
      [c.visitor(), `/invitations/${token}`],
      [c.admin, '/g/open/manage'],
      [c.admin, '/g/open/1/triage'],
      [c.admin, '/g/open/moderation'],
    ]
    for (const [client, path] of pages) {
      const response = await client.request(path)
      expect(response.status, path).toBe(200)
      const html = await response.text()
      const footer = html.slice(html.indexOf('<footer class="site-footer">'))
      expect(footer, path).toContain('<a href="/g/open/privacy">')
      expect(footer, path).toContain('<a href="/g/open/moderation-log">')
      expect(footer, path).toContain('<a href="/accessibility">')
    }
  })
})
