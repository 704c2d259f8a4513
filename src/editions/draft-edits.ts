import type { SplitBlock } from '../platform/markdown/split.ts'

/** Where a block lies in its source, and whether it is an item of a list (which changes how it joins). */
type Placed = Pick<SplitBlock, 'start' | 'end' | 'kind'>

const BLANK_LINES_AHEAD = /^(?:[ \t]*\r?\n)+/
const STARTS_WITH_BLANK_LINE = /^[ \t]*\r?\n[ \t]*\r?\n/
const LIST_MARKER = /^ {0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/

/**
 * A textarea's text as source: browsers send CRLF, and blank lines at either end would join or split
 * blocks the editor did not mean to touch.
 */
export const fromTextarea = (text: string): string =>
  text.replace(/\r\n?/g, '\n').replace(BLANK_LINES_AHEAD, '').trimEnd()

export const replaceBlock = (source: string, block: Placed, text: string): string =>
  source.slice(0, block.start) + text + source.slice(block.end)

/** The block and the blank lines after it go, so its neighbours close up. */
export const deleteBlock = (source: string, block: Placed): string =>
  source.slice(0, block.start) + source.slice(block.end).replace(BLANK_LINES_AHEAD, '')

/**
 * A new block after this one, after a blank line. A list item typed after a list item joins its list
 * line by line (a blank line would make the whole list loose); anything else also gets a blank line
 * after it, so an ordered list that goes on below is not swallowed as a lazy continuation.
 */
export function insertAfter(source: string, block: Placed, text: string): string {
  const listItem = block.kind === 'listItem' && LIST_MARKER.test(text)
  const rest = source.slice(block.end)
  const closing = listItem || rest.trim() === '' || STARTS_WITH_BLANK_LINE.test(rest) ? '' : '\n'
  return source.slice(0, block.end) + (listItem ? '\n' : '\n\n') + text + closing + rest
}

/**
 * Two blocks change places, the text between them staying put. When a list item trades places with a
 * block that is not one, the joins around both become blank lines, so neither is read as part of a
 * list it does not belong to. Undefined when one block holds the other (a footnote inside a quote).
 */
export function swapBlocks(source: string, a: Placed, b: Placed): string | undefined {
  const [first, second] = a.start <= b.start ? [a, b] : [b, a]
  if (first.end > second.start) return undefined
  let before = source.slice(0, first.start)
  let between = source.slice(first.end, second.start)
  let after = source.slice(second.end)
  if ((first.kind === 'listItem') !== (second.kind === 'listItem')) {
    if (before !== '' && !/\n[ \t]*\n$/.test(before)) before += before.endsWith('\n') ? '\n' : '\n\n'
    if (!/\n[ \t]*\n/.test(between)) between = '\n\n'
    if (after.trim() !== '' && !STARTS_WITH_BLANK_LINE.test(after))
      after = `\n\n${after.replace(BLANK_LINES_AHEAD, '')}`
  }
  const text = (block: Placed) => source.slice(block.start, block.end)
  return before + text(second) + between + text(first) + after
}
