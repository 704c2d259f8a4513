import { describe, expect, it } from 'vitest'
import { parallelPage } from '../../../src/guides/parallel-text.ts'
import { splitDocument } from '../../../src/platform/markdown/split.ts'

const ENGLISH = 'Note one[^1].\n\n- Bays\n\n[^1]: The note.\n'
const WELSH = 'Nodyn un[^1].\n\n- Baeau\n\n[^1]: Y nodyn.\n'

describe('an edition beside its translation', () => {
  const english = splitDocument(ENGLISH).blocks
  const welsh = splitDocument(WELSH).blocks
  const page = parallelPage(
    english,
    { lang: 'en', html: english.map((b) => b.html) },
    { lang: 'cy', html: welsh.map((b) => b.html) },
  )

  it('makes one marked row per block, each text in its language and direction', () => {
    const rows = [...page.matchAll(/<gloss-block data-block="(\d+)" class="parallel-row parallel-(\w+)">/g)]
    expect(rows.map((r) => [r[1], r[2]])).toEqual(english.map((b) => [String(b.ordinal), b.kind]))
    expect(page).toContain('<div class="parallel-text" lang="cy" dir="ltr"><p>Nodyn un')
    const arabic = parallelPage(english.slice(0, 1), { lang: 'en', html: ['x'] }, { lang: 'ar', html: ['y'] })
    expect(arabic).toContain('<div class="parallel-text" lang="ar" dir="rtl">y</div>')
  })

  it('never gives the two texts the same id, and each text’s footnote links stay within it', () => {
    const ids = [...page.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1])
    expect(ids).toEqual(['user-content-fnref-1', 'beside-user-content-fnref-1'])
    // The note's back link leads to its own text's reference.
    for (const href of [...page.matchAll(/\shref="#([^"]*fnref[^"]*)"/g)].map((m) => m[1]))
      expect(ids).toContain(href)
    expect(page).toContain('href="#beside-user-content-fn-1"')
  })
})
