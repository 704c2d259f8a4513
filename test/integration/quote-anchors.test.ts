import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { consultation, type CommentSpec, type Consultation } from '../support/consultation.ts'
import { databaseKind } from '../support/database.ts'
import type { Client } from '../support/session.ts'
import { failures, loadMusts, w3cTestsExist } from '../support/annotation-schemas.ts'

const FIRST = `# Keeping logs

Operators shall retain access logs for ninety days and shall review them weekly for signs of misuse.

Backups are encrypted at rest with keys held by the security team.
`
// Edition 2: an edit elsewhere in the first paragraph, a quoted phrase reworded, one deleted.
const SECOND = `# Keeping logs

In every region, operators shall retain access logs for ninety days and shall review them monthly for signs of abuse.

Backups are encrypted with keys held by the security team.
`

interface Anchor {
  blockKey: string | null
  placedBy: string
  quote: { exact: string; prefix?: string; suffix?: string; status: string } | null
}
interface CommentJson {
  id: string
  quote: { exact: string } | null
  anchor?: Anchor
}
interface Selector {
  value: string
  refinedBy?: { type: string; exact: string }
}
type Target = { source: string; selector: Selector } | string
interface AnnotationJson {
  target: Target | Target[]
}
interface Counts {
  quotes: Record<string, { exact: string; commentIds: string[] }[]>
}

