import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseKind } from '../support/database.ts'
import { consultation, type Consultation } from '../support/consultation.ts'

interface Theme {
  id: string
  name: string
  description: string
  response: string
  count: number
}
interface Suggestion {
  phrase: string
  commentIds: string[]
}

const TRAINING = [
  'Councillors need training on social media before they post anything.',
  'Please offer training on social media to every new councillor.',
  'More training on social media would stop most of these problems.',
  'I would like training on social media, run by the council itself.',
]
const PRIVACY = [
  'Residents’ personal data must never be shared in a post.',
  'Say what to do with personal data that residents send by message.',
  'A councillor who screenshots a message shares personal data.',
]
const OTHER = ['The guide is too long.', 'Good work.', 'The examples help a lot.']

describe(`themes (${databaseKind})`, () => {
  let c: Consultation<'rita' | 'sam' | 'tom' | 'ed' | 'oli'>
  const themes = '/api/guides/guide/themes'
  const comments: string[] = []
  let training: Theme

  beforeAll(async () => {
    c = await consultation({
      guides: [
        { slug: 'guide', state: 'open' },
        { slug: 'other', state: 'open' },
      ],
      people: {
        rita: { email: 'rita@example.org', name: 'Rita Reviewer' },
        sam: { email: 'sam@example.org', name: 'Sam Reviewer' },
        tom: { email: 'tom@example.org', name: 'Tom Reviewer' },
        ed: { email: 'ed@example.org', name: 'Ed Editor', role: 'editor' },
        oli: { email: 'oli@example.org', name: 'Oli Other', role: 'editor', guide: 'other' },
      },
    })
    const writers = [c.people.rita, c.people.sam, c.people.tom]
    let n = 0
    for (const body of [...TRAINING, ...PRIVACY, ...OTHER]) {
      const who = writers[n % writers.length] ?? c.people.rita
      comments.push(await c.post(who, n % 3 === 2 ? null : (n % 2) + 1, { kind: 'comment', body }))
      n++
    }
  })
  afterAll(async () => {
    await c.close()
  })

  it('suggests themes from the words comments share, each with the comments it would gather', async () => {
    const { items } = await c.people.ed.expect<{ items: Suggestion[] }>(
      200,
      'GET',
      '/api/guides/guide/editions/1/theme-suggestions',
    )
    const social = items.find((s) => /training on social media|social media/i.test(s.phrase))
    expect(social?.commentIds.sort()).toEqual(comments.slice(0, 4).sort())
    const data = items.find((s) => /personal data/i.test(s.phrase))
    expect(data?.commentIds.sort()).toEqual(comments.slice(4, 7).sort())
    // No suggestion is made of words that carry no theme, nor of what fewer than three comments share.
    for (const s of items) {
      expect(s.commentIds.length).toBeGreaterThanOrEqual(3)
      expect(s.phrase).not.toMatch(/^(the|a|of|to|on)$/i)
    }
    // "training" and "social media" gather the same four comments: one suggestion, not three.
    expect(
      items.filter((s) => s.commentIds.sort().join() === comments.slice(0, 4).sort().join()),
    ).toHaveLength(1)
  })

  it('accepts a suggestion in one action: a theme made with its comments', async () => {
    training = await c.people.ed.expect<Theme>(201, 'POST', themes, {
      name: 'Training',
      description: 'Asking for training before posting.',
      commentIds: comments.slice(0, 4),
    })
    expect(training).toMatchObject({ name: 'Training', count: 4, response: '' })
    const list = await c.people.ed.expect<{ items: Theme[]; next: null }>(200, 'GET', themes)
    expect(list.items.map((t) => [t.name, t.count])).toEqual([['Training', 4]])
    // What is gathered drops out of the next suggestions.
    const { items } = await c.people.ed.expect<{ items: Suggestion[] }>(
      200,
      'GET',
      '/api/guides/guide/editions/1/theme-suggestions',
    )
    for (const s of items) for (const id of comments.slice(0, 4)) expect(s.commentIds).not.toContain(id)
  })

  it('refuses a second theme of the same name, however capitalised, and changes nothing', async () => {
    const problem = await c.people.ed.expect<{ errors: { pointer: string }[] }>(422, 'POST', themes, {
      name: 'TRAINING',
    })
    expect(problem.errors[0]?.pointer).toBe('/name')
    expect((await c.people.ed.expect<{ items: Theme[] }>(200, 'GET', themes)).items).toHaveLength(1)
  })

  it('refuses comments of another guide, replies and ids that name nothing, tagging none of them', async () => {
    const elsewhere = await c.post(c.admin, 1, {
      kind: 'comment',
      body: 'On the other guide.',
      guide: 'other',
    })
    for (const ids of [[elsewhere], [comments[7] ?? '', '999999']]) {
      const problem = await c.people.ed.expect<{ errors: { pointer: string }[] }>(
        422,
        'POST',
        `${themes}/${training.id}/comments`,
        { commentIds: ids },
      )
      expect(problem.errors[0]?.pointer).toBe('/commentIds')
    }
    expect((await c.people.ed.expect<{ items: Theme[] }>(200, 'GET', themes)).items[0]?.count).toBe(4)
    for (const body of [
      { name: '' },
      { name: 'x'.repeat(81) },
      { name: 'Fine', extra: true },
      { commentIds: [] },
    ])
      await c.people.ed.expect(422, 'POST', themes, body)
  })

  it('tags in bulk once, tags one comment by its own route, and takes one out', async () => {
    const privacy = await c.people.ed.expect<Theme>(201, 'POST', themes, { name: 'Personal data' })
    const bulk = await c.people.ed.expect<{ changed: number; theme: Theme }>(
      200,
      'POST',
      `${themes}/${privacy.id}/comments`,
      { commentIds: [...comments.slice(4, 7), comments[4]] },
    )
    expect(bulk).toMatchObject({ changed: 3, theme: { count: 3 } })
    // Again: nothing new.
    expect(
      await c.people.ed.expect(200, 'POST', `${themes}/${privacy.id}/comments`, {
        commentIds: comments.slice(4, 6),
      }),
    ).toMatchObject({ changed: 0, theme: { count: 3 } })
    // A comment in both themes, set by its own route; names come back sorted.
    const both = await c.people.ed.expect<{ themes: { name: string }[] }>(
      200,
      'PUT',
      `/api/comments/${comments[0] ?? ''}/themes`,
      { themeIds: [training.id, privacy.id] },
    )
    expect(both.themes.map((t) => t.name)).toEqual(['Personal data', 'Training'])
    // Setting fewer takes the rest off.
    const one = await c.people.ed.expect<{ themes: { name: string }[] }>(
      200,
      'PUT',
      `/api/comments/${comments[0] ?? ''}/themes`,
      { themeIds: [privacy.id] },
    )
    expect(one.themes.map((t) => t.name)).toEqual(['Personal data'])
    const out = await c.people.ed.expect<{ changed: number; theme: Theme }>(
      200,
      'DELETE',
      `${themes}/${privacy.id}/comments/${comments[0] ?? ''}`,
    )
    expect(out).toMatchObject({ changed: 1, theme: { count: 3 } })
    const counts = await c.people.ed.expect<{ items: Theme[] }>(200, 'GET', themes)
    expect(counts.items.map((t) => [t.name, t.count])).toEqual([
      ['Personal data', 3],
      ['Training', 3],
    ]) // The audit log says who gathered how many under which theme, once per action, not once per comment.
    const audit = await (await c.admin.request('/admin/audit')).text()
    expect(audit.match(/put 3 comments under the theme “Personal data”/g)).toHaveLength(1)
    expect(audit).toContain(`took comment ${comments[0] ?? ''} out of the theme “Personal data”`)
  })

  it("records the editors' one response to a theme, and renames it", async () => {
    const answered = await c.people.ed.expect<Theme>(200, 'PATCH', `${themes}/${training.id}`, {
      name: 'Training for councillors',
      response: 'Edition 2 adds a section on training, offered to every new councillor.',
    })
    expect(answered).toMatchObject({
      name: 'Training for councillors',
      response: 'Edition 2 adds a section on training, offered to every new councillor.',
      count: 3,
    })
    const problem = await c.people.ed.expect<{ errors: { pointer: string }[] }>(
      422,
      'PATCH',
      `${themes}/${training.id}`,
      { name: 'personal DATA' },
    )
    expect(problem.errors[0]?.pointer).toBe('/name')
  })

  it('refuses a theme of another guide on a comment, and a reply', async () => {
    const foreign = await c.people.oli.expect<Theme>(201, 'POST', '/api/guides/other/themes', {
      name: 'Elsewhere',
    })
    await c.people.ed.expect(422, 'PUT', `/api/comments/${comments[1] ?? ''}/themes`, {
      themeIds: [foreign.id],
    })
    // Oli edits the other guide only.
    await c.people.oli.expect(403, 'PUT', `/api/comments/${comments[1] ?? ''}/themes`, { themeIds: [] })
    await c.people.oli.expect(403, 'GET', themes)
    await c.people.oli.expect(404, 'PATCH', `/api/guides/other/themes/${training.id}`, { response: 'x' })
    const reply = await c.people.sam.expect<{ id: string }>(
      201,
      'POST',
      `/api/guides/guide/editions/1/blocks/${c.guide.key(1)}/comments`,
      { kind: 'comment', body: 'Agreed.', parentId: comments[0] },
    )
    const refused = await c.people.ed.expect<{ errors: { pointer: string }[] }>(
      422,
      'PUT',
      `/api/comments/${reply.id}/themes`,
      { themeIds: [training.id] },
    )
    expect(refused.errors[0]?.pointer).toBe('/themeIds')
  })

  it('shows themes to the guide’s editors only', async () => {
    await c.visitor().expect(401, 'GET', themes)
    await c.people.rita.expect(403, 'GET', themes)
    await c.people.rita.expect(403, 'GET', '/api/guides/guide/editions/1/theme-suggestions')
    await c.people.rita.expect(403, 'PUT', `/api/comments/${comments[0] ?? ''}/themes`, { themeIds: [] })
  })

  it('deletes a theme: its comments lose the tag and nothing else', async () => {
    await c.people.ed.expect(204, 'DELETE', `${themes}/${training.id}`)
    await c.people.ed.expect(404, 'DELETE', `${themes}/${training.id}`)
    const list = await c.people.ed.expect<{ items: Theme[] }>(200, 'GET', themes)
    expect(list.items.map((t) => t.name)).toEqual(['Personal data'])
    const thread = await c
      .visitor()
      .expect<{ items: { id: string }[] }>(200, 'GET', '/api/guides/guide/editions/1/comments')
    for (const id of comments.slice(0, 4)) expect(thread.items.map((i) => i.id)).toContain(id)
  })
})
