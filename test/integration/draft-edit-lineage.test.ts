import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { consultation } from '../support/consultation.ts'
import { databaseKind } from '../support/database.ts'
import type { Client } from '../support/session.ts'

const GUIDE = `# Paying for cloud services

Buy what you need, not what a vendor would like to sell you.

- Ask three vendors for quotes before you choose one of them.
- Check the contract for hidden renewal fees and price rises.
- Keep a record of every purchase decision and the reasons for it.

Read the terms of service with your lawyer before signing anything.
`

/** What the editor rewrites the item on the contract to: hardly a word in common. */
const REWRITTEN = '- Make sure automatic renewals can be switched off whenever you like.'

const form = (fields: Record<string, string>): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields),
})

const upload = (markdown: string): RequestInit => {
  const body = new FormData()
  body.append('markdown', markdown)
  return { method: 'POST', body }
}

/** One block of the draft page or the preview, from its element to the next block's. */
const blockHtml = (html: string, id: string) => {
  const start = html.indexOf(`id="${id}"`)
  if (start < 0) return ''
  const end = html.slice(start + 1).search(/<li class="(?:lineage|draft)-block/)
  return html.slice(start, end < 0 ? undefined : start + 1 + end)
}
const hashOf = (html: string, id: string) =>
  /name="hash" value="([^"]+)"/.exec(blockHtml(html, id))?.[1] ?? ''
/** The position of the draft block whose words begin so. */
const ordinalOf = (html: string, words: string) => {
  const at = html.indexOf(words)
  const ids = [...html.slice(0, at).matchAll(/id="b-(\d+)"/g)]
  return Number(ids[ids.length - 1]?.[1] ?? -1)
}

