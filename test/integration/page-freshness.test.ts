import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FRESH_MS } from '../../src/guides/pages/guide-pages.routes.tsx'
import { consultation, type Consultation } from '../support/consultation.ts'
import { databaseKind } from '../support/database.ts'
import type { Client } from '../support/session.ts'

const SOURCE = (title: string) => `# ${title}\n\nThe only paragraph of this guide.\n`

/** What a reader is told of a consultation is true when they read it, however the page was kept. */
describe(`a reading page tells the consultation as it stands (${databaseKind})`, () => {
  let c: Consultation<never>
  let editor: Client
  /** The state a page shows: on the home page, the one in the guide's own entry. */
  const badge = async (path: string, slug?: string) => {
    const html = await (await c.visitor().request(path)).text()
    const from = slug ? html.indexOf(`<a href="/g/${slug}">`) : 0
    return /<span class="badge">([^<]*)<\/span>/.exec(html.slice(Math.max(from, 0)))?.[1]
  }

  beforeAll(async () => {
    c = await consultation({ admin: { email: 'ed@example.org', name: 'Ed' }, guides: [] })
    editor = c.admin
  })
  afterAll(async () => {
    await c.close()
  })

  it('shows the first reader after an edition closes that it is closed, however quiet the page', async () => {
    await c.addGuide({ slug: 'quiet', markdown: SOURCE('Quiet'), state: 'open' })
    expect(await badge('/g/quiet/1')).toBe('Open for comment')
    const closed = await editor.send('POST', '/api/guides/quiet/editions/1/transitions', { to: 'closed' })
    expect(closed.status).toBe(200)
    // Nobody reads the page for a while; then one reader comes.
    await sleep(FRESH_MS + 200)
    expect(await badge('/g/quiet/1')).toBe('Consultation closed')
  })

  it('stops saying a consultation is open once its window has closed', async () => {
    await c.addGuide({ slug: 'window', markdown: SOURCE('Window') })
    const closesAt = new Date(Date.now() + 1_500).toISOString()
    const opened = await editor.send('POST', '/api/guides/window/editions/1/transitions', {
      to: 'open',
      closesAt,
    })
    expect(opened.status).toBe(200)
    expect(await badge('/g/window/1')).toBe('Open for comment')
    expect(await badge('/', 'window')).toBe('Open for comment')
    // The edition stays `open` in the database; the window passing is what closes it.
    await expect
      .poll(() => badge('/g/window/1'), { timeout: 10_000, interval: 250 })
      .toBe('Consultation closed')
    expect(await badge('/', 'window')).toBe('Consultation closed')
  })

  it('says when comments will open for a window that has not opened yet', async () => {
    await c.addGuide({ slug: 'later', markdown: SOURCE('Later') })
    const opensAt = new Date(Date.now() + 86_400_000)
    const opened = await editor.send('POST', '/api/guides/later/editions/1/transitions', {
      to: 'open',
      opensAt: opensAt.toISOString(),
    })
    expect(opened.status).toBe(200)
    const html = await (await c.visitor().request('/g/later/1')).text()
    expect(html).toContain('<span class="badge">Opening soon</span>')
    expect(html).toContain(`comments open <time datetime="${opensAt.toISOString()}">`)
  })
})
