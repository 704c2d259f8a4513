import { readFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Hono } from 'hono'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import type { AppEnv } from '../../src/platform/http/env.ts'
import { brokenInPageLinks, guideText, normalisePage } from '../support/invariant.ts'
import { splitDocument } from '../../src/platform/markdown/split.ts'
import { forReaders } from '../../src/site/reader-html.ts'
import { consultation, type Consultation } from '../support/consultation.ts'
import { databaseKind } from '../support/database.ts'
import { json } from '../support/app.ts'

const sample = () => readFile(new URL('../fixtures/small-guide.md', import.meta.url), 'utf8')

describe(`reading pages and the JSON API (${databaseKind})`, () => {
  let c: Consultation<never>
  let app: Hono<AppEnv>
  beforeAll(async () => {
    c = await consultation({
      admin: false,
      guides: [
        { slug: 'listening', markdown: await sample(), state: 'published' },
        { slug: 'secret', markdown: '# Secret draft\n\nNot yet.\n' },
      ],
    })
    app = c.app
  })
  afterAll(async () => {
    await c.close()
  })

  it('lists published guides on the home page, not drafts', async () => {
    const response = await app.request('/')
    expect(response.status).toBe(200)
    const body = await response.text()
    expect(body).toMatch(/^<!doctype html>/i)
    expect(body).toContain('href="/g/listening"')
    expect(body).not.toContain('Secret draft')
  })

  it('serves the reading page complete without JavaScript: contents, numbers, permalinks, the text', async () => {
    const response = await app.request('/g/listening')
    expect(response.status).toBe(200)
    const page = await response.text()
    // The page speaks the reader's language; the guide's own text says it is in the guide's.
    expect(page).toContain('<html lang="en" data-time-zone="Europe/London">')
    expect(page).toContain('<div id="text" class="guide-body" tabindex="-1" lang="en-GB" dir="ltr">')
    const blocks = (await (await app.request('/api/guides/listening/editions/1')).json()) as {
      blocks: { key: string; number: string; kind: string; text: string }[]
    }
    for (const block of blocks.blocks) {
      expect(page).toContain(`id="${block.key}"`)
      expect(page).toContain(`href="/g/listening/p/${block.key}"`)
    }
    const headings = blocks.blocks.filter((b) => b.kind === 'heading')
    for (const heading of headings) expect(page).toContain(`<a href="#${heading.key}">${heading.text}</a>`)
    expect(page).toContain('dir="auto"')
    expect(brokenInPageLinks(page)).toEqual([])
  })

  it('shows the same document as rendering it whole (the splitting invariant, on the served page)', async () => {
    const page = await (await app.request('/g/listening/1')).text()
    // The guide's text is the skip link's target: the document inside it, whole.
    const text = guideText(page)
    expect(text).toContain('<gloss-block')
    // Pages add what readers' browsers need (see reader-html.ts) to the stored rendering, and nothing else.
    expect(normalisePage(text)).toBe(normalisePage(forReaders(splitDocument(await sample()).html)))
  })

  it('serves a reading page compressed once, with a strong ETag that answers 304, cacheable only when public', async () => {
    const plain = await app.request('/g/listening/1', { headers: { 'accept-encoding': 'identity' } })
    const html = await plain.text()
    const etag = plain.headers.get('etag') ?? ''
    expect(etag).toMatch(/^"[\w-]{20,}"$/)
    expect(plain.headers.get('cache-control')).toContain('public')
    expect(plain.headers.get('vary')).toContain('Accept-Encoding')
    for (const [encoding, decode] of [
      ['br', brotliDecompressSync],
      ['gzip', gunzipSync],
    ] as const) {
      const response = await app.request('/g/listening/1', {
        headers: { 'accept-encoding': `${encoding}, deflate` },
      })
      expect(response.headers.get('content-encoding')).toBe(encoding)
      expect(response.headers.get('etag')).toBe(etag)
      expect(decode(Buffer.from(await response.arrayBuffer())).toString('utf8')).toBe(html)
    }
    const refused = await app.request('/g/listening/1', { headers: { 'accept-encoding': 'br;q=0, gzip' } })
    expect(refused.headers.get('content-encoding')).toBe('gzip')
    const again = await app.request('/g/listening/1', { headers: { 'if-none-match': etag } })
    expect(again.status).toBe(304)
    expect(await again.text()).toBe('')
    // A draft is not served to the public at all (its editors get it marked private).
    const draft = await app.request('/g/secret/1')
    expect(draft.status).toBe(404)
  })

  it('redirects a permalink to the newest edition with that paragraph', async () => {
    const { blocks } = (await (await app.request('/api/guides/listening/editions/1')).json()) as {
      blocks: { key: string }[]
    }
    const key = blocks[3]?.key ?? ''
    const response = await app.request(`/g/listening/p/${key}`)
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe(`/g/listening/1#${key}`)
    const missing = await app.request('/g/listening/p/zzzzzzzz')
    expect(missing.status).toBe(404)
    expect(await missing.text()).toContain('Paragraph not found')
  })

  it('hides drafts from the public, on pages and in the API', async () => {
    expect((await app.request('/g/secret')).status).toBe(404)
    expect((await app.request('/g/secret/1')).status).toBe(404)
    const api = await app.request('/api/guides/secret/editions/1')
    expect(api.status).toBe(404)
    expect(api.headers.get('content-type')).toContain('application/problem+json')
  })

  it('answers the API shapes of SPEC.md', async () => {
    const guides = (await (await app.request('/api/guides')).json()) as {
      items: { slug: string }[]
      next: null
    }
    expect(guides.items.map((g) => g.slug)).toEqual(['listening'])
    expect(guides.next).toBeNull()
    const guide = (await (await app.request('/api/guides/listening')).json()) as {
      editions: { number: number; state: string }[]
    }
    expect(guide.editions).toEqual([expect.objectContaining({ number: 1, state: 'published' })])
    const edition = (await (await app.request('/api/guides/listening/editions/1')).json()) as {
      blocks: Record<string, unknown>[]
    }
    expect(edition.blocks[0]).toEqual(
      expect.objectContaining({
        key: expect.any(String),
        ordinal: 0,
        kind: 'heading',
        number: '0',
        text: 'Listening to residents',
      }),
    )
    for (const block of edition.blocks)
      expect(Object.keys(block)).toEqual(expect.arrayContaining(['html', 'commentCount']))
  })

  it('answers every error as problem+json, and nonsense edition numbers as not found', async () => {
    for (const path of [
      '/api/guides/nope',
      '/api/guides/listening/editions/0',
      '/api/guides/listening/editions/abc',
      '/api/nothing',
    ]) {
      const response = await app.request(path)
      expect(response.status, path).toBe(404)
      expect(response.headers.get('content-type'), path).toContain('application/problem+json')
      expect(((await response.json()) as { status: number }).status).toBe(404)
    }
    expect((await app.request('/g/listening/99999999999')).status).toBe(404)
  })

  it('sends a CSP without inline script and the usual security headers on pages', async () => {
    const response = await app.request('/g/listening')
    const csp = response.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("script-src 'self'")
    expect(csp).not.toContain('unsafe-inline')
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN')
    expect(await response.text()).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/)
  })

  it('serves the script bundle under a hashed name with a year-long cache lifetime', async () => {
    const page = await (await app.request('/g/listening')).text()
    const src = /<script type="module" src="([^"]+)"/.exec(page)?.[1] ?? ''
    expect(src).toMatch(/^\/assets\/main-[\w-]{12}\.js$/)
    const script = await app.request(src)
    expect(script.status).toBe(200)
    expect(script.headers.get('cache-control')).toContain('immutable')
    expect(await script.text()).toContain('gloss-block')
    const again = await app.request(src, { headers: { 'if-none-match': script.headers.get('etag') ?? '' } })
    expect(again.status).toBe(304)
  })

  it('refuses unsafe requests from another site', async () => {
    const response = await app.request(
      '/api/guides',
      json('POST', { markdown: '# x' }, { origin: 'https://evil.example' }),
    )
    expect(response.status).toBe(403)
    expect(response.headers.get('content-type')).toContain('application/problem+json')
  })

  it('reports health with the database it checked', async () => {
    const response = await app.request('/healthz')
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ status: 'ok', database: databaseKind })
  })
})
