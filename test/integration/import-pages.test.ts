import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Hono } from 'hono'
import type { AppEnv } from '../../src/platform/http/env.ts'
import { databaseKind, type TestDatabase } from '../support/database.ts'
import { Client } from '../support/session.ts'
import { consultation } from '../support/consultation.ts'

const GUIDE =
  '---\ntitle: Ward walks\n---\n\n# Ward walks\n\nWalk the ward every month.\n\n- Take notes.\n- Share photos.\n'

const form = (fields: Record<string, string | Blob>) => {
  const body = new FormData()
  for (const [name, value] of Object.entries(fields)) body.append(name, value)
  return { method: 'POST', body }
}

describe(`importing a guide from the browser (${databaseKind})`, () => {
  let database: TestDatabase
  let app: Hono<AppEnv>
  let admin: Client
  let reviewer: Client

  beforeAll(async () => {
    ;({
      database,
      app,
      admin,
      people: { reviewer },
    } = await consultation({
      guides: [{ slug: 'other', markdown: '# Other\n\nText.\n' }],
      admin: { email: 'ada@example.org', name: 'Ada' },
      people: { reviewer: { email: 'rita@example.org', name: 'Rita' } },
    }))
  })
  afterAll(async () => {
    await database.close()
  })

  it('sends the signed-out to sign in and refuses reviewers', async () => {
    const away = await new Client(app).request('/guides/new')
    expect(away.status).toBe(303)
    expect(away.headers.get('location')).toBe('/sign-in?next=/guides/new')
    expect((await reviewer.request('/guides/new')).status).toBe(403)
    expect((await reviewer.request('/guides/new/preview', form({ markdown: GUIDE }))).status).toBe(403)
  })

  it('previews how a pasted or uploaded guide splits, then imports it as a draft', async () => {
    const pasted = await admin.request('/guides/new/preview', form({ markdown: GUIDE }))
    expect(pasted.status).toBe(200)
    const page = await pasted.text()
    expect(page).toContain('“Ward walks” splits into 4 blocks')
    expect(page).toContain('List item')
    const uploaded = await admin.request(
      '/guides/new/preview',
      form({ file: new File([GUIDE], 'ward-walks.md', { type: 'text/markdown' }) }),
    )
    expect(await uploaded.text()).toContain('splits into 4 blocks')

    const imported = await admin.request('/guides/new', form({ markdown: GUIDE, slug: 'ward-walks' }))
    expect(imported.status).toBe(303)
    expect(imported.headers.get('location')).toBe('/g/ward-walks/manage?done=imported')
    const guide = (await (await admin.request('/api/guides/ward-walks')).json()) as {
      editions: { number: number; state: string }[]
    }
    expect(guide.editions).toEqual([expect.objectContaining({ number: 1, state: 'draft' })])
    expect((await new Client(app).request('/api/guides/ward-walks')).status).toBe(404)
    const manage = await (await admin.request('/g/ward-walks/manage?done=imported')).text()
    expect(manage).toContain('The guide is imported as edition 1')
  })

  it('keeps what was sent when the slug is taken or wrong, and refuses an empty form', async () => {
    const taken = await admin.request('/guides/new', form({ markdown: GUIDE, slug: 'ward-walks' }))
    expect(taken.status).toBe(409)
    expect(await taken.text()).toContain('Walk the ward every month.')
    const wrong = await admin.request('/guides/new', form({ markdown: GUIDE, slug: 'Not A Slug' }))
    expect(wrong.status).toBe(422)
    expect(await wrong.text()).toContain('Not A Slug')
    expect((await admin.request('/guides/new/preview', form({ markdown: '   ' }))).status).toBe(422)
  })
})
