import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT } from './process.ts'

/**
 * Real sentences from ../shared/corpus (public-domain and OGL guides), for comments that are really
 * unrelated to each other: a few thousand different sentences on many subjects, where a made-up
 * grammar of a few dozen phrases writes comments that are nearly the same by chance.
 */
const FILES = [
  '18f/federal-field-guide-4-deciding-what-to-buy.debc24b.md',
  '18f/plain-language.debc24b.md',
  'govuk-style-guide/gds-style-guide-govuk.55fe037.md',
  'gds-way/tracking-dependencies.9818380.html.md.erb',
  'nist-sp800-63b/sp800-63b.final.d061f42.md',
  'nist-sp800-63b/sp800-63b-4.ipd.9464bb6.md',
]

let cached: string[] | undefined

/**
 * Each sentence of 8 to 25 words once, Markdown, links and markup taken out, in a fixed order. A
 * sentence opening or ending with the same five words as one kept already is left out: the guides'
 * editions say many things twice in nearly the same words, and comments built from those would be
 * nearly the same too. Long sentences are left out so that one shared sentence never makes two
 * comments alike.
 */
export function corpusSentences(): string[] {
  if (cached) return cached
  const seen = new Set<string>()
  const sentences: string[] = []
  for (const file of FILES) {
    const text = readFileSync(join(ROOT, '../shared/corpus', file), 'utf8')
      .replace(/<[^>]*>/g, ' ')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/\{[^}]*\}/g, ' ')
      .replace(/[*_`#>|]/g, ' ')
    for (const paragraph of text.split(/\n\s*\n/)) {
      for (const raw of paragraph.replace(/\s+/g, ' ').split(/(?<=[.!?])\s+(?=[A-Z])/)) {
        const sentence = raw.trim()
        const words = sentence.split(' ').length
        if (words < 8 || words > 25 || !/^[A-Z][^]*[.!?]$/.test(sentence) || /[=\\]|https?:/.test(sentence))
          continue
        const key = sentence
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, ' ')
          .trim()
          .split(' ')
        const ends = [`<${key.slice(0, 5).join(' ')}`, `>${key.slice(-5).join(' ')}`]
        if (ends.some((end) => seen.has(end))) continue
        for (const end of ends) seen.add(end)
        sentences.push(sentence)
      }
    }
  }
  cached = sentences
  return sentences
}
