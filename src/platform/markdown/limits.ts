import type { ErrorCode } from '../../kernel/error-codes.ts'
import { DomainError } from '../../kernel/errors.ts'
import { markdownCost } from './markdown-cost.ts'
import { inlineCost, type InlineCost } from './inline-cost.ts'

/** A little over the 5 MB / 20,000-block guide Gloss promises to take. */
export const MAX_SOURCE_BYTES = 8 * 1024 * 1024
/** Block quotes, lists, footnotes, emphasis and brackets nested deeper than this are refused before
 * parsing: no guide needs them and the parser's recursion would otherwise be the limit. */
export const MAX_NESTING = 40
/** Raw HTML elements nested deeper than this are refused: the HTML parser builds them recursively. */
export const MAX_HTML_NESTING = 100
/**
 * How many characters micromark may walk pairing inline markers (see inline-cost.ts), beyond one per
 * character of the source: real guides need a fifth of a walk per character at most, and at the limit
 * the walking costs a few hundred milliseconds (an 8 MB source, about a second).
 */
const INLINE_COST_BASE = 4_000_000

const refuse = (code: ErrorCode, message: string) =>
  new DomainError(code, message, [{ pointer: '/markdown', detail: message }])

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

/**
 * Headings underlined with === or --- a guide may have. micromark resolves each such underline by
 * editing the whole document's event list, so their cost grows with their square: measured on this
 * project's 2-core machine, 1,000 take 0.3 s to split, 2,000 take 1.1 s and 4,000 took 5.4 s. Guides
 * written with `#` headings have no such limit.
 */
export const MAX_SETEXT_HEADINGS = 2_000

const UNDERLINE = /^ {0,3}(?:=+|-+)[ \t]*$/
const BLANK = /^[ \t]*$/

/** Lines that underline the line above them (a thematic break after a blank line is not counted). */
export function setextUnderlines(text: string): number {
  let count = 0
  let previousText = false
  for (let start = 0; start <= text.length;) {
    let end = text.indexOf('\n', start)
    if (end === -1) end = text.length
    const line = text.slice(start, end)
    const underline = UNDERLINE.test(line)
    if (underline && previousText) count++
    previousText = !underline && !BLANK.test(line)
    start = end + 1
  }
  return count
}

/** Checks a decoded source before it reaches the parser. Throws a DomainError naming the problem. */
export function checkSource(text: string): void {
  if (Buffer.byteLength(text, 'utf8') > MAX_SOURCE_BYTES)
    throw sourceTooLarge(Buffer.byteLength(text, 'utf8'))
  if (text.includes('\u0000'))
    throw refuse('source-not-text', 'The source contains NUL bytes, so it is not text.')
  const problem = markdownProblem(text)
  if (problem) throw refuse(problem.code, problem.message)
  const underlined = setextUnderlines(text)
  if (underlined > MAX_SETEXT_HEADINGS)
    throw refuse(
      'source-too-complex',
      `The source underlines ${underlined.toLocaleString('en-GB')} headings with === or ---; Gloss takes at most ${MAX_SETEXT_HEADINGS.toLocaleString('en-GB')} of those. Write headings with # instead (# for the first level, ## for the second).`,
    )
}

export interface MarkdownProblem {
  code: 'source-too-deep' | 'source-too-complex'
  message: string
}

/**
 * Why a piece of Markdown (a guide or a comment) would be too deep or too slow to parse, found without
 * parsing it; undefined when it is fine.
 */
export function markdownProblem(
  text: string,
  /** inlineCost(text), when the caller has it already; else made once the nesting is known to be fine. */
  given?: InlineCost,
): MarkdownProblem | undefined {
  const depth = deepestNesting(text)
  if (depth > MAX_NESTING) {
    return {
      code: 'source-too-deep',
      message: `The text nests block quotes, lists or footnotes ${depth} levels deep; Gloss takes at most ${MAX_NESTING}.`,
    }
  }
  // Only now, so a guide of megabytes nested too deep is refused without the inline walk.
  const inline = given ?? inlineCost(text)
  if (inline.depth > MAX_NESTING) {
    return {
      code: 'source-too-deep',
      message: `The paragraph at line ${inline.deepestLine} nests emphasis or links ${inline.depth} levels deep; Gloss takes at most ${MAX_NESTING}.`,
    }
  }
  if (inline.htmlDepth > MAX_HTML_NESTING) {
    return {
      code: 'source-too-deep',
      message: `The text nests HTML elements ${inline.htmlDepth} levels deep; Gloss takes at most ${MAX_HTML_NESTING}.`,
    }
  }
  if (inline.cost > INLINE_COST_BASE + text.length) {
    return {
      code: 'source-too-complex',
      message: `The paragraph at line ${inline.costliestLine} has so many unmatched *, _, ~ or ] markers, or unclosed <!-- or <?, that reading it would take too long; close them or escape them with a backslash.`,
    }
  }
  return undefined
}

