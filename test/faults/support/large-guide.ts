import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { CORPUS, corpusExists } from '../../support/corpus.ts'

/**
 * Two large wordings of one guide to revise back and forth: NIST SP 800-63B as published and with its
 * errata (about 180 KB each) from ../shared/corpus where it is beside the project, else two generated
 * ones of the same size, so the suite runs anywhere.
 */
export function largeGuides(): { source: string; wordings: [string, string] } {
  if (corpusExists) {
    const read = (name: string) => readFileSync(join(CORPUS, 'nist-sp800-63b', name), 'utf8')
    return {
      source: '../shared/corpus (NIST SP 800-63B)',
      wordings: [read('sp800-63b.final.d061f42.md'), read('sp800-63b.errata-head.ce8ada6.md')],
    }
  }
  return { source: 'generated', wordings: [generatedGuide(0), generatedGuide(1)] }
}

const WORDS = ['record', 'consult', 'paragraph', 'reviewer', 'decision', 'edition', 'comment', 'guide']

/**
 * About 3 KB a section, 180 KB in the 60 sections by default; the second wording edits every seventh
 * paragraph and drops every 50th.
 */
export function generatedGuide(wording: 0 | 1, sections = 60): string {
  const parts = ['# A generated guide\n']
  for (let s = 0; s < sections; s++) {
    parts.push(`## Section ${String(s + 1)}\n`)
    for (let p = 0; p < 12; p++) {
      const n = s * 12 + p
      if (wording === 1 && n % 50 === 0) continue
      const words = Array.from({ length: 40 }, (_, w) => WORDS[(n * 7 + w * 3) % WORDS.length])
      const edit = wording === 1 && n % 7 === 0 ? ' This sentence is new in the revision.' : ''
      parts.push(`Paragraph ${String(n)}: ${words.join(' ')}.${edit}\n`)
    }
  }
  return parts.join('\n')
}
