import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseKind } from '../support/database.ts'
import { consultation, type Consultation } from '../support/consultation.ts'
import type { Client } from '../support/session.ts'

interface CommentJson {
  id: string
  decision: { decision: string; response: string } | null
}
interface Problem {
  code: string
  currentText?: string | null
}

const SOURCE = [
  '# Councillors online',
  '',
  'Post when you have something useful to say, and say it plainly and briefly.',
  '',
  'Answer residents within two working days.',
  '',
  'Report abusive messages to the monitoring officer.',
  '',
].join('\n')

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
})

describe(`accepting a suggestion into the working draft (${databaseKind})`, () => {
  let c: Consultation<'rita' | 'sam' | 'ed' | 'eve'>
  let ed: Client
  const thread = (at: string) => `/api/guides/guide/editions/1/blocks/${c.guide.key(at)}/comments`
  const suggest = async (who: Client, at: string, proposal: string, quote?: string) =>
    (
      await who.expect<{ id: string }>(201, 'POST', thread(at), {
        kind: 'suggestion',
        body: 'Better words.',
        proposal,
        ...(quote ? { quote: { exact: quote } } : {}),
      })
    ).id
  const accept = (who: Client, id: string, body: unknown = {}) =>
    who.send('POST', `/api/comments/${id}/acceptance`, body)
  const draftText = async () => {
    const response = await ed.request('/g/guide/revise/source.md')
    expect(response.status).toBe(200)
    return response.text()
  }

  beforeAll(async () => {
    c = await consultation({
      config: { rateLimits: { enabled: false } },
      guides: [{ slug: 'guide', markdown: SOURCE, state: 'open' }],
      people: {
        rita: { email: 'rita@example.org', name: 'Rita Reviewer' },
        sam: { email: 'sam@example.org', name: 'Sam Reviewer' },
        ed: { email: 'ed@example.org', name: 'Ed Editor', role: 'editor' },
        eve: { email: 'eve@example.org', name: 'Eve Editor', role: 'editor' },
      },
    })
    ed = c.people.ed
  })
  afterAll(async () => {
    await c.close()
  })

  it('refuses a response PostgreSQL cannot keep before it opens a working draft, changing nothing', async () => {
    const id = await suggest(c.people.sam, 'Answer residents', 'Answer residents within a day.')
    const drafts = () => c.database.db.selectFrom('workingDrafts').select('guideId').execute()
    expect(await drafts()).toEqual([])
    const refused = await accept(ed, id, { response: 'Thanks\u0000' })
    expect(refused.status).toBe(422)
    expect(((await refused.json()) as Problem & { errors: { pointer: string }[] }).errors[0]?.pointer).toBe(
      '/response',
    )
    expect(await drafts()).toEqual([])
    const after = await c.people.sam.expect<{ decision: { decision: string } | null }>(
      200,
      'GET',
      `/api/comments/${id}`,
    )
    expect(after.decision?.decision ?? 'open').toBe('open')
  })

  it('puts the wording into the working draft and accepts the suggestion with the response, in one action', async () => {
    const id = await suggest(c.people.rita, 'Post when', 'keep it short', 'say it plainly and briefly')
    const response = await accept(ed, id, { response: 'Shorter is better.' })
    expect(response.status).toBe(200)
    const { comment, block } = (await response.json()) as {
      comment: CommentJson
      block: { markdown: string }
    }
    expect(comment.decision).toMatchObject({ decision: 'accepted', response: 'Shorter is better.' })
    expect(block.markdown).toBe('Post when you have something useful to say, and keep it short.')
    expect(await draftText()).toContain('Post when you have something useful to say, and keep it short.')
    // The author and the public see the decision, and the author is told of it, as of any decision.
    const seen = await c.visitor().expect<CommentJson>(200, 'GET', `/api/comments/${id}`)
    expect(seen.decision?.decision).toBe('accepted')
    const notices = await c.people.rita.expect<{
      items: { type: string; commentId?: string; decision?: string }[]
    }>(200, 'GET', '/api/me/notifications')
    expect(notices.items.filter((n) => n.type === 'comment.decided')).toEqual([
      expect.objectContaining({ commentId: id, decision: 'accepted' }),
    ])
    // Once is enough.
    const again = await accept(c.people.eve, id)
    expect(again.status).toBe(409)
    expect(((await again.json()) as Problem).code).toBe('already-accepted')
  })

  it('takes several suggestions on one paragraph one after another when they do not overlap', async () => {
    const first = await suggest(c.people.rita, 'Answer residents', 'Reply to', 'Answer')
    const second = await suggest(c.people.sam, 'Answer residents', 'one working day', 'two working days')
    expect((await accept(ed, first)).status).toBe(200)
    expect((await accept(c.people.eve, second)).status).toBe(200)
    expect(await draftText()).toContain('Reply to residents within one working day.')
  })

  it('refuses with the paragraph as it now is when its words have gone from the draft, changing nothing', async () => {
    const id = await suggest(c.people.sam, 'Report abusive', 'the clerk', 'the monitoring officer')
    // An editor rewrites the paragraph in the working draft first.
    const before = await draftText()
    const rewritten = before.replace(
      'Report abusive messages to the monitoring officer.',
      'Report abusive messages to the police.',
    )
    const edited = await ed.request('/g/guide/revise/text', form({ markdown: rewritten }))
    expect(edited.status).toBe(303)
    const response = await accept(ed, id)
    expect(response.status).toBe(409)
    const problem = (await response.json()) as Problem
    expect(problem).toMatchObject({
      code: 'suggestion-outdated',
      currentText: 'Report abusive messages to the police.',
    })
    expect(await draftText()).toBe(rewritten.endsWith('\n') ? rewritten : `${rewritten}\n`)
    const comment = await ed.expect<CommentJson>(200, 'GET', `/api/comments/${id}`)
    expect(comment.decision?.decision).toBe('open')
  })

  it('lets exactly one of two editors accepting at once win; the other is told', async () => {
    const id = await suggest(c.people.rita, 'Report abusive', 'Always report', 'Report')
    const answers = await Promise.all([accept(ed, id), accept(c.people.eve, id)])
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409])
    const refused = answers.find((a) => a.status === 409)
    expect(((await refused?.json()) as Problem).code).toBe('already-accepted')
    expect((await draftText()).match(/Always report/g)).toHaveLength(1)
  })

  it('offers the most agreed first in triage, and accepts a suggestion from there', async () => {
    const id = await suggest(c.people.rita, 'Report abusive', 'posts', 'messages')
    expect((await c.people.sam.send('PUT', `/api/comments/${id}/agreement`)).status).toBe(200)
    const html = await (await ed.request('/g/guide/1/triage?sort=agreed&decision=open')).text()
    const order = [...html.matchAll(/<article[^>]* id="c(\d+)"/g)].map((m) => m[1])
    expect(order[0]).toBe(id)
    expect(html).toContain('1 person agrees')
    expect(html).toContain('Accept this wording into the working draft')
    const accepted = await ed.request(
      '/g/guide/1/triage/accept?sort=agreed',
      form({ commentId: id, response: 'Clearer.' }),
    )
    expect(accepted.status).toBe(303)
    expect(await draftText()).toContain('abusive posts')
    const again = await ed.request('/g/guide/1/triage/accept', form({ commentId: id }))
    expect(again.status).toBe(409)
    expect(await again.text()).toContain('accepted this suggestion already')
  })

  it('refuses from triage a response the API refuses, saying why, accepting nothing', async () => {
    const id = await suggest(c.people.rita, 'Report abusive', 'hateful', 'abusive')
    const api = await accept(ed, id, { response: 'x'.repeat(10_001) })
    expect(api.status).toBe(422)
    const refused = await ed.request(
      '/g/guide/1/triage/accept',
      form({ commentId: id, response: 'x'.repeat(10_001) }),
    )
    expect(refused.status).toBe(422)
    expect(await refused.text()).toContain('Keep the response under 10,000 characters.')
    expect(await draftText()).not.toContain('hateful')
    const comment = await ed.expect<CommentJson>(200, 'GET', `/api/comments/${id}`)
    expect(comment.decision?.decision).toBe('open')
  })

  it('accepts only suggestions, and only for the guide’s editors', async () => {
    const plain = await c.post(c.people.sam, 'Post when', { body: 'Just a comment.' })
    const notSuggestion = await accept(ed, plain)
    expect(notSuggestion.status).toBe(409)
    expect(((await notSuggestion.json()) as Problem).code).toBe('not-a-suggestion')
    const id = await suggest(c.people.sam, 'Post when', 'something worth saying', 'something useful')
    expect((await accept(c.people.rita, id)).status).toBe(403)
    expect((await accept(c.visitor(), id)).status).toBe(401)
  })

  it('tells an author whose suggestion was accepted by a decision alone just that, not that it went into a draft', async () => {
    const id = await suggest(c.people.rita, 'Report abusive', 'Report abusive messages to the clerk.')
    await ed.expect(200, 'PUT', `/api/comments/${id}/decision`, {
      decision: 'accepted',
      response: 'We will change it ourselves.',
      draft: false,
    })
    const mine = (await (await c.people.rita.request('/api/me/comments')).json()) as {
      items: { id: string; suggestion: { accepted: boolean; intoDraft: boolean; takenInto: number | null } }[]
    }
    expect(mine.items.find((i) => i.id === id)?.suggestion).toMatchObject({
      accepted: true,
      intoDraft: false,
      takenInto: null,
    })
    const page = await (await c.people.rita.request('/me/comments')).text()
    const from = page.slice(page.indexOf(`aria-labelledby="mine-${id}"`))
    const card = from.slice(0, from.indexOf('</article>'))
    expect(card).toContain('The editors accepted your suggestion. The wording you suggested:')
    expect(card).not.toContain('accepted into the draft of the next edition')
  })

  it('marks the block edited when the next edition is made from the draft, and tells the author', async () => {
    const id = await suggest(c.people.sam, 'Post when', 'anything useful', 'something useful')
    expect((await accept(ed, id)).status).toBe(200)
    const preview = await (await ed.request('/g/guide/revise/preview')).text()
    const field = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(preview)?.[1] ?? ''
    const created = await ed.request(
      '/g/guide/revise/create',
      form({ base: field('base'), version: field('version') }),
    )
    expect(created.status).toBe(303)
    const lineage = (await (await ed.request('/api/guides/guide/editions/2/lineage')).json()) as {
      blocks: { key: string; change: string }[]
    }
    expect(lineage.blocks.find((b) => b.key === c.guide.key('Post when'))?.change).toBe('edited')
    expect((await ed.send('POST', '/api/guides/guide/editions/2/transitions', { to: 'open' })).status).toBe(
      200,
    )
    const mine = (await (await c.people.sam.request('/api/me/comments')).json()) as {
      items: {
        id: string
        change: { edition: number; lineage: string } | null
        suggestion: { accepted: boolean; takenInto: number | null } | null
      }[]
    }
    const item = mine.items.find((i) => i.id === id)
    expect(item?.change).toMatchObject({ edition: 2, lineage: 'edited' })
    expect(item?.suggestion).toMatchObject({ accepted: true, takenInto: 2 })
    // And their page says so, with the redline.
    const page = await (await c.people.sam.request('/me/comments')).text()
    expect(page).toContain('Your wording was taken into edition 2.')
    expect(page).toContain('<ins>anything</ins>')
  })
})

