import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { consultation, type Consultation } from '../support/consultation.ts'
import { databaseKind } from '../support/database.ts'
import { englishLeftIn } from '../support/english-left.ts'

const WELSH = { 'accept-language': 'cy-GB,cy;q=0.9,en;q=0.5' }
const ENGLISH = { 'accept-language': 'en-GB,en;q=0.9' }
const htmlLang = (html: string) => /<html lang="([^"]*)"/.exec(html)?.[1]

const FIRST = `# Parking

Park only in marked bays near the school gates.

Residents may apply for a permit at the council office.
`

// Edition 2: the first paragraph edited, a new one at the end.
const SECOND = `# Parking

Park only in marked bays, and never near the school gates.

Residents may apply for a permit at the council office.

Permits last one year.
`

/**
 * SPEC.md, "Languages: English and Welsh" and "Privacy and openness": the public record of a
 * consultation (the moderation log, the report and its redlines, who takes part, and the page an
 * invitation leads to) reads in Welsh to a Welsh reader, and in English to an English one.
 */
describe(`The public record in English and Welsh (${databaseKind})`, () => {
  let c: Consultation<'rhian' | 'sam'>
  let invitation = ''
  let withdrawn = ''

  beforeAll(async () => {
    c = await consultation({
      admin: { email: 'admin@example.org', name: 'Admin' },
      guides: [{ slug: 'parking', markdown: FIRST, openAfterJoining: true, namesPublic: true }],
      people: {
        rhian: { email: 'rhian@example.org', name: 'Rhian' },
        sam: { email: 'sam@example.org', name: 'Sam' },
      },
      comments: [
        { name: 'bays', by: 'rhian', on: 'Park only', body: 'Rhy ychydig o lefydd.' },
        { name: 'same', by: 'sam', on: 'Park only', body: 'Dim digon o lefydd.' },
        { name: 'permit', by: 'rhian', on: 'Residents may', body: 'Faint yw trwydded?' },
        { name: 'general', by: 'sam', on: null, body: 'Clir a byr.' },
        { name: 'advert', by: 'sam', on: 'Residents may', body: 'Buy cheap watches here.' },
        { name: 'aside', by: 'sam', on: null, body: 'Off on a tangent.' },
      ],
    })
    const hide = async (name: string, reasonCode: string, reason: string) =>
      expect(
        (await c.admin.send('POST', `/api/comments/${c.ids[name] ?? ''}/hide`, { reasonCode, reason }))
          .status,
      ).toBe(200)
    await hide('advert', 'spam', 'An advert.')
    await hide('aside', 'off-topic', 'Nid yw’n ymwneud â’r canllaw.')

    expect(
      (await c.admin.send('POST', '/api/guides/parking/editions/1/transitions', { to: 'closed' })).status,
    ).toBe(200)
    const decide = async (name: string, body: object) =>
      expect((await c.admin.send('PUT', `/api/comments/${c.ids[name] ?? ''}/decision`, body)).status).toBe(
        200,
      )
    await decide('bays', { decision: 'accepted', response: 'Rydym wedi newid y paragraff.' })
    await decide('same', { decision: 'duplicate', response: '', duplicateOf: c.ids.bays })
    await decide('permit', { decision: 'noted', response: '' })
    expect((await c.admin.send('POST', '/api/guides/parking/editions', { markdown: SECOND })).status).toBe(
      201,
    )
    expect(
      (await c.admin.send('POST', '/api/guides/parking/editions/2/transitions', { to: 'published' })).status,
    ).toBe(200)

    const made = await c.admin.send('POST', '/api/guides/parking/invitations', { role: 'reviewer' })
    invitation = ((await made.json()) as { token: string }).token
    const old = await c.admin.send('POST', '/api/guides/parking/invitations', { role: 'editor' })
    const { token, id } = (await old.json()) as { token: string; id: string }
    withdrawn = token
    expect((await c.admin.send('DELETE', `/api/guides/parking/invitations/${id}`)).status).toBe(204)
  })
  afterAll(async () => {
    await c.close()
  })

  /** The page in Welsh: `<html lang="cy">`, no English interface words left, and the words given. */
  const inWelsh = async (path: string, status = 200, who = c.visitor()) => {
    const response = await who.request(path, { headers: WELSH })
    expect(response.status, path).toBe(status)
    const html = await response.text()
    expect(htmlLang(html), path).toBe('cy')
    expect(englishLeftIn(html), path).toEqual([])
    return html
  }
  const inEnglish = async (path: string, status = 200, who = c.visitor()) => {
    const response = await who.request(path, { headers: ENGLISH })
    expect(response.status, path).toBe(status)
    const html = await response.text()
    expect(htmlLang(html), path).toBe('en')
    return html
  }

  it('shows the moderation log in the reader’s language, the moderators’ own words as they wrote them', async () => {
    const welsh = await inWelsh('/g/parking/moderation-log')
    expect(welsh).toContain('<h1>Cofnod cymedroli</h1>')
    expect(welsh).toContain('Sut mae’r canllaw hwn yn cael ei gymedroli')
    expect(welsh).toContain('Mae sylwadau yma’n cael eu cyhoeddi fel y cawson nhw eu hysgrifennu.')
    expect(welsh).toContain('<th scope="col">Rheswm</th>')
    expect(welsh).toContain('Sbam')
    expect(welsh).toContain('Oddi ar y pwnc')
    expect(welsh).toContain('Trafodaeth gyffredinol ar argraffiad 1')
    expect(welsh).toContain('An advert.')
    expect(welsh).not.toContain('Buy cheap watches')

    const english = await inEnglish('/g/parking/moderation-log')
    expect(english).toContain('<h1>Moderation log</h1>')
    expect(english).toContain('How this guide is moderated')
    expect(english).toContain('The guide&#39;s editors hide a comment only when it is off topic')
    expect(english).toContain('<th scope="col">What the moderator said</th>')
    expect(english).toContain('General discussion of edition 1')
    expect(english).not.toContain('Cofnod cymedroli')
  })

  it('welcomes someone invited in their language, whether they have an account or not', async () => {
    const welsh = await inWelsh(`/invitations/${invitation}`)
    expect(welsh).toContain('<h1>Ymuno â “Parking”</h1>')
    expect(welsh).toContain('Fe’ch gwahoddir i gymryd rhan fel <strong>adolygydd</strong>.')
    expect(welsh).toContain('Oes gennych chi gyfrif yn barod?')
    expect(welsh).toContain('Derbyn ac ymuno')
    const signedIn = await inWelsh(`/invitations/${invitation}`, 200, c.people.rhian)
    // Rhian takes part already: told so in Welsh rather than offered the link again.
    expect(signedIn).toContain('Rydych chi’n cymryd rhan yn “Parking” fel adolygydd yn barod')
    const refused = await c.visitor().request(`/invitations/${invitation}`, {
      method: 'POST',
      headers: { ...WELSH, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        displayName: 'Someone',
        email: 'rhian@example.org',
        password: 'a long enough password',
      }),
    })
    expect(refused.status).toBe(409)
    const problem = await refused.text()
    expect(htmlLang(problem)).toBe('cy')
    expect(problem).toMatch(/<title>Gwall: Ymuno â Parking · Gloss<\/title>/)
    const gone = await inWelsh(`/invitations/${withdrawn}`, 410)
    expect(gone).toContain('Does dim modd defnyddio’r gwahoddiad hwn')
    expect(gone).toContain('Darllen y canllaw</a>.')

    const english = await inEnglish(`/invitations/${invitation}`)
    expect(english).toContain('<h1>Join “Parking”</h1>')
    expect(english).toContain('You are invited to take part as <strong>reviewer</strong>.')
    expect(english).toContain('Your name will be published with your comments')
    expect(english).toContain('Sign in to accept')
    const englishGone = await inEnglish(`/invitations/${withdrawn}`, 410)
    expect(englishGone).toContain(
      'It has expired, been used up or been withdrawn. Ask whoever sent it for a new one.',
    )
  })

  it('tells what happened to feedback in the reader’s language, the guide’s own words marked as English', async () => {
    const welsh = await inWelsh('/g/parking/2/report')
    expect(welsh).toContain('<h1>Dywedoch chi, gwnaethom ni</h1>')
    expect(welsh).toContain('<h2 id="summary-title">Crynodeb</h2>')
    expect(welsh).toContain('4 sylw gan 2 berson.')
    expect(welsh).toContain('Penderfyniad:')
    expect(welsh).toContain('Derbyniwyd')
    expect(welsh).toContain('Rydym wedi newid y paragraff.')
    expect(welsh).toContain('Lawrlwytho’r adroddiad hwn fel taenlen (CSV)')
    expect(welsh).toContain('<title id="decision-chart-title">Penderfyniadau ar 4 sylw</title>')
    expect(welsh).toMatch(/<span class="report-first-words" dir="auto" lang="en">“Park only/)
    expect(welsh).toContain('Golygwyd')

    const redline = await inWelsh('/g/parking/redline/1/2')
    expect(redline).toContain('<h1>Newidiadau o argraffiad 1 i argraffiad 2</h1>')
    expect(redline).toContain('Paragraffau: golygwyd: 1, newydd: 1, heb newid: 2.')
    expect(redline).toContain('Beth ddywedodd pobl a beth a benderfynwyd')
    expect(redline).toMatch(/2 sylw ar argraffiad 1, paragraff 1/)

    const english = await inEnglish('/g/parking/2/report')
    expect(english).toContain('<h1>You said, we did</h1>')
    expect(english).toContain('4 comments from 2 people.')
    expect(english).toContain('<title id="decision-chart-title">Decisions on 4 comments</title>')
    expect(english).toContain('Download this report as a spreadsheet (CSV)')
    expect(english).toMatch(/<span class="report-first-words" dir="auto">“Park only/)
    const englishRedline = await inEnglish('/g/parking/redline/1/2')
    expect(englishRedline).toContain('<h1>Changes from edition 1 to edition 2</h1>')
    expect(englishRedline).toContain('Paragraphs: 1 edited, 1 new, 2 unchanged.')
  })

  it('lists who takes part in the reader’s language, and lets a participant introduce themselves in it', async () => {
    const welsh = await inWelsh('/g/parking/participants', 200, c.people.rhian)
    expect(welsh).toContain('<h1>Pwy sy’n cymryd rhan yn “Parking”</h1>')
    expect(welsh).toContain('<span class="badge">Adolygydd</span>')
    expect(welsh).toContain('Cyflwynwch eich hun')
    expect(welsh).toContain('Cadw’r cyflwyniad')
    await inWelsh('/g/parking/participants')

    const english = await inEnglish('/g/parking/participants', 200, c.people.rhian)
    expect(english).toContain('<h1>Who takes part in “Parking”</h1>')
    expect(english).toContain('<span class="badge">Reviewer</span>')
    expect(english).toContain('Save introduction')
  })

  it('heads the report’s spreadsheet in the reader’s language, and says its cells in it too', async () => {
    const csv = async (headers: Record<string, string>) =>
      parse<Record<string, string>>(
        await (await c.visitor().request('/g/parking/2/report.csv', { headers })).text(),
        { bom: true, columns: true },
      )
    const welsh = await csv(WELSH)
    expect(Object.keys(welsh[0] ?? {}).slice(0, 4)).toEqual([
      'canllaw',
      'argraffiad y rhoddwyd y sylw arno',
      'allwedd y bloc',
      'rhif y bloc',
    ])
    expect(Object.keys(welsh[0] ?? {})).toContain('allwedd y bloc yn argraffiad 2')
    expect(welsh.map((row) => row.penderfyniad)).toEqual([
      'Derbyniwyd',
      `Dyblyg o #${c.ids.bays ?? ''}`,
      'Nodwyd (dim angen newid)',
      'Ar agor (dim penderfyniad eto)',
    ])
    expect(welsh.at(-1)?.adran).toBe('Trafodaeth gyffredinol')
    // Kind, state and change in Welsh beside the Welsh decisions, not the English codes.
    expect(welsh[0]?.math).toBe('sylw')
    expect(welsh[0]?.cyflwr).toBe('wedi’i gyhoeddi')
    expect(welsh.some((row) => row.newid !== '')).toBe(true)
    expect(welsh.filter((row) => row.newid !== '').map((row) => row.newid)).not.toContainEqual(
      expect.stringMatching(/^(unchanged|edited|moved|removed|new|not traced)$/),
    )

    const english = await csv(ENGLISH)
    expect(Object.keys(english[0] ?? {}).slice(0, 4)).toEqual([
      'guide',
      'edition written on',
      'block key',
      'block number',
    ])
    expect(Object.keys(english[0] ?? {})).toContain('edition 2 block number')
    expect(english[0]?.decision).toBe('Accepted')
    expect(english[0]?.kind).toBe('comment')
    expect(english[0]?.state).toBe('published')
    expect(english.at(-1)?.section).toBe('General discussion')
  })
})
