import { inlineCost } from './inline-cost.ts'

/**
 * An estimate, made before parsing, of how long a comment's Markdown takes to render (micromark, then
 * the HTML steps), in units of about 5 µs: measured as the render time of 2,000-character bodies of each
 * construct repeated, divided by this estimate, which these weights keep between 0.3 and 7 µs (a plain
 * 2,000 characters take about 0.7 ms). Plain words cost little; markup costs. Every line re-checks the
 * open containers and tries each block construct; a paragraph, a hard break and a line starting a block
 * (a list item, heading, quote, fence, table row, definition) cost several times more, a setext
 * underline more again (a run of setext headings grows with its square); lines continuing a container
 * lazily cost the most of all. Inline, a link's `](` reads a destination, a `]` (and a `[^`) looks up a
 * reference, an `@` looks back for an e-mail address, and emphasis pairs
 * its runs as inline-cost.ts models (its walk counted too, a unit for each hundred characters walked).
 */
export interface MarkdownCost {
  work: number
  /** The first line where the work, counted from the start, passed the budget; else the last line. */
  line: number
}

const PER_CHARACTER = 0.15
const PER_LINE = 6
const PER_PARAGRAPH = 12
const PER_HARD_BREAK = 4
const PER_BLOCK_START = 16
const PER_UNDERLINE = 24
const PER_LINK = 8
const PER_FOOTNOTE_CALL = 3
const PER_WALKED = 0.01
const MARKERS = new Map<string, number>([
  ['[', 1],
  [']', 3],
  ['*', 1.5],
  ['_', 1.5],
  ['~', 1.5],
  ['@', 3],
  ['<', 1],
  ['`', 1],
  ['\\', 1],
  ['!', 1],
  ['&', 2],
  ['|', 1],
])

/** A line starting a list item, heading, quote, fence, table row, definition, indented code or HTML. */
const BLOCK_START = /^(?: {4}|\t| {0,3}(?:[-*+](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)|#|>|```|~~~|\||\[|<))/
/** A setext heading's underline (or a thematic break). */
const UNDERLINE = /^ {0,3}(?:=+|-+)[ \t]*$/
const BLANK = /^[ \t]*$/

export function markdownCost(
  body: string,
  budget = Number.POSITIVE_INFINITY,
  /** inlineCost(body), when the caller has it already. */
  inline = inlineCost(body),
): MarkdownCost {
  let work = inline.cost * PER_WALKED + body.length * PER_CHARACTER
  let line = 1
  let passed = 0
  let afterBlank = true
  for (let start = 0; start <= body.length; line++) {
    let end = body.indexOf('\n', start)
    if (end === -1) end = body.length
    const text = body.slice(start, end)
    const blank = BLANK.test(text)
    work += PER_LINE
    if (afterBlank && !blank) work += PER_PARAGRAPH
    if (UNDERLINE.test(text)) work += PER_UNDERLINE
    else if (BLOCK_START.test(text)) work += PER_BLOCK_START
    if (/(?: {2}|\\)\r?$/.test(text)) work += PER_HARD_BREAK
    let previous = ''
    for (const ch of text) {
      work += MARKERS.get(ch) ?? 0
      if (ch === '(' && previous === ']') work += PER_LINK
      else if (ch === '^' && previous === '[') work += PER_FOOTNOTE_CALL
      previous = ch
    }
    if (passed === 0 && work > budget) passed = line
    afterBlank = blank
    start = end + 1
  }
  return { work, line: passed || line - 1 }
}