describe(`accepting wording for a whole formatted paragraph keeps its formatting (${databaseKind})`, () => {
  const FORMATTED = [
    '# Councillors online',
    '',
    'Post *only* when you have [something useful](https://example.org/useful) to say, and say it `plainly`.',
    '',
    'Read *the rules* carefully now, and **always** ask.',
    '',
    '- Reply *within* one working day.',
    '- Keep a note.',
    '',
    'Tell *the clerk*.',
    '',
  ].join('\n')
  let c: Consultation<'rita' | 'ed'>
  const thread = (at: string) => `/api/guides/guide/editions/1/blocks/${c.guide.key(at)}/comments`
  /** A suggestion for the whole paragraph, as the composer offers it: the paragraph's words, edited. */
  const takeIn = async (at: string, proposal: string) => {
    const { id } = await c.people.rita.expect<{ id: string }>(201, 'POST', thread(at), {
      kind: 'suggestion',
      body: 'Better words.',
      proposal,
    })
    const accepted = await c.people.ed.send('POST', `/api/comments/${id}/acceptance`, {})
    expect(accepted.status).toBe(200)
    return ((await accepted.json()) as { block: { markdown: string } }).block.markdown
  }

  beforeAll(async () => {
    c = await consultation({
      config: { rateLimits: { enabled: false } },
      guides: [{ slug: 'guide', markdown: FORMATTED, state: 'open' }],
      people: {
        rita: { email: 'rita@example.org', name: 'Rita Reviewer' },
        ed: { email: 'ed@example.org', name: 'Ed Editor', role: 'editor' },
      },
    })
  })
  afterAll(async () => {
    await c.close()
  })

  it('rewrites only the words that changed, keeping emphasis, links and code around them', async () => {
    expect(
      await takeIn('Post only', 'Post only when you have something truly useful to say, and say it plainly.'),
    ).toBe(
      'Post *only* when you have [something truly useful](https://example.org/useful) to say, and say it `plainly`.',
    )
    const draft = await (await c.people.ed.request('/g/guide/revise/source.md')).text()
    expect(draft).toContain('[something truly useful](https://example.org/useful)')
    // The working draft's page shows the formatting, not the marks.
    const page = await (await c.people.ed.request('/g/guide/revise')).text()
    expect(page).toContain('<em>only</em>')
    expect(page).toContain('<code>plainly</code>')
  })

  it('writes words replaced across formatting as proposed, and keeps the formatting elsewhere in the paragraph', async () => {
    // "the rules carefully" runs out of the emphasis: which new words it would cover nobody said.
    expect(await takeIn('Read the rules', 'Read the guide now, and always ask.')).toBe(
      'Read the guide now, and **always** ask.',
    )
  })

  it('keeps a list item in its list, with its formatting', async () => {
    expect(await takeIn('Reply within', 'Reply within two working days.')).toBe(
      '- Reply *within* two working days.',
    )
    const draft = await (await c.people.ed.request('/g/guide/revise/source.md')).text()
    expect(draft).toContain('- Reply *within* two working days.\n- Keep a note.')
  })

  it('takes wording written with Markdown of its own as its author wrote it', async () => {
    expect(await takeIn('Tell the clerk', 'Tell **the monitoring officer**.')).toBe(
      'Tell **the monitoring officer**.',
    )
  })
})

