import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseKind } from '../support/database.ts'
import { consultation, type Consultation } from '../support/consultation.ts'
import { fieldMessageIn } from '../../src/platform/i18n/field-messages.ts'

interface Problem {
  status: number
  code: string
  detail: string
  errors?: { pointer: string; detail: string }[]
}

/**
 * A guide's front matter says what its settings and a translation say, so it is held to the same
 * checks: one definition of a title, of a language tag, of a slug; a refusal points into `/markdown`
 * and names the front matter. And SPEC.md's route table: `POST /api/guides` makes edition 1 a draft.
 */
describe(`an imported guide's front matter (${databaseKind})`, () => {
  let c: Consultation<never>
  let n = 0

  beforeAll(async () => {
    c = await consultation({ guides: [] })
  })
  afterAll(async () => {
    await c.close()
  })

  const importing = (frontMatter: string) =>
    c.admin.send('POST', '/api/guides', { markdown: `---\n${frontMatter}\n---\n# A guide\n\nText.\n` })
  const guides = async () => (await c.database.db.selectFrom('guides').select('slug').execute()).length

  const refused = async (frontMatter: string, detail: string) => {
    const before = await guides()
    const response = await importing(frontMatter)
    const problem = (await response.json()) as Problem
    expect(response.status, JSON.stringify(problem)).toBe(422)
    expect(problem.code).toBe('invalid-front-matter')
    expect(problem.errors).toEqual([{ pointer: '/markdown', detail }])
    expect(await guides()).toBe(before)
  }

  it('refuses a lang that is no language tag, as a translation does', async () => {
    await refused(
      'lang: "not a lang!!"',
      'The front matter’s lang is a language tag such as en, cy, cy-GB or ar.',
    )
  })

  it('refuses a title longer than the settings allow, or more than one line', async () => {
    const title =
      'The front matter’s title is one line of plain text, 1 to 200 characters, as a guide’s title in its settings.'
    await refused(`title: "${'t'.repeat(1000)}"`, title)
    await refused('title: "One\\u0007Two"', title)
    // 200 characters is a title the settings would take.
    const ok = await importing(`title: "${'t'.repeat(200)}"\nslug: long-title`)
    expect(ok.status).toBe(201)
  })

  it('points a bad front-matter slug into the markdown, and a bad slug field at /slug', async () => {
    await refused(
      'slug: "Not A Slug"',
      'The front matter’s slug is lower-case letters, digits and single hyphens, at most 80 characters.',
    )
    const field = await c.admin.send('POST', '/api/guides', {
      markdown: '# A guide\n\nText.\n',
      slug: 'Not A Slug',
    })
    const problem = (await field.json()) as Problem
    expect(field.status).toBe(422)
    expect(problem.errors?.map((e) => e.pointer)).toEqual(['/slug'])
  })

  it('has each refusal in Welsh too', async () => {
    for (const frontMatter of ['lang: "not a lang!!"', `title: "${'t'.repeat(201)}"`, 'slug: "-"']) {
      const problem = (await (await importing(frontMatter)).json()) as Problem
      const english = problem.errors?.[0]?.detail ?? ''
      expect(fieldMessageIn('cy', english), english).toMatch(/rhagymadrodd \(front matter\)/)
    }
  })

  it('makes edition 1 a draft whatever the front matter says', async () => {
    for (const state of ['open', 'published']) {
      const slug = `stated-${state}-${String(n++)}`
      const response = await importing(`slug: ${slug}\nstate: ${state}`)
      const body = (await response.json()) as { state: string; editionNumber: number }
      expect(response.status).toBe(201)
      expect(body).toMatchObject({ state: 'draft', editionNumber: 1 })
      const edition = await c.database.db
        .selectFrom('editions')
        .innerJoin('guides', 'guides.id', 'editions.guideId')
        .select(['editions.state', 'editions.publishedAt'])
        .where('guides.slug', '=', slug)
        .executeTakeFirstOrThrow()
      expect(edition).toEqual({ state: 'draft', publishedAt: null })
      // Nobody but its editors can read it yet.
      expect((await c.visitor().request(`/api/guides/${slug}`)).status).toBe(404)
    }
  })

  it('imports the guide, its importer as editor and the audit entry together', async () => {
    const response = await importing('slug: together\ntitle: Together')
    expect(response.status).toBe(201)
    const audit = await c.database.db
      .selectFrom('auditLog')
      .select(['action', 'subject'])
      .where('action', '=', 'guide.imported')
      .where('subject', '=', 'together')
      .execute()
    expect(audit).toHaveLength(1)
  })
})
