import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { consultation, type Consultation } from '../support/consultation.ts'
import { databaseKind } from '../support/database.ts'
import { PASSWORD, type Client } from '../support/session.ts'

const GUIDE = '# Parks\n\nDogs on leads near the play area.\n'

type Who = 'rita' | 'sam'

/**
 * SPEC.md: an erased author's comments stay, attributed to "a former participant". Where the guide hides
 * reviewers' names (none, or pseudonyms) that label would tell the public who left, so to them an erased
 * author looks like everyone else; the editors, who read names, are still told.
 */
describe(`an erased author where names are hidden (${databaseKind})`, () => {
  let c: Consultation<Who>
  let key = ''
  const authors = async (who: Client) => {
    const response = await who.request(`/api/guides/parks/editions/1/blocks/${key}/comments`)
    expect(response.status).toBe(200)
    const { items } = (await response.json()) as {
      items: { body: string; author: { displayName: string } }[]
    }
    return Object.fromEntries(items.map((i) => [i.body, i.author.displayName]))
  }
  const names = async (names: 'full' | 'pseudonym' | 'none') =>
    expect((await c.admin.send('PATCH', '/api/guides/parks/settings', { names })).status).toBe(200)

  beforeAll(async () => {
    c = await consultation({
      admin: { email: 'admin@example.org', name: 'Admin' },
      guides: [{ slug: 'parks', markdown: GUIDE, state: 'open', names: 'none' }],
      people: {
        rita: { email: 'rita@example.org', name: 'Rita Jones' },
        sam: { email: 'sam@example.org', name: 'Sam Price' },
      },
      comments: [
        { name: 'stays', by: 'rita', on: 'Dogs on leads', body: 'Yes, please.' },
        { name: 'left', by: 'sam', on: 'Dogs on leads', body: 'And near the pond.' },
      ],
    })
    key = c.guide.key('Dogs on leads')
    expect((await c.people.sam.send('POST', '/api/me/erase', { password: PASSWORD })).status).toBe(204)
  })
  afterAll(async () => {
    await c.close()
  })

  it('shows the public no name for them, as for everyone, under "none"', async () => {
    const shown = await authors(c.visitor())
    expect(shown['And near the pond.']).toBe('A participant')
    expect(shown['Yes, please.']).toBe('A participant')
  })

  it('shows the public their pseudonym, as for everyone, under "pseudonym"', async () => {
    await names('pseudonym')
    const shown = await authors(c.visitor())
    expect(shown['And near the pond.']).toMatch(/^Reviewer \d+$/)
    expect(shown['Yes, please.']).toMatch(/^Reviewer \d+$/)
    expect(shown['And near the pond.']).not.toBe(shown['Yes, please.'])
  })

  it('still tells the editors, and everyone where names are shown in full', async () => {
    expect((await authors(c.admin))['And near the pond.']).toBe('a former participant')
    await names('full')
    expect(await authors(c.visitor())).toEqual({
      'Yes, please.': 'Rita Jones',
      'And near the pond.': 'a former participant',
    })
  })
})
