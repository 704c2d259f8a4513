import { readFileSync } from 'node:fs'
import type { Heading, List, ListItem, Root } from 'mdast'
import { describe, expect, it } from 'vitest'
import { candidateBlocks, placeBlocks } from '../../../src/platform/markdown/blocks.ts'
import { inlineCost } from '../../../src/platform/markdown/inline-cost.ts'
import { MAX_NESTING, markdownProblem } from '../../../src/platform/markdown/limits.ts'
import { parseSource } from '../../../src/platform/markdown/parse.ts'
import { renderTree } from '../../../src/platform/markdown/render.ts'
import { generatedSource } from '../../bench/import.ts'
import { CORPUS, corpusFiles, describeCorpus } from '../../support/corpus.ts'

describeCorpus('the limits take every real guide', () => {
  it.each(corpusFiles())('%s', (file) => {
    expect(markdownProblem(readFileSync(CORPUS + file, 'utf8'))).toBeUndefined()
  })
})

describe('the limits checked before parsing', () => {
  it('take the 5 MB, 20,000-block guide of the import benchmark', () => {
    expect(markdownProblem(generatedSource())).toBeUndefined()
  })

  it('count a nested quote or list as deep as it is written, so the refusal names its depth', () => {
    // Each `> ` or `- ` is one level: the space after a marker is not indentation.
    for (const marker of ['> ', '>', '- ', '* ', '1. ', '1)  ']) {
      expect(markdownProblem(`${marker.repeat(MAX_NESTING)}x`), marker).toBeUndefined()
      expect(markdownProblem(`${marker.repeat(MAX_NESTING + 1)}x`)?.message, marker).toContain(
        `${String(MAX_NESTING + 1)} levels deep`,
      )
    }
    // Indentation still counts, a level per four columns.
    expect(markdownProblem(`${' '.repeat(4 * (MAX_NESTING + 1))}x`)?.code).toBe('source-too-deep')
    expect(markdownProblem(`${' '.repeat(4 * MAX_NESTING)}x`)).toBeUndefined()
  })

  it('take ordinary emphasis, links, footnotes and HTML, nested a few deep', () => {
    const source = [
      '# Title',
      '',
      'Some *emphasis*, **strong**, ***both***, ~~struck~~ and _under_scored_words_ with `code*` in it.',
      'A [link *with* emphasis](https://example.org "title") and ![an image](x.png), a footnote[^1].',
      '',
      '<div><p>HTML <b>inside</b> <span><em>nested</em></span></p><br><img src="x"></div>',
      '',
      '[^1]: The note, with a [link](#title).',
    ].join('\n')
    expect(markdownProblem(source)).toBeUndefined()
    expect(inlineCost(source).depth).toBeLessThanOrEqual(3)
  })

  it.each([
    ['closing stars with nothing to close', 'a* '.repeat(20_000), 'source-too-complex'],
    ['closing brackets', 'a] '.repeat(20_000), 'source-too-complex'],
    ['unclosed HTML comments', 'a <!-- '.repeat(10_000), 'source-too-complex'],
    ['nested emphasis', `${'*a '.repeat(100)}b${' a*'.repeat(100)}`, 'source-too-deep'],
    ['nested images', `${'!['.repeat(100)}a${'](u)'.repeat(100)}`, 'source-too-deep'],
    ['nested footnote definitions', `${'[^a]: '.repeat(100)}x`, 'source-too-deep'],
    ['nested HTML elements', '<div>'.repeat(200), 'source-too-deep'],
  ])('refuse %s, and say on which line', (_, source, code) => {
    const problem = markdownProblem(`# Fine\n\nA fine paragraph.\n\n${source}\n`)
    expect(problem?.code).toBe(code)
    if (code === 'source-too-complex') expect(problem?.message).toContain('line 5')
  })

  it('count a paragraph from a blank line to the next, quotes included', () => {
    // The same closers spread over paragraphs cost little; in one quoted paragraph they cost a lot.
    const apart = Array.from({ length: 2000 }, () => 'a* a* a* a* a*').join('\n\n')
    const together = Array.from({ length: 2000 }, () => '> a* a* a* a* a*').join('\n')
    expect(inlineCost(apart).cost * 100).toBeLessThan(inlineCost(together).cost)
  })
})

describe('splitting stays linear in the number of blocks', () => {
  it('takes lists and headings too many for one call’s arguments', () => {
    const items: ListItem[] = Array.from({ length: 300_000 }, () => ({
      type: 'listItem',
      spread: false,
      children: [],
    }))
    const tree: Root = { type: 'root', children: [{ type: 'list', spread: false, children: items }] }
    expect(candidateBlocks(tree)).toHaveLength(300_000)
    const headings: Heading[] = Array.from({ length: 300_000 }, () => ({
      type: 'heading',
      depth: 2,
      children: [],
    }))
    expect(placeBlocks(headings)).toHaveLength(300_000)
  })

  it('asks once whether a long tight list is loose, not once for each of its items', () => {
    const n = 2000
    const { tree } = parseSource('- item\n'.repeat(n))
    const list = tree.children[0] as List
    // Counts every look at an item’s `spread`, the question whose answer makes a list loose.
    let looks = 0
    list.children = list.children.map(
      (item) =>
        new Proxy(item, {
          get(target, key, receiver) {
            if (key === 'spread') looks++
            return Reflect.get(target, key, receiver) as unknown
          },
        }),
    )
    expect(renderTree(tree, candidateBlocks(tree)).blocks).toHaveLength(n)
    // mdast-util-to-hast's own handler looks at every item for every item: n² (4,000,000) looks, which
    // made rendering quadratic. Counted rather than timed: a timing ratio read 8.3 against a limit of 8
    // under CI's load for a render that is linear.
    expect(looks).toBeGreaterThanOrEqual(n)
    expect(looks).toBeLessThan(4 * n)
  })
})
