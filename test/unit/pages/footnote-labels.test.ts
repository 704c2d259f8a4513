import { describe, expect, it } from 'vitest'
import { splitDocument } from '../../../src/platform/markdown/split.ts'
import { forReaders } from '../../../src/site/reader-html.ts'

const GUIDE = 'Keep records.[^1] Check them yearly.[^1]\n\n[^1]: For six years.\n'

describe('the way back from a footnote, as readers get it', () => {
  const html = splitDocument(GUIDE).html
  const labels = (page: string) => [...page.matchAll(/aria-label="([^"]+)"/g)].map((m) => m[0])

  it('speaks the reader’s language, as the rest of the page’s controls do', () => {
    expect(labels(forReaders(html, 'cy'))).toEqual([
      'aria-label="Yn ôl at gyfeiriad 1"',
      'aria-label="Yn ôl at gyfeiriad 1-2"',
    ])
    expect(labels(forReaders(html, 'en'))).toEqual([
      'aria-label="Back to reference 1"',
      'aria-label="Back to reference 1-2"',
    ])
  })
})
