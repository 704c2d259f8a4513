import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { splitDocument, type SplitDocument } from '../../../src/platform/markdown/split.ts'
import { brokenInPageLinks, normalisePage } from '../../support/invariant.ts'

/** Real guides written by others, kept beside the project (see ../shared/corpus/SOURCES.md). */
const corpus = new URL('../../../../shared/corpus/', import.meta.url)
const exists = existsSync(corpus)
const inCi = process.env.CI === 'true'
const files = exists
  ? readdirSync(corpus, { recursive: true, encoding: 'utf8' })
      .filter((file) => /\.(md|erb)$/.test(file))
      .sort()
  : []

const sources = new Map<string, string>()
const source = (file: string): string => {
  const known = sources.get(file)
  if (known !== undefined) return known
  const text = readFileSync(new URL(file, corpus), 'utf8')
  sources.set(file, text)
  return text
}
const splits = new Map<string, SplitDocument>()
const split = (file: string): SplitDocument => {
  const known = splits.get(file)
  if (known) return known
  const doc = splitDocument(source(file))
  splits.set(file, doc)
  return doc
}

describe.skipIf(!exists && !inCi)(
  exists ? 'the real guides in ../shared/corpus' : '../shared/corpus is missing: real guides not tested',
  () => {
    it('has the corpus beside the project, with its guides', () => {
      expect(exists, '../shared/corpus is missing').toBe(true)
      expect(files.length).toBeGreaterThan(0)
    })

    describe.each(files)('%s', (file) => {
      it('splits without being refused, into at least one block', () => {
        expect(() => split(file)).not.toThrow()
        expect(split(file).blocks.length).toBeGreaterThan(0)
      })

      it('renders the same text as the page and as the document rendered whole', () => {
        const doc = split(file)
        expect(normalisePage(doc.page)).toBe(normalisePage(doc.html))
      })

      it('has no in-page link without a target', () => {
        expect(brokenInPageLinks(split(file).page)).toEqual([])
      })

      it('gives every block its own number and ordinals 0..n-1', () => {
        const { blocks } = split(file)
        const numbers = blocks.map((b) => b.number)
        expect(numbers.filter((n, i) => numbers.indexOf(n) !== i)).toEqual([])
        expect(blocks.map((b) => b.ordinal)).toEqual(blocks.map((_, i) => i))
      })

      it("takes each block's markdown from the source", () => {
        const text = source(file)
        const missing = split(file)
          .blocks.filter((b) => !text.includes(b.markdown))
          .map((b) => b.ordinal)
        expect(missing).toEqual([])
      })
    })

    it('splits the NIST SP 800-63B final edition into more than 600 blocks', () => {
      const nist = files.find((file) => /sp800-63b\.final\.[^/]*\.md$/.test(file))
      expect(nist, 'the NIST final edition is in the corpus').toBeDefined()
      expect(split(nist ?? '').blocks.length).toBeGreaterThan(600)
    })
  },
)
