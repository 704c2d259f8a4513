import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseKind } from '../support/database.ts'
import { consultation, type Consultation } from '../support/consultation.ts'

interface Part {
  text: string
  change?: 'del' | 'ins'
}
interface CommentJson {
  id: string
  kind: string
  proposal: string | null
  proposalRedline: Part[] | null
  state: string
}
interface Problem {
  code: string
  errors?: { pointer: string }[]
}

const SOURCE = [
  '# Councillors online',
  '',
  'Post when you have something **useful** to say, and say it plainly.',
  '',
  '- Reply to residents within two working days.',
  '- Never share casework details.',
  '',
].join('\n')

/** The redline as text: words taken out in [-…-], words put in in {+…+}. */
const marked = (parts: readonly Part[]) =>
  parts
    .map((p) => (p.change === 'del' ? `[-${p.text}-]` : p.change === 'ins' ? `{+${p.text}+}` : p.text))
    .join('')

describe(`suggested wording (${databaseKind})`, () => {
  let c: Consultation<'rita' | 'sam'>
  const thread = (at: string) => `/api/guides/guide/editions/1/blocks/${c.guide.key(at)}/comments`

  beforeAll(async () => {
    c = await consultation({
      guides: [{ slug: 'guide', markdown: SOURCE, state: 'open' }],
      people: {
        rita: { email: 'rita@example.org', name: 'Rita Reviewer' },
        sam: { email: 'sam@example.org', name: 'Sam Reviewer' },
      },
    })
  })
  afterAll(async () => {
    await c.close()
  })

  it('takes new wording for a quoted phrase and answers with the paragraph redlined', async () => {
    const posted = await c.people.rita.expect<CommentJson>(201, 'POST', thread('Post when'), {
      kind: 'suggestion',
      body: 'Plainer.',
      quote: { exact: 'say it plainly', prefix: 'and ', suffix: '.' },
      proposal: 'keep it short',
    })
    expect(posted).toMatchObject({ kind: 'suggestion', proposal: 'keep it short', state: 'published' })
    expect(marked(posted.proposalRedline ?? [])).toBe(
      'Post when you have something useful to say, and [-say-]{+keep+} it [-plainly-]{+short+}.',
    )
    // The thread shows the same to the public.
    const page = (await (await c.visitor().request(thread('Post when'))).json()) as { items: CommentJson[] }
    expect(page.items.find((item) => item.id === posted.id)).toMatchObject({
      proposal: 'keep it short',
      proposalRedline: posted.proposalRedline,
    })
  })

  it('takes new wording for a whole list item, which stays a list item', async () => {
    const posted = await c.people.sam.expect<CommentJson>(201, 'POST', thread('Reply to residents'), {
      kind: 'suggestion',
      body: 'Two days is too slow.',
      proposal: '- Reply to residents within one working day.',
    })
    expect(marked(posted.proposalRedline ?? [])).toBe(
      'Reply to residents within [-two-]{+one+} working [-days-]{+day+}.',
    )
    // Written as its words alone, as the composer offers them, it keeps its list marker.
    const words = await c.people.rita.expect<CommentJson>(201, 'POST', thread('Never share'), {
      kind: 'suggestion',
      body: 'Plainer.',
      proposal: 'Never share casework.',
    })
    expect(marked(words.proposalRedline ?? [])).toBe('Never share casework[- details-].')
  })

  it('refuses wording that is empty, the same as now, or another kind of block, pointing at it', async () => {
    const refused = async (body: Record<string, unknown>, at = 'Post when') => {
      const response = await c.people.rita.send('POST', thread(at), {
        kind: 'suggestion',
        body: 'x',
        ...body,
      })
      const problem = (await response.json()) as Problem
      return { status: response.status, code: problem.code, pointer: problem.errors?.[0]?.pointer }
    }
    expect(await refused({})).toEqual({ status: 422, code: 'proposal-empty', pointer: '/proposal' })
    expect(await refused({ proposal: '   ' })).toEqual({
      status: 422,
      code: 'proposal-empty',
      pointer: '/proposal',
    })
    expect(await refused({ proposal: 'say it  plainly', quote: { exact: 'say it plainly' } })).toEqual({
      status: 422,
      code: 'proposal-unchanged',
      pointer: '/proposal',
    })
    expect(
      await refused({ proposal: 'Post when you have something **useful** to say, and say it plainly.' }),
    ).toMatchObject({ status: 422, code: 'proposal-unchanged' })
    // A paragraph turned into a heading, or into two paragraphs.
    expect(await refused({ proposal: '## Post wisely' })).toMatchObject({
      status: 422,
      code: 'proposal-changes-kind',
    })
    expect(
      await refused({ proposal: 'say it\n\nclearly', quote: { exact: 'say it plainly' } }),
    ).toMatchObject({
      status: 422,
      code: 'proposal-changes-kind',
    })
    // A list item that is no longer one.
    expect(await refused({ proposal: 'Reply within a day.\n\nOr two.' }, 'Reply to residents')).toMatchObject(
      {
        status: 422,
        code: 'proposal-changes-kind',
      },
    )
    // Words running across the paragraph's emphasis cannot be replaced on their own.
    expect(await refused({ proposal: 'anything worth', quote: { exact: 'something useful' } })).toMatchObject(
      {
        status: 422,
        code: 'quote-spans-formatting',
        pointer: '/quote/exact',
      },
    )
  })

  it('refuses wording on other kinds, in the general discussion and in replies', async () => {
    const onComment = await c.people.rita.send('POST', thread('Post when'), {
      kind: 'comment',
      body: 'x',
      proposal: 'y',
    })
    expect(onComment.status).toBe(422)
    expect(((await onComment.json()) as Problem).errors?.[0]?.pointer).toBe('/proposal')
    const general = await c.people.rita.send('POST', '/api/guides/guide/editions/1/comments', {
      kind: 'suggestion',
      body: 'x',
      proposal: 'y',
    })
    expect(general.status).toBe(422)
    const parent = await c.post(c.people.sam, 'Post when', { body: 'A point.' })
    const reply = await c.people.rita.send('POST', thread('Post when'), {
      kind: 'suggestion',
      body: 'x',
      proposal: 'Post rarely.',
      parentId: parent,
    })
    expect(reply.status).toBe(422)
  })

  it('lets its author change the wording while the window is open, checked again, and withdraw it', async () => {
    const posted = await c.people.rita.expect<CommentJson>(201, 'POST', thread('Never share'), {
      kind: 'suggestion',
      body: 'Stronger.',
      quote: { exact: 'Never share' },
      proposal: 'Do not ever share',
    })
    const edited = await c.people.rita.expect<CommentJson>(200, 'PATCH', `/api/comments/${posted.id}`, {
      proposal: 'Never disclose',
    })
    expect(marked(edited.proposalRedline ?? [])).toBe('Never [-share-]{+disclose+} casework details.')
    const bad = await c.people.rita.send('PATCH', `/api/comments/${posted.id}`, { proposal: '' })
    expect(bad.status).toBe(422)
    // Someone else's suggestion is not theirs to change.
    expect((await c.people.sam.send('PATCH', `/api/comments/${posted.id}`, { proposal: 'x' })).status).toBe(
      403,
    )
    // Turned into a plain comment, it carries no wording.
    const plain = await c.people.rita.expect<CommentJson>(200, 'PATCH', `/api/comments/${posted.id}`, {
      kind: 'comment',
    })
    expect(plain).toMatchObject({ kind: 'comment', proposal: null, proposalRedline: null })
    const again = await c.people.rita.expect<CommentJson>(200, 'PATCH', `/api/comments/${posted.id}`, {
      kind: 'suggestion',
      proposal: 'Never reveal',
    })
    expect(again.proposal).toBe('Never reveal')
    const withdrawn = await c.people.rita.expect<CommentJson>(
      200,
      'POST',
      `/api/comments/${posted.id}/withdraw`,
    )
    expect(withdrawn).toMatchObject({ state: 'withdrawn', proposal: null, proposalRedline: null })
  })
})
