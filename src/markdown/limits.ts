import { DomainError } from '../errors.ts'

/** A little over the 5 MB / 20,000-block guide Gloss promises to take. */
export const MAX_SOURCE_BYTES = 8 * 1024 * 1024
/** Block quotes and lists nested deeper than this are refused before parsing: no guide needs them and
 * the parser's recursion would otherwise be the limit. */
export const MAX_NESTING = 40

const refuse = (code: string, message: string) =>
  new DomainError(code === 'source-too-large' ? 413 : 422, code, message, [
    { pointer: '/markdown', detail: message },
  ])

/** Decodes an uploaded source, refusing anything that is not UTF-8 text of a sensible size. */
export function decodeSource(bytes: Uint8Array): string {
  if (bytes.byteLength > MAX_SOURCE_BYTES) throw sourceTooLarge(bytes.byteLength)
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw refuse('source-not-text', 'The source is not UTF-8 text.')
  }
  checkSource(text)
  return text
}

const sourceTooLarge = (bytes: number) =>
  refuse(
    'source-too-large',
    `The source is ${(bytes / 1024 / 1024).toFixed(1)} MB; Gloss takes guides up to ${MAX_SOURCE_BYTES / 1024 / 1024} MB.`,
  )

/** Checks a decoded source before it reaches the parser. Throws a DomainError naming the problem. */
export function checkSource(text: string): void {
  if (Buffer.byteLength(text, 'utf8') > MAX_SOURCE_BYTES)
    throw sourceTooLarge(Buffer.byteLength(text, 'utf8'))
  if (text.includes('\u0000'))
    throw refuse('source-not-text', 'The source contains NUL bytes, so it is not text.')
  const depth = deepestNesting(text)
  if (depth > MAX_NESTING) {
    throw refuse(
      'source-too-deep',
      `The source nests block quotes or lists ${depth} levels deep; Gloss takes at most ${MAX_NESTING}.`,
    )
  }
}

/**
 * A cheap, conservative estimate of container nesting, line by line: each `>` marker and each list
 * marker at the start of a line (after indentation) opens a level, and indentation counts a level per
 * four columns. It may over-count odd sources but never under-counts the ones that hurt the parser.
 */
export function deepestNesting(text: string): number {
  let deepest = 0
  let start = 0
  while (start <= text.length) {
    let end = text.indexOf('\n', start)
    if (end === -1) end = text.length
    deepest = Math.max(deepest, lineNesting(text, start, end))
    start = end + 1
  }
  return deepest
}

function lineNesting(text: string, start: number, end: number): number {
  let levels = 0
  let column = 0
  let i = start
  while (i < end) {
    const ch = text.charCodeAt(i)
    if (ch === 0x20) column += 1
    else if (ch === 0x09) column += 4 - (column % 4)
    else if (ch === 0x3e /* > */) levels += 1
    else if ((ch === 0x2d || ch === 0x2a || ch === 0x2b) && isSpace(text.charCodeAt(i + 1))) levels += 1
    else if (ch >= 0x30 && ch <= 0x39) {
      let j = i
      while (j < end && text.charCodeAt(j) >= 0x30 && text.charCodeAt(j) <= 0x39) j++
      const after = text.charCodeAt(j)
      if ((after === 0x2e || after === 0x29) && isSpace(text.charCodeAt(j + 1))) {
        levels += 1
        i = j
      } else break
    } else break
    i++
  }
  return levels + Math.floor(column / 4)
}

const isSpace = (ch: number) => ch === 0x20 || ch === 0x09 || Number.isNaN(ch)
