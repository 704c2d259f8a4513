import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { consultation, type Consultation } from '../support/consultation.ts'
import { databaseKind } from '../support/database.ts'

const WELSH = { 'accept-language': 'cy-GB,cy;q=0.9,en;q=0.5' }
const ENGLISH = { 'accept-language': 'en-GB,en;q=0.9' }

interface Problem {
  status: number
  code: string
  title: string
  detail: string
  errors: { pointer: string; detail: string }[]
}

/**
 * SPEC.md, "Languages: English and Welsh" and "Bad input gets a clear 4xx problem+json": a field the
 * schema refuses without words of its own (a wrong choice, a missing field, a wrong type, too long, a
 * field there is not) is told what to do in the asker's language, pointer and code unchanged.
 */
describe(`field problems in the asker's language (${databaseKind})`, () => {
  let c: Consultation<'dai'>

  beforeAll(async () => {
    c = await consultation({
      admin: { email: 'admin@example.org', name: 'Ada Jones' },
      guides: [{ slug: 'parking', state: 'open' }],
      people: { dai: { email: 'dai@example.org', name: 'Dai' } },
    })
  })
  afterAll(async () => {
    await c.close()
  })

  const settings = (headers: Record<string, string>, admin = c.admin) =>
    admin.send(
      'PATCH',
      '/api/guides/parking/settings',
      { moderation: 'sometimes', publishByDefault: 'yes', policy: 'x'.repeat(5001), colour: 'red' },
      headers,
    )
  const problemOf = async (response: Response) => {
    expect(response.status).toBe(422)
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/)
    return (await response.json()) as Problem
  }

  it('says in Welsh what a guide’s settings need, by Accept-Language or by the switch’s cookie', async () => {
    const welsh = await problemOf(await settings(WELSH))
    expect(welsh).toMatchObject({ code: 'invalid', status: 422, title: 'Mewnbwn annilys' })
    expect(welsh.errors).toEqual([
      { pointer: '/moderation', detail: 'Dewiswch un o’r rhain: post, pre.' },
      { pointer: '/publishByDefault', detail: 'Rhowch true neu false.' },
      { pointer: '/policy', detail: 'Defnyddiwch 5,000 nod ar y mwyaf.' },
      { pointer: '/colour', detail: 'Nid yw "colour" yn faes yma.' },
    ])
    // The switch on every page remembers Welsh in a cookie, whatever the browser asks.
    const switched = await c.signIn('admin@example.org')
    switched.language = 'cy'
    const byCookie = await problemOf(await settings(ENGLISH, switched))
    expect(byCookie.errors).toEqual(welsh.errors)
  })

  it('says in Welsh that the two ways to say how names are shown disagree', async () => {
    const send = (headers: Record<string, string>) =>
      c.admin.send('PATCH', '/api/guides/parking/settings', { names: 'full', namesPublic: false }, headers)
    expect((await problemOf(await send(WELSH))).errors).toEqual([
      {
        pointer: '/namesPublic',
        detail: 'Mae namesPublic yn dweud yn wahanol i names: anfonwch un ohonynt.',
      },
    ])
    expect((await problemOf(await send(ENGLISH))).errors).toEqual([
      { pointer: '/namesPublic', detail: 'namesPublic says otherwise than names: send one of them.' },
    ])
  })

  it('says the same in plain English to someone asking in English', async () => {
    const english = await problemOf(await settings(ENGLISH))
    expect(english).toMatchObject({ code: 'invalid', detail: 'Some fields are not valid.' })
    expect(english.errors).toEqual([
      { pointer: '/moderation', detail: 'Choose one of: post, pre.' },
      { pointer: '/publishByDefault', detail: 'Give true or false.' },
      { pointer: '/policy', detail: 'Use at most 5,000 characters.' },
      { pointer: '/colour', detail: '"colour" is not a field here.' },
    ])
  })

  it('says a comment’s missing and wrongly typed fields in Welsh, and a schema’s own words as before', async () => {
    const thread = `/api/guides/parking/editions/1/blocks/${c.guide.key(1)}/comments`
    const missing = await problemOf(await c.people.dai.send('POST', thread, { kind: 'comment' }, WELSH))
    expect(missing.errors).toEqual([{ pointer: '/body', detail: 'Mae angen hwn.' }])
    const english = await problemOf(await c.people.dai.send('POST', thread, { kind: 'comment' }, ENGLISH))
    expect(english.errors).toEqual([{ pointer: '/body', detail: 'This is required.' }])

    const wrong = await problemOf(
      await c.people.dai.send('POST', thread, { kind: 'praise', body: 42, quote: { exact: '' } }, WELSH),
    )
    expect(wrong.errors).toEqual([
      { pointer: '/kind', detail: 'Dewiswch un o’r rhain: comment, reflection, example, suggestion.' },
      { pointer: '/body', detail: 'Rhowch hwn fel testun.' },
      // The quote's own message, given with fieldMessage, is kept.
      { pointer: '/quote/exact', detail: 'Dyfynnwch o leiaf un nod.' },
    ])
  })

  it('says in Welsh that a body must be a JSON object, and that one that is not JSON is not', async () => {
    const send = (body: string) =>
      c.admin.request('/api/guides/parking/settings', {
        method: 'PATCH',
        headers: { ...WELSH, 'content-type': 'application/json' },
        body,
      })
    const list = await problemOf(await send('[1]'))
    expect(list.errors).toEqual([{ pointer: '', detail: 'Rhowch hwn fel gwrthrych JSON.' }])
    const broken = await send('{"moderation": ')
    expect(broken.status).toBe(400)
    const problem = (await broken.json()) as Problem
    expect(problem).toMatchObject({ code: 'malformed-json', detail: 'Nid yw corff y cais yn JSON dilys.' })
    expect(problem.errors).toBeUndefined()
  })
})
