import { describe, expect, it } from 'vitest'
import { deleteBlock, fromTextarea, insertAfter, swapBlocks } from '../../../src/editions/draft-edits.ts'
import { splitDocument } from '../../../src/platform/markdown/split.ts'

const blocksOf = (source: string) => splitDocument(source).blocks
const texts = (source: string) => blocksOf(source).map((b) => `${b.kind}:${b.text}`)
const at = (source: string, ordinal: number) => {
  const block = blocksOf(source)[ordinal]
  if (!block) throw new Error(`No block ${String(ordinal)}`)
  return block
}

describe('changing one block of a working draft in its source', () => {
  it('takes a textarea as source: LF line ends, no blank lines at either end', () => {
    expect(fromTextarea('\r\n\r\n  Indented\r\nnext\r\n\r\n')).toBe('  Indented\nnext')
  })

  it('deletes a block with the blank lines after it, in a list and between paragraphs', () => {
    expect(deleteBlock('A\n\nB\n\nC\n', at('A\n\nB\n\nC\n', 1))).toBe('A\n\nC\n')
    const list = 'Intro\n\n- a\n- b\n- c\n'
    expect(deleteBlock(list, at(list, 2))).toBe('Intro\n\n- a\n- c\n')
  })

  it('inserts a paragraph after an ordered list item without swallowing the item after it', () => {
    const list = '1. one\n2. two\n'
    const result = insertAfter(list, at(list, 0), 'A paragraph.')
    expect(texts(result)).toEqual(['listItem:one', 'paragraph:A paragraph.', 'listItem:two'])
  })

  it('inserts a list item after a list item in the same list', () => {
    const list = '- a\n- b\n'
    expect(insertAfter(list, at(list, 0), '- new')).toBe('- a\n- new\n- b\n')
  })

  it('swaps a list item with the paragraph after its list, keeping both what they were', () => {
    const source = '- a\n- b\n\nPara\n'
    const swapped = swapBlocks(source, at(source, 1), at(source, 2)) ?? ''
    expect(texts(swapped)).toEqual(['listItem:a', 'paragraph:Para', 'listItem:b'])
  })

  it('swaps two paragraphs, leaving the text between them where it was', () => {
    expect(swapBlocks('A\n\nB\n', at('A\n\nB\n', 0), at('A\n\nB\n', 1))).toBe('B\n\nA\n')
  })
})