describe(`quotes found again in the next edition (${databaseKind})`, () => {
  let c: Consultation<'reviewer'>
  let editor: Client
  let reviewer: Client
  let ids: Record<string, string> = {}
  const keys: Record<string, string> = {}

  beforeAll(async () => {
    const quoted = (name: string, on: string, quote: CommentSpec<'reviewer'>['quote']) => ({
      name,
      by: 'reviewer' as const,
      on,
      body: `About ${name}`,
      quote,
    })
    c = await consultation({
      guides: [{ slug: 'logs', markdown: FIRST, openAfterJoining: true }],
      admin: { email: 'ed@example.org', name: 'Ed' },
      people: { reviewer: { email: 'rita@example.org', name: 'Rita' } },
      comments: [
        quoted('ninety', 'Operators', { exact: 'access logs for ninety days', prefix: 'shall retain ' }),
        quoted('ninetyAgain', 'Operators', { exact: 'access logs for ninety days', prefix: 'shall retain ' }),
        quoted('misuse', 'Operators', { exact: 'signs of misuse', prefix: 'weekly for ', suffix: '.' }),
        quoted('atRest', 'Backups', { exact: 'at rest', prefix: 'encrypted ', suffix: ' with keys' }),
      ],
    })
    editor = c.admin
    reviewer = c.people.reviewer
    ids = c.ids
    keys.retain = c.guide.key('Operators')
    keys.backups = c.guide.key('Backups')
    expect(
      (await editor.send('POST', '/api/guides/logs/editions/1/transitions', { to: 'closed' })).status,
    ).toBe(200)
    const created = await editor.send('POST', '/api/guides/logs/editions', { markdown: SECOND })
    expect(created.status).toBe(201)
    expect(
      (await editor.send('POST', '/api/guides/logs/editions/2/transitions', { to: 'open' })).status,
    ).toBe(200)
  })
  afterAll(async () => {
    await c.close()
  })

  const thread = async (client: Client, key: string) => {
    const response = await client.request(`/api/guides/logs/editions/2/blocks/${key}/comments`)
    expect(response.status).toBe(200)
    return ((await response.json()) as { items: CommentJson[] }).items
  }

  it('says where each carried quote was found in the new edition: exactly, reworded, or gone', async () => {
    const retained = await thread(reviewer, keys.retain ?? '')
    const anchorOf = (name: string) => retained.find((c) => c.id === ids[name])?.anchor
    expect(anchorOf('ninety')).toEqual({
      blockKey: keys.retain,
      placedBy: 'lineage',
      quote: expect.objectContaining({ exact: 'access logs for ninety days', status: 'exact' }) as unknown,
    })
    expect(anchorOf('misuse')?.quote).toMatchObject({ exact: 'signs of abuse', status: 'fuzzy' })
    // The comment still shows the words as they were written.
    expect(retained.find((c) => c.id === ids.misuse)?.quote?.exact).toBe('signs of misuse')
    const backups = await thread(reviewer, keys.backups ?? '')
    expect(backups[0]?.anchor?.quote).toMatchObject({ exact: 'at rest', status: 'gone' })
  })

  it('leaves comments on the edition they were written on without an anchor', async () => {
    const first = await reviewer.request(`/api/guides/logs/editions/1/blocks/${keys.retain ?? ''}/comments`)
    const items = ((await first.json()) as { items: CommentJson[] }).items
    expect(items).toHaveLength(3)
    expect(items.every((c) => c.anchor === undefined)).toBe(true)
  })

  it('shows on the thread page that the quoted words are no longer in the paragraph', async () => {
    const page = await (await reviewer.request(`/g/logs/2/b/${keys.backups ?? ''}`)).text()
    expect(page).toContain('The words you quoted are no longer in this paragraph.')
    const someoneElse = await (await c.visitor().request(`/g/logs/2/b/${keys.backups ?? ''}`)).text()
    expect(someoneElse).toContain('The words quoted are no longer in this paragraph.')
    const retained = await (await reviewer.request(`/g/logs/2/b/${keys.retain ?? ''}`)).text()
    expect(retained).toContain('signs of abuse</blockquote>')
    expect(retained).not.toContain('no longer in this paragraph')
  })

  it('gives the reading page each block’s quoted phrases as found, with the comments quoting them', async () => {
    const response = await c.visitor().request('/api/guides/logs/editions/2/counts')
    const counts = (await response.json()) as Counts
    expect(counts.quotes[keys.retain ?? '']).toEqual([
      {
        exact: 'access logs for ninety days',
        prefix: expect.any(String) as unknown,
        suffix: expect.any(String) as unknown,
        commentIds: [ids.ninety, ids.ninetyAgain],
      },
      expect.objectContaining({ exact: 'signs of abuse', commentIds: [ids.misuse] }),
    ])
    // A quote whose words are gone has nothing to highlight.
    expect(counts.quotes[keys.backups ?? '']).toBeUndefined()
    const first = (await (await c.visitor().request('/api/guides/logs/editions/1/counts')).json()) as Counts
    expect(first.quotes[keys.backups ?? '']).toEqual([
      { exact: 'at rest', prefix: 'encrypted ', suffix: ' with keys', commentIds: [ids.atRest] },
    ])
  })

  it('lists a paragraph’s quoted phrases on its thread page in the order they appear, for readers without script', async () => {
    const posted = await reviewer.send(
      'POST',
      `/api/guides/logs/editions/2/blocks/${keys.retain ?? ''}/comments`,
      {
        kind: 'comment',
        body: 'About the region.',
        quote: { exact: 'In every region' },
      },
    )
    expect(posted.status).toBe(201)
    const page = await (await c.visitor().request(`/g/logs/2/b/${keys.retain ?? ''}`)).text()
    const list = page.slice(page.indexOf('Quoted in this paragraph'), page.indexOf('id="thread-title"'))
    const phrases = [...list.matchAll(/<mark>([^<]*)<\/mark>/g)].map((m) => m[1])
    // Written last, the phrase at the paragraph's start comes first.
    expect(phrases).toEqual(['In every region', 'access logs for ninety days', 'signs of abuse'])
    expect(list).toContain(`href="#c${ids.ninety ?? ''}">2 comments</a>`)
  })

  const annotation = async (client: Client, id: string, headers: Record<string, string> = {}) =>
    client.request(`/api/comments/${id}/annotation.jsonld`, { headers })
  const targetsOf = async (client: Client, id: string) => {
    const response = await annotation(client, id)
    expect(response.status).toBe(200)
    const document = (await response.json()) as AnnotationJson
    // Checked against the W3C data-model schemas wherever ../shared holds them (CI always does).
    if (w3cTestsExist || process.env.CI) expect(failures(loadMusts().annotation, document)).toEqual([])
    return Array.isArray(document.target) ? document.target : [document.target]
  }
  const editionOf = (target: Target | undefined) =>
    typeof target === 'object' ? /\/g\/logs\/(\d+)$/.exec(target.source)?.[1] : undefined
  let misuseTag = ''

  it('points the annotation of a carried comment at its words as found in each later edition', async () => {
    const [own, carried, ...rest] = await targetsOf(c.visitor(), ids.misuse ?? '')
    expect(rest).toEqual([])
    expect(editionOf(own)).toBe('1')
    expect(own).toMatchObject({ selector: { value: keys.retain, refinedBy: { exact: 'signs of misuse' } } })
    expect(editionOf(carried)).toBe('2')
    expect(carried).toMatchObject({
      selector: { value: keys.retain, refinedBy: { exact: 'signs of abuse' } },
    })
    // Words that are gone leave the block itself as the target in that edition.
    const [, backups] = await targetsOf(c.visitor(), ids.atRest ?? '')
    expect(backups).toMatchObject({ selector: { value: keys.backups } })
    expect(typeof backups === 'object' && backups.selector.refinedBy).toBeUndefined()
    // The collection of edition 1 says the same as each annotation on its own.
    const page = (await (
      await c.visitor().request('/api/guides/logs/editions/1/annotations.jsonld?page=0')
    ).json()) as { items: (AnnotationJson & { id: string })[] }
    const item = page.items.find((a) => a.id.endsWith(`/comments/${ids.misuse ?? ''}/annotation.jsonld`))
    expect(item?.target).toEqual([own, carried])
    misuseTag = (await annotation(c.visitor(), ids.misuse ?? '')).headers.get('etag') ?? ''
    expect(misuseTag).not.toBe('')
    expect((await annotation(c.visitor(), ids.misuse ?? '', { 'if-none-match': misuseTag })).status).toBe(304)
  })

  describe('an editor placing a carried comment elsewhere in the edition', () => {
    const place = (client: Client, id: string, body: unknown) =>
      client.send('PUT', `/api/guides/logs/editions/2/placements/${id}`, body)
    const counts = async () =>
      (await (await editor.request('/api/guides/logs/editions/2/counts')).json()) as Counts & {
        counts: Record<string, number>
        removed: number
      }

    it('refuses anyone but the guide’s editors, and what does not fit, changing nothing', async () => {
      const before = await counts()
      expect((await place(reviewer, ids.misuse ?? '', { blockKey: keys.backups })).status).toBe(403)
      expect((await place(c.visitor(), ids.misuse ?? '', { blockKey: keys.backups })).status).toBe(401)
      const unknown = await place(editor, ids.misuse ?? '', { blockKey: 'zzzzzzzz' })
      expect(unknown.status).toBe(422)
      expect(((await unknown.json()) as { errors: { pointer: string }[] }).errors[0]?.pointer).toBe(
        '/blockKey',
      )
      expect((await place(editor, ids.misuse ?? '', { blockKey: 'not a key' })).status).toBe(422)
      expect((await place(editor, ids.misuse ?? '', {})).status).toBe(422)
      expect((await place(editor, '999999', { blockKey: keys.backups })).status).toBe(404)
      // A comment written on edition 2 is not carried: it stays where it was written.
      const written = await editor.send(
        'POST',
        `/api/guides/logs/editions/2/blocks/${keys.retain ?? ''}/comments`,
        {
          kind: 'comment',
          body: 'Written on edition 2.',
        },
      )
      const writtenId = ((await written.json()) as { id: string }).id
      expect((await place(editor, writtenId, { blockKey: keys.backups })).status).toBe(404)
      const after = await counts()
      expect(after.counts[keys.backups ?? '']).toBe(before.counts[keys.backups ?? ''])
      expect(after.counts[keys.retain ?? '']).toBe((before.counts[keys.retain ?? ''] ?? 0) + 1)
    })

    it('moves the comment to another block, finding its quote there, shown as placed by an editor and counted', async () => {
      const before = await counts()
      const moved = await place(editor, ids.misuse ?? '', { blockKey: keys.backups })
      expect(moved.status).toBe(200)
      expect(await moved.json()).toEqual({
        commentId: ids.misuse,
        edition: 2,
        anchor: {
          blockKey: keys.backups,
          placedBy: 'editor',
          quote: expect.objectContaining({ status: 'gone' }) as unknown,
        },
      })
      const backups = await thread(reviewer, keys.backups ?? '')
      expect(backups.find((c) => c.id === ids.misuse)?.anchor).toMatchObject({
        placedBy: 'editor',
        blockKey: keys.backups,
      })
      expect((await thread(reviewer, keys.retain ?? '')).map((c) => c.id)).not.toContain(ids.misuse)
      // Its annotation follows it, and a copy kept under the old tag is not reused.
      const fresh = await annotation(c.visitor(), ids.misuse ?? '', { 'if-none-match': misuseTag })
      expect(fresh.status).toBe(200)
      const [, placed] = (await targetsOf(c.visitor(), ids.misuse ?? '')) as { selector: Selector }[]
      expect(placed?.selector.value).toBe(keys.backups)
      const after = await counts()
      expect(after.counts[keys.backups ?? '']).toBe((before.counts[keys.backups ?? ''] ?? 0) + 1)
      expect(after.counts[keys.retain ?? '']).toBe((before.counts[keys.retain ?? ''] ?? 0) - 1)
      // Its highlight leaves the paragraph it left.
      expect(after.quotes[keys.retain ?? '']?.flatMap((q) => q.commentIds)).not.toContain(ids.misuse)
      const audit = (await (await editor.request('/api/audit')).json()) as {
        items: { action: string; subject: string }[]
      }
      expect(audit.items[0]).toMatchObject({ action: 'comment.placed', subject: ids.misuse })
      // Its author is told where it went, and that an editor put it there.
      const mine = (await (await reviewer.request('/api/me/comments')).json()) as {
        items: { id: string; change: { placedBy: string; block: { number: string } | null } | null }[]
      }
      const change = mine.items.find((c) => c.id === ids.misuse)?.change
      expect(change?.placedBy).toBe('editor')
      const page = await (await reviewer.request('/me/comments')).text()
      expect(page).toContain(`An editor placed your comment on paragraph ${change?.block?.number ?? '?'}.`)
    })

    it('places a comment back under "comments on removed text", as the export of its edition says', async () => {
      const before = await counts()
      const moved = await place(editor, ids.ninetyAgain ?? '', { blockKey: null })
      expect(moved.status).toBe(200)
      expect(((await moved.json()) as { anchor: Anchor }).anchor).toMatchObject({
        blockKey: null,
        placedBy: 'editor',
      })
      const after = await counts()
      expect(after.removed).toBe(before.removed + 1)
      const exported = (await (await editor.request('/api/guides/logs/editions/1/feedback.json')).json()) as {
        id: string
        nextBlockKey: string | null
      }[]
      expect(exported.find((r) => r.id === ids.ninetyAgain)?.nextBlockKey).toBe('removed')
      expect(exported.find((r) => r.id === ids.misuse)?.nextBlockKey).toBe(keys.backups)
    })

    it('offers editors a plain form on each carried comment of a thread page that places it by paragraph number', async () => {
      const form = (fields: Record<string, string>): RequestInit => ({
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(fields),
      })
      const action = `/g/logs/2/placements/${ids.ninety ?? ''}`
      const page = await (await editor.request(`/g/logs/2/b/${keys.retain ?? ''}`)).text()
      expect(page).toContain(`action="${action}"`)
      const readerPage = await (await reviewer.request(`/g/logs/2/b/${keys.retain ?? ''}`)).text()
      expect(readerPage).not.toContain('placements/')
      const blocks = (
        (await (await editor.request('/api/guides/logs/editions/2')).json()) as {
          blocks: { key: string; number: string }[]
        }
      ).blocks
      const backupsNumber = blocks.find((b) => b.key === keys.backups)?.number ?? ''

      const refused = await reviewer.request(action, form({ paragraph: backupsNumber }))
      expect(refused.status).toBe(403)
      const unknown = await editor.request(action, form({ paragraph: '999' }))
      expect(unknown.status).toBe(422)
      expect(await unknown.text()).toContain('has no paragraph 999')
      const moved = await editor.request(action, form({ paragraph: backupsNumber }))
      expect(moved.status).toBe(303)
      expect(moved.headers.get('location')).toBe(`/g/logs/2/b/${keys.backups ?? ''}#c${ids.ninety ?? ''}`)
      const there = await (await reviewer.request(`/g/logs/2/b/${keys.backups ?? ''}`)).text()
      expect(there).toContain('About ninety')
      expect(there).toContain('Placed here by an editor.')
      const removed = await editor.request(action, form({ paragraph: '', removed: '1' }))
      expect(removed.headers.get('location')).toBe(`/g/logs/2/removed#c${ids.ninety ?? ''}`)
      expect((await counts()).removed).toBe(2)
    })

    it('refuses to place a comment in an edition a newer one was made from, changing nothing', async () => {
      const created = await editor.send('POST', '/api/guides/logs/editions', { markdown: SECOND })
      expect(created.status).toBe(201)
      const before = await counts()
      const refused = await place(editor, ids.misuse ?? '', { blockKey: keys.retain })
      expect(refused.status).toBe(409)
      expect(((await refused.json()) as { code: string }).code).toBe('newer-edition-exists')
      expect(await counts()).toEqual(before)
    })

    it('targets a draft edition only in the annotations of those who may read drafts', async () => {
      const publicTargets = await targetsOf(c.visitor(), ids.atRest ?? '')
      expect(publicTargets.map(editionOf)).toEqual(['1', '2'])
      const editorTargets = await targetsOf(editor, ids.atRest ?? '')
      expect(editorTargets.map(editionOf)).toEqual(['1', '2', '3'])
      expect(editorTargets[2]).toMatchObject({ selector: { value: keys.backups } })
    })
  })
})
