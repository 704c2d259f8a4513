import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseKind } from '../support/database.ts'
import { consultation, type Consultation } from '../support/consultation.ts'
import type { Client } from '../support/session.ts'

/** A lone surrogate: no character at all, which JSON can carry and PostgreSQL cannot keep. */
const LONE = '\ud800'

/** What a person's words could change: every table but those that move on their own (sessions, jobs, limits). */
const TABLES = [
  'guides',
  'editions',
  'blocks',
  'people',
  'roles',
  'invitations',
  'auditLog',
  'settings',
  'comments',
  'flags',
  'decisions',
  'decisionDrafts',
  'workingDrafts',
  'editionTranslations',
  'themes',
  'commentThemes',
] as const

/**
 * SPEC.md: no input produces a 500, and no failed request leaves partial data behind. Every field that
 * takes a person's words refuses a lone surrogate with a 422 naming the field, and nothing is kept.
 */
describe(`a lone surrogate in any person's words (${databaseKind})`, () => {
  let c: Consultation<'rita' | 'ed'>
  let comment: string
  let theme: string
  let token: string

  const snapshot = async () => {
    const rows = await Promise.all(
      TABLES.map((table) => c.database.db.selectFrom(table).selectAll().execute()),
    )
    return JSON.stringify(rows)
  }

  beforeAll(async () => {
    c = await consultation({
      guides: [{ slug: 'gb', state: 'open' }],
      people: {
        rita: { email: 'rita@example.org', name: 'Rita Reviewer' },
        ed: { email: 'ed@example.org', name: 'Ed Editor', role: 'editor' },
      },
    })
    comment = await c.post(c.people.rita, 0, { kind: 'comment', body: 'Some words.' })
    token = (await c.invite()).token
    theme = (await c.admin.expect<{ id: string }>(201, 'POST', '/api/guides/gb/themes', { name: 'Training' }))
      .id
  })
  afterAll(async () => {
    await c.close()
  })

  type Case = [string, () => Client, string, string, Record<string, unknown>, string]
  const cases = (): Case[] => [
    ['settings title', () => c.admin, 'PATCH', '/api/guides/gb/settings', { title: LONE }, '/title'],
    ['settings policy', () => c.admin, 'PATCH', '/api/guides/gb/settings', { policy: `A${LONE}` }, '/policy'],
    ['theme name', () => c.admin, 'POST', '/api/guides/gb/themes', { name: `T${LONE}` }, '/name'],
    [
      'theme description',
      () => c.admin,
      'POST',
      '/api/guides/gb/themes',
      { name: 'T', description: LONE },
      '/description',
    ],
    ['theme rename', () => c.admin, 'PATCH', `/api/guides/gb/themes/${theme}`, { name: `T${LONE}` }, '/name'],
    [
      'theme response',
      () => c.admin,
      'PATCH',
      `/api/guides/gb/themes/${theme}`,
      { response: LONE },
      '/response',
    ],
    ['display name', () => c.people.rita, 'PATCH', '/api/me', { displayName: `R${LONE}` }, '/displayName'],
    ['organisation', () => c.people.rita, 'PATCH', '/api/me', { organisation: LONE }, '/organisation'],
    ['description', () => c.people.rita, 'PATCH', '/api/me', { description: LONE }, '/description'],
    [
      'introduction',
      () => c.people.rita,
      'PUT',
      '/api/guides/gb/participants/me',
      { introduction: LONE },
      '/introduction',
    ],
    [
      'decision response',
      () => c.people.ed,
      'PUT',
      `/api/comments/${comment}/decision`,
      { decision: 'accepted', response: LONE },
      '/response',
    ],
    [
      'bulk decision response',
      () => c.people.ed,
      'POST',
      '/api/guides/gb/decisions',
      { commentIds: [comment], decision: 'accepted', response: LONE },
      '/response',
    ],
    [
      'imported guide',
      () => c.admin,
      'POST',
      '/api/guides',
      { markdown: `---\ntitle: A${LONE}\n---\n\nText.\n`, slug: 'lone' },
      '/markdown',
    ],
    [
      'working draft',
      () => c.admin,
      'PUT',
      '/api/guides/gb/working-draft',
      { markdown: `# A guide\n\nWords ${LONE}.\n` },
      '/markdown',
    ],
    [
      'revision',
      () => c.admin,
      'POST',
      '/api/guides/gb/editions',
      { markdown: `# A guide\n\nWords ${LONE}.\n` },
      '/markdown',
    ],
    [
      'translation',
      () => c.admin,
      'POST',
      '/api/guides/gb/editions/1/translations',
      { lang: 'cy', markdown: `# Canllaw ${LONE}\n\nUn.\n\nDau.\n` },
      '/markdown',
    ],
    [
      'sign-up name',
      () => c.visitor(),
      'POST',
      '/api/signup',
      { email: 'new@example.org', password: 'a long enough password', displayName: LONE },
      '/displayName',
    ],
    [
      'joining name',
      () => c.visitor(),
      'POST',
      `/api/invitations/${token}/accept`,
      { email: 'join@example.org', password: 'a long enough password', displayName: LONE },
      '/displayName',
    ],
    [
      'comment body',
      () => c.people.rita,
      'POST',
      '/api/guides/gb/editions/1/comments',
      { kind: 'comment', body: `B${LONE}` },
      '/body',
    ],
  ]

  it('answers 422 naming the field, and keeps nothing', async () => {
    // Every route is tried and every miss listed, so one run says which fields let the words through.
    const misses: string[] = []
    for (const [what, who, method, path, body, pointer] of cases()) {
      const before = await snapshot()
      const response = await who().send(method, path, body)
      const text = await response.text()
      const problem = (text ? JSON.parse(text) : {}) as { errors?: { pointer: string; detail: string }[] }
      const detail = problem.errors?.find((e) => e.pointer === pointer)?.detail
      if (response.status !== 422 || detail !== 'This is not well-formed Unicode text.')
        misses.push(`${what}: ${String(response.status)} ${JSON.stringify(problem.errors ?? problem)}`)
      if ((await snapshot()) !== before) misses.push(`${what}: changed the database`)
    }
    expect(misses).toEqual([])
  })

  it('says so in Welsh to a Welsh reader', async () => {
    const response = await c
      .visitor()
      .send(
        'POST',
        '/api/signup',
        { email: 'cy@example.org', password: 'a long enough password', displayName: LONE },
        { 'accept-language': 'cy-GB,cy;q=0.9,en;q=0.5' },
      )
    const problem = (await response.json()) as { errors: { pointer: string; detail: string }[] }
    expect(response.status, JSON.stringify(problem)).toBe(422)
    expect(problem.errors.find((e) => e.pointer === '/displayName')?.detail).toBe(
      'Nid yw hwn yn destun Unicode wedi’i ffurfio’n dda.',
    )
  })

  it('keeps a well-formed title, with its audit entry', async () => {
    const before = await c.database.db.selectFrom('auditLog').select('id').execute()
    await c.admin.expect(200, 'PATCH', '/api/guides/gb/settings', { title: 'Ffrâm 🌍 gyffredin' })
    const guide = await c.database.db
      .selectFrom('guides')
      .select('title')
      .where('slug', '=', 'gb')
      .executeTakeFirstOrThrow()
    expect(guide.title).toBe('Ffrâm 🌍 gyffredin')
    const after = await c.database.db.selectFrom('auditLog').select('action').execute()
    expect(after.length).toBe(before.length + 1)
  })
})