describe(`accepting wording keeps footnote calls and reference links defined elsewhere (${databaseKind})`, () => {
  const NOTED = [
    '# Councillors online',
    '',
    'Second paragraph with **bold** text and a footnote.[^1]',
    '',
    'Answer residents within two working days.[^2]',
    '',
    'See [the rules][rules] and the [Home] page first.',
    '',
    'Read the code[^1] of conduct every year.',
    '',
    '[rules]: https://example.org/rules',
    '[home]: https://example.org/',
    '',
    '[^1]: The footnote.',
    '[^2]: Working days leave out bank holidays.',
    '',
  ].join('\n')
  let c: Consultation<'rita' | 'ed'>
  const thread = (at: string) => `/api/guides/guide/editions/1/blocks/${c.guide.key(at)}/comments`
  /** The redline as text: words taken out in [-…-], words put in in {+…+}. */
  const marked = (parts: readonly { text: string; change?: 'del' | 'ins' }[]) =>
    parts
      .map((p) => (p.change === 'del' ? `[-${p.text}-]` : p.change === 'ins' ? `{+${p.text}+}` : p.text))
      .join('')
  const suggest = (at: string, proposal: string, quote?: string) =>
    c.people.rita.expect<{ id: string; proposalRedline: { text: string; change?: 'del' | 'ins' }[] }>(
      201,
      'POST',
      thread(at),
      { kind: 'suggestion', body: 'Better words.', proposal, ...(quote ? { quote: { exact: quote } } : {}) },
    )
  const accept = (id: string) => c.people.ed.send('POST', `/api/comments/${id}/acceptance`, {})
  const draftText = async () => (await c.people.ed.request('/g/guide/revise/source.md')).text()

  beforeAll(async () => {
    c = await consultation({
      config: { rateLimits: { enabled: false } },
      guides: [{ slug: 'guide', markdown: NOTED, state: 'open' }],
      people: {
        rita: { email: 'rita@example.org', name: 'Rita Reviewer' },
        ed: { email: 'ed@example.org', name: 'Ed Editor', role: 'editor' },
      },
    })
  })
  afterAll(async () => {
    await c.close()
  })

  it('keeps the bold and the footnote call of a paragraph whose wording is taken whole', async () => {
    const posted = await suggest('Second paragraph', 'Second paragraph with bold text and one footnote.')
    expect(marked(posted.proposalRedline)).toBe('Second paragraph with bold text and [-a-]{+one+} footnote.')
    const accepted = await accept(posted.id)
    expect(accepted.status).toBe(200)
    const { block } = (await accepted.json()) as { block: { markdown: string } }
    expect(block.markdown).toBe('Second paragraph with **bold** text and one footnote.[^1]')
    const draft = await draftText()
    expect(draft).toContain('Second paragraph with **bold** text and one footnote.[^1]\n')
    expect(draft).toContain('[^1]: The footnote.')
    // On the draft's page the call still leads to its footnote.
    const page = await (await c.people.ed.request('/g/guide/revise')).text()
    expect(page).toContain('<strong>bold</strong> text and one footnote.<sup><a href="#user-content-fn-1"')
  })

  it('redlines a quoted change on a paragraph calling a footnote with only the words that change', async () => {
    const posted = await suggest('Answer residents', 'one working day', 'two working days')
    expect(marked(posted.proposalRedline)).not.toContain('[^2]')
    expect(marked(posted.proposalRedline)).toBe(
      'Answer residents within [-two-]{+one+} working [-days-]{+day+}.',
    )
    expect((await accept(posted.id)).status).toBe(200)
    expect(await draftText()).toContain('Answer residents within one working day.[^2]\n')
  })

  it('keeps reference links defined elsewhere, and redlines wording for them with only the words that change', async () => {
    const quoted = await suggest('See the rules', 'page today', 'page first')
    expect(marked(quoted.proposalRedline)).toBe('See the rules and the Home page [-first-]{+today+}.')
    const whole = await suggest('See the rules', 'See the new rules and the Home page first.')
    expect(marked(whole.proposalRedline)).toBe('See the {+new +}rules and the Home page first.')
    expect((await accept(whole.id)).status).toBe(200)
    expect(await draftText()).toContain('See [the new rules][rules] and the [Home] page first.\n')
    expect((await accept(quoted.id)).status).toBe(200)
    expect(await draftText()).toContain('See [the new rules][rules] and the [Home] page today.\n')
  })

  it('refuses, changing nothing, wording that replaces the words on both sides of a footnote call', async () => {
    const posted = await suggest('Read the code', 'Read the rules every year.')
    const before = await draftText()
    const refused = await accept(posted.id)
    expect(refused.status).toBe(409)
    expect(((await refused.json()) as Problem).code).toBe('wording-loses-formatting')
    expect(await draftText()).toBe(before)
    expect(before).toContain('Read the code[^1] of conduct every year.')
    const seen = await c.people.rita.expect<CommentJson>(200, 'GET', `/api/comments/${posted.id}`)
    expect(seen.decision?.decision ?? 'open').toBe('open')
  })
})