describe(`an edit of a block keeps its lineage and its comments, however much it rewrites (${databaseKind})`, () => {
  let world: Awaited<ReturnType<typeof consultation<'reviewer'>>>
  let editor: Client

  const page = async (slug: string, path: string) => {
    const response = await editor.request(`/g/${slug}/revise${path}`)
    expect(response.status, path).toBe(200)
    return response.text()
  }
  /** Posts a block's form as the draft page shows it now, for the block whose words begin so. */
  const blockOp = async (slug: string, words: string, fields: Record<string, string>) => {
    const html = await page(slug, '')
    const ordinal = ordinalOf(html, words)
    expect(ordinal, words).toBeGreaterThanOrEqual(0)
    const response = await editor.request(
      `/g/${slug}/revise/blocks/${String(ordinal)}`,
      form({ hash: hashOf(html, `b-${String(ordinal)}`), ...fields }),
    )
    expect(response.status, `${fields.op ?? ''} ${words}`).toBe(303)
    return response
  }
  /** The preview's block holding these words. */
  const previewed = async (slug: string, words: string) => {
    const html = await page(slug, '/preview')
    const at = html.lastIndexOf('<li class="lineage-block', html.indexOf(words))
    return { html, block: blockHtml(html, /id="(n-\d+)"/.exec(html.slice(at))?.[1] ?? '') }
  }

  beforeAll(async () => {
    world = await consultation({
      guides: [
        { slug: 'buy', markdown: GUIDE, openAfterJoining: true },
        { slug: 'whole', markdown: GUIDE, openAfterJoining: true },
      ],
      admin: { email: 'ed@example.org', name: 'Ed' },
      people: { reviewer: { email: 'rita@example.org', name: 'Rita', alsoOn: ['whole'] } },
      comments: [
        { name: 'fees', by: 'reviewer', on: 'Check the contract', body: 'Which fees are hidden?' },
        { name: 'rises', by: 'reviewer', on: 'Check the contract', body: 'Price rises need a cap.' },
        { name: 'other', by: 'reviewer', on: 'Check the contract', body: 'Renewals matter.', guide: 'whole' },
      ],
    })
    editor = world.admin
    for (const slug of ['buy', 'whole'])
      await editor.expect(200, 'POST', `/api/guides/${slug}/editions/1/transitions`, { to: 'closed' })
  })
  afterAll(async () => {
    await world.close()
  })

  it('shows the rewritten item as edited with its comments, through later changes of other blocks', async () => {
    const edited = await blockOp('buy', 'Check the contract', { op: 'edit', markdown: REWRITTEN })
    expect(edited.headers.get('location')).toMatch(/^\/g\/buy\/revise\?done=edit#b-/)
    const landed = async () => {
      const { html, block } = await previewed('buy', 'Make sure automatic renewals')
      // Edited (moved and edited once it has traded places with its neighbour), never removed and new.
      expect(block).toMatch(/<span class="change-badge change-(?:moved-)?edited">/)
      expect(block).toContain('Kept by your edit')
      expect(block).toContain('Which fees are hidden?')
      expect(block).toContain('Price rises need a cap.')
      const removed = html.slice(html.indexOf('id="removed-title"'))
      expect(removed).not.toContain('Which fees are hidden?')
      expect(removed).not.toContain('Check the contract')
    }
    await landed()

    // Other blocks change around it: the link follows the item to wherever it now is.
    await blockOp('buy', 'Buy what you need', { op: 'insert', markdown: 'Plan the budget for a whole year.' })
    await landed()
    await blockOp('buy', 'Make sure automatic renewals', { op: 'up' })
    await landed()
    await blockOp('buy', 'Read the terms', { op: 'edit', markdown: 'Read the terms with a lawyer.' })
    await landed()
    await blockOp('buy', 'Keep a record', { op: 'delete', confirmed: 'yes' })
    await landed()
    // Edited again, it is still the same item.
    await blockOp('buy', 'Make sure automatic renewals', {
      op: 'edit',
      markdown: '- Make sure automatic renewals can be switched off at any time.',
    })
    const { block } = await previewed('buy', 'switched off at any time')
    expect(block).toContain('Which fees are hidden?')
  })

  it('creates the edition with the comments carried to the rewritten item, which keeps its key', async () => {
    const key = world.guide.key('Check the contract')
    const html = await page('buy', '/preview')
    const version = /name="version" value="([^"]+)"/.exec(html)?.[1] ?? ''
    const created = await editor.request('/g/buy/revise/create', form({ base: '1', version }))
    expect(created.status).toBe(303)
    const lineage = await editor.expect<{
      blocks: { key: string; change: string; fromKeys: string[] }[]
      removed: { key: string }[]
    }>(200, 'GET', '/api/guides/buy/editions/2/lineage')
    const item = lineage.blocks.find((b) => b.key === key)
    expect(item?.fromKeys).toEqual([key])
    expect(item?.change).toMatch(/edited/)
    expect(lineage.removed.map((r) => r.key)).not.toContain(key)
    const thread = await editor.expect<{ items: { id: string; body: string }[] }>(
      200,
      'GET',
      `/api/guides/buy/editions/2/blocks/${key}/comments`,
    )
    expect(thread.items.map((c) => c.id).sort()).toEqual([world.ids.fees, world.ids.rises].sort())
    const edition = await editor.expect<{ blocks: { key: string; text: string }[] }>(
      200,
      'GET',
      '/api/guides/buy/editions/2',
    )
    expect(edition.blocks.find((b) => b.key === key)?.text).toContain('switched off at any time')
  })

  it('still lets lineage decide afresh once the whole text is replaced', async () => {
    await blockOp('whole', 'Check the contract', { op: 'edit', markdown: REWRITTEN })
    expect((await previewed('whole', 'Make sure automatic renewals')).block).toContain('Renewals matter.')
    const source = await page('whole', '/source.md')
    // A whole new text says nothing of which paragraph is which: lineage decides every link again.
    const replaced = await editor.request(
      '/g/whole/revise/text',
      upload(source.replace('Read the terms of service', 'Read the terms')),
    )
    expect(replaced.status).toBe(303)
    const { html, block } = await previewed('whole', 'Make sure automatic renewals')
    expect(block).toContain('<span class="change-badge change-new">New</span>')
    expect(html.slice(html.indexOf('id="removed-title"'))).toContain('Renewals matter.')
  })
})
