import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { DomainError } from '../../../src/kernel/errors.ts'
import { MAX_SETEXT_HEADINGS, setextUnderlines } from '../../../src/platform/markdown/limits.ts'
import { parseSource } from '../../../src/platform/markdown/parse.ts'
import { splitDocument } from '../../../src/platform/markdown/split.ts'
import {
  OFF_THREAD_LINES,
  splitOffThread,
  splitWork,
} from '../../../src/platform/markdown/split-off-thread.ts'
import { CORPUS, corpusFiles, describeCorpus } from '../../support/corpus.ts'

const underlined = (n: number) => `# Title\n\n${'A heading\n---------\n\nIts text.\n\n'.repeat(n)}`

describe('headings underlined with === or ---', () => {
  it('are counted by their underlines, and a rule after a blank line is not one', () => {
    expect(setextUnderlines('Title\n=====\n\nText.\n\n---\n\nMore.\n')).toBe(1)
    expect(setextUnderlines('One\n---\nTwo\n===\n  Three\n  ---  \n')).toBe(3)
    expect(setextUnderlines('---\n===\n\n\n---\n')).toBe(0)
  })

  it(`are refused past ${String(MAX_SETEXT_HEADINGS)} in a guide, with a way out`, () => {
    let refusal: unknown
    try {
      parseSource(underlined(MAX_SETEXT_HEADINGS + 1))
    } catch (error) {
      refusal = error
    }
    expect(refusal).toBeInstanceOf(DomainError)
    const problem = refusal as DomainError
    expect(problem.status).toBe(422)
    expect(problem.code).toBe('source-too-complex')
    expect(problem.message).toContain('Write headings with #')
    expect(() => parseSource(underlined(50))).not.toThrow()
  })
})

describeCorpus('every real guide is within the underlined-heading limit', () => {
  it.each(corpusFiles())('%s', (file) => {
    expect(setextUnderlines(readFileSync(CORPUS + file, 'utf8'))).toBeLessThanOrEqual(MAX_SETEXT_HEADINGS)
  })
})

describe('where a guide is split', () => {
  it('sends a short source of many lines to the worker, and splits it as the request thread would', async () => {
    const source = `# Title\n\n${'- a\n'.repeat(OFF_THREAD_LINES)}`
    expect(source.length).toBeLessThan(32 * 1024)
    const before = splitWork.offThread
    const document = await splitOffThread(source)
    expect(splitWork.offThread).toBe(before + 1)
    expect(document.blocks).toHaveLength(OFF_THREAD_LINES + 1)
    expect(document.page).toBe(splitDocument(source).page)
  })

  it('splits a short source of few lines on the request thread', async () => {
    const before = splitWork.offThread
    await splitOffThread('# Title\n\nOne paragraph.\n')
    expect(splitWork.offThread).toBe(before)
  })
})
