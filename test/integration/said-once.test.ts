import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseKind, type TestDatabase } from '../support/database.ts'
import type { Client } from '../support/session.ts'
import { consultation, type Consultation } from '../support/consultation.ts'

const GUIDE = '# Council\n\nThe only paragraph, for comments.\n'
const WELSH = { 'accept-language': 'cy-GB,cy;q=0.9,en;q=0.5' }

/** The error summary's sentences (its paragraph and each listed problem), tags taken out. */
const summary = (html: string) => {
  const start = html.indexOf('<div class="error-summary"')
  const box = html.slice(start, html.indexOf('</div>', start))
  return [...box.matchAll(/<(?:p|li)>([\s\S]*?)<\/(?:p|li)>/g)].map((m) =>
    (m[1] ?? '').replace(/<[^>]+>/g, '').trim(),
  )
}
const saidOnce = (html: string) => {
  const said = summary(html)
  expect(said.length).toBeGreaterThan(0)
  expect(new Set(said).size, said.join(' | ')).toBe(said.length)
}

describe(`a refused form says each problem once (${databaseKind})`, () => {
  let world: Consultation<never>
  let database: TestDatabase
  let ada: Client

  beforeAll(async () => {
    world = await consultation({
      config: { rateLimits: { enabled: false } },
      guides: [{ slug: 'council', markdown: GUIDE, state: 'open' }],
      admin: { email: 'ada@example.org', name: 'Ada' },
    })
    ;({ database, admin: ada } = world)
  })
  afterAll(async () => {
    await database.close()
  })

  const upload = (file: Blob, headers: Record<string, string> = {}) => {
    const body = new FormData()
    body.append('markdown', '')
    body.append('file', file, 'guide.md')
    return ada.request('/guides/new/preview', { method: 'POST', body, headers })
  }

  it('says an upload that is not UTF-8 once, in English and Welsh', async () => {
    for (const headers of [{}, WELSH]) {
      const refused = await upload(new Blob([new Uint8Array([0x23, 0x20, 0xff, 0xfe, 0x41])]), headers)
      expect(refused.status).toBe(422)
      const html = await refused.text()
      if (headers === WELSH) expect(html).toContain('<html lang="cy"')
      else expect(summary(html)).toContain('The source is not UTF-8 text.')
      saidOnce(html)
    }
  })

  it('says Markdown nested too deep once', async () => {
    const refused = await upload(new Blob([`# Deep\n\n${'> '.repeat(500)}deep\n`]))
    expect(refused.status).toBe(422)
    saidOnce(await refused.text())
  })

  it('says a duplicate’s number that is not a number once', async () => {
    const bea = await world.join({ email: 'bea@example.org', name: 'Bea' })
    const key = (
      (await (await ada.request('/api/guides/council/editions/1')).json()) as { blocks: { key: string }[] }
    ).blocks[1]?.key
    const posted = await bea.send('POST', `/api/guides/council/editions/1/blocks/${key ?? ''}/comments`, {
      kind: 'comment',
      body: 'A comment to decide on.',
    })
    expect(posted.status).toBe(201)
    const { id } = (await posted.json()) as { id: string }
    const refused = await ada.request('/g/council/1/triage/decide', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        commentId: id,
        decision: 'duplicate',
        duplicateOf: 'the other one',
        response: '',
      }),
    })
    expect(refused.status).toBe(422)
    const html = await refused.text()
    expect(summary(html)).toContain('Give the number of the other comment, such as 123.')
    saidOnce(html)
  })
})
