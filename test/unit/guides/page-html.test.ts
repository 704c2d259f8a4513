import { describe, expect, it } from 'vitest'
import { addMargins, keyPage } from '../../../src/guides/page-html.ts'
import { parallelPage } from '../../../src/guides/parallel-text.ts'
import { splitDocument } from '../../../src/platform/markdown/split.ts'

/** An English guide with an Arabic paragraph, a Hebrew list item and a footnote. */
const MIXED =
  'Park only in marked bays[^1].\n\nاركن سيارتك فقط في الأماكن المخصصة.\n\n- בקשה אחת לכל בית\n- One permit a house\n\n[^1]: Bays are marked in white.\n'

const margins = (page: string, textDirection?: 'ltr' | 'rtl') => {
  const { blocks } = splitDocument(page)
  const keys = blocks.map((b) => `k${String(b.ordinal)}`)
  return {
    blocks,
    page: addMargins(
      keyPage(splitDocument(page).page, keys),
      keys.map((key, i) => ({ key, number: String(i + 1) })),
      { permalink: (key) => `/p/${key}`, textDirection },
    ),
  }
}

/** Every block's opening tag and the margin that follows it. */
const opened = (page: string) =>
  [...page.matchAll(/<gloss-block([^>]*)><gloss-margin([^>]*)>/g)].map(([, block = '', margin = '']) => ({
    block,
    margin,
  }))

describe('a reading page’s blocks and their margins', () => {
  it('lets every block take its direction from its own text, as SPEC.md asks (dir="auto")', () => {
    const { blocks, page } = margins(MIXED)
    const marked = opened(page)
    // Paragraph, Arabic paragraph, two list items, the footnote: each one block, each its own direction.
    expect(marked).toHaveLength(blocks.length)
    expect(blocks.length).toBe(5)
    for (const { block } of marked) expect(block).toMatch(/\sdir="auto"/)
    expect(page.match(/<gloss-block\b/g)).toHaveLength(blocks.length)
    // The list items' wrappers take it, not the items: the bullets stay on the list's side.
    expect(page).toMatch(/<li id="k2" data-block="2"><gloss-block data-item="2" dir="auto">/)
  })

  it('gives each margin the guide’s direction: it stays in the guide’s rail and out of its block’s choice', () => {
    for (const direction of ['ltr', 'rtl'] as const) {
      const { page } = margins(MIXED, direction)
      for (const { margin } of opened(page)) expect(margin).toContain(` dir="${direction}"`)
    }
    // A page without a direction given is an English one's.
    for (const { margin } of opened(margins(MIXED).page)) expect(margin).toContain(' dir="ltr"')
  })

  it('leaves a side-by-side row’s direction to its two texts, each in its own language’s', () => {
    const english = splitDocument('Park here.\n').blocks
    const rows = parallelPage(
      english,
      { lang: 'en', html: ['Park here.'] },
      { lang: 'ar', html: ['اركن هنا.'] },
    )
    const page = addMargins(rows, [{ key: 'k0', number: '1' }], { permalink: (key) => `/p/${key}` })
    expect(page).toMatch(
      /^<gloss-block data-block="0" class="parallel-row parallel-paragraph"><gloss-margin /,
    )
    expect(page).toContain('lang="ar" dir="rtl">اركن هنا.')
  })
})