/**
 * The most work (markdown-cost.ts, units of about 5 µs) a comment may take to render: twice what the
 * richest ordinary 10,000-character comment takes (a hundred paragraphs, each with a link and emphasis:
 * about 5,000), at most a few tens of milliseconds, spent off the request thread (comment-render.ts).
 */
export const MAX_COMMENT_WORK = 10_000

/** What a comment's Markdown is found to be before it is parsed: too deep or too costly, or how costly. */
export type CommentMarkdown = { problem: MarkdownProblem; work?: never } | { problem?: never; work: number }

/**
 * Why a comment's Markdown would be too deep or too costly to render, else the work rendering it takes
 * (markdown-cost.ts), found without parsing it. Every post asks, so each estimate walks the body once:
 * asked apart, the inline estimate walked it three times and the cost twice.
 */
export function commentMarkdown(body: string): CommentMarkdown {
  // Made before the nesting check: a comment is at most 10,000 characters, so the walk costs little.
  const inline = inlineCost(body)
  const problem = markdownProblem(body, inline)
  if (problem) return { problem }
  const { work, line } = markdownCost(body, MAX_COMMENT_WORK, inline)
  if (work <= MAX_COMMENT_WORK) return { work }
  return {
    problem: {
      code: 'source-too-complex',
      message: `From line ${String(line)} on, this comment has so much markup (list items, headings, links, brackets, emphasis or line breaks) that showing it would take too long; use less, or split it into two comments.`,
    },
  }
}

/**
 * A cheap, conservative estimate of container nesting, line by line: each `>` marker, list marker and
 * footnote definition (`[^x]:`) at the start of a line (after indentation) opens a level, and
 * indentation counts a level per four columns (the spaces that belong to a marker are not indentation).
 * It may over-count odd sources; it counts a list nested by two-column indentation at half its depth,
 * which the parser takes easily.
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
    else if (ch === 0x3e /* > */) {
      levels += 1
      // The one space after `>` is part of its marker, not indentation ("> > >" is three levels, not four).
      if (text.charCodeAt(i + 1) === 0x20) i++
    } else if ((ch === 0x2d || ch === 0x2a || ch === 0x2b) && isSpace(text.charCodeAt(i + 1))) {
      levels += 1
      i = afterMarkerSpaces(text, i + 1, end) - 1
    } else if (ch >= 0x30 && ch <= 0x39) {
      let j = i
      while (j < end && text.charCodeAt(j) >= 0x30 && text.charCodeAt(j) <= 0x39) j++
      const after = text.charCodeAt(j)
      if ((after === 0x2e || after === 0x29) && isSpace(text.charCodeAt(j + 1))) {
        levels += 1
        i = afterMarkerSpaces(text, j + 1, end) - 1
      } else break
    } else if (ch === 0x5b /* [ */ && text.charCodeAt(i + 1) === 0x5e /* ^ */) {
      const colon = footnoteLabelEnd(text, i + 2, end)
      if (colon === -1) break
      levels += 1
      i = colon
    } else break
    i++
  }
  return levels + Math.floor(column / 4)
}

/**
 * Past the spaces that pad a list marker (one to four, CommonMark's content offset), which are part of
 * the marker rather than indentation; five or more begin indented code, whose extra columns count.
 */
function afterMarkerSpaces(text: string, from: number, end: number): number {
  let i = from
  while (i < end && i < from + 4 && text.charCodeAt(i) === 0x20) i++
  return i
}

/** Where `[^label]:` ends (its colon), or -1; labels are at most 999 characters, as in CommonMark. */
function footnoteLabelEnd(text: string, from: number, end: number): number {
  const last = Math.min(end, from + 1000)
  for (let i = from; i < last; i++) {
    if (text.charCodeAt(i) === 0x5d /* ] */) return text.charCodeAt(i + 1) === 0x3a /* : */ ? i + 1 : -1
  }
  return -1
}

const isSpace = (ch: number) => ch === 0x20 || ch === 0x09 || Number.isNaN(ch)
