/**
 * An estimate, made before parsing, of how hard a source's inline Markdown is for micromark. Its
 * resolvers walk back from every closing `*`, `_`, `~` and `]` to the opener it pairs with, or to the
 * start of the paragraph when there is none, and an unterminated `<!--`, `<?`, `<![CDATA[` or `<!x`
 * (or a link's `](` with no `)`) is scanned to the end of the paragraph, once per occurrence. A few
 * kilobytes of `a* a* a* …` therefore take seconds and `*a *a … a* a*` nested a thousand deep
 * overflows the stack. This models those walks, cheaply and on the generous side: a paragraph is
 * whatever lies between blank lines, and markers inside code are counted too.
 */
export interface InlineCost {
  /** Characters micromark would walk over, summed over the document. */
  cost: number
  /** The deepest nesting of paired emphasis, strikethrough and brackets. */
  depth: number
  /** The deepest nesting of raw HTML elements in one paragraph, as the HTML parser would build them. */
  htmlDepth: number
  /** The first line of the paragraph with the highest cost, and of the deepest one. */
  costliestLine: number
  deepestLine: number
}

interface Opener {
  at: number
  length: number
  canClose: boolean
}

/** How far down a stack of openers a closer looks before the estimate assumes the worst. */
const SEARCH = 16
/** Where an unterminated construct of raw HTML stops being scanned. */
const TERMINATORS: [string, string][] = [
  ['<!--', '-->'],
  ['<![CDATA[', ']]>'],
  ['<?', '?>'],
]

const isSpace = (ch: string | undefined) => ch === undefined || /\s/u.test(ch)
const isPunctuation = (ch: string | undefined) => ch !== undefined && /[\p{P}\p{S}]/u.test(ch)
const isAsciiPunctuation = (ch: string | undefined) => ch !== undefined && /[!-/:-@[-`{-~]/.test(ch)

export function inlineCost(text: string): InlineCost {
  const result: InlineCost = { cost: 0, depth: 0, htmlDepth: 0, costliestLine: 1, deepestLine: 1 }
  let highest = -1
  const paragraph = (from: number, to: number, line: number) => {
    const { cost, depth, htmlDepth } = paragraphCost(text, from, to)
    result.cost += cost
    result.htmlDepth = Math.max(result.htmlDepth, htmlDepth)
    if (cost > highest) {
      highest = cost
      result.costliestLine = line
    }
    if (depth > result.depth) {
      result.depth = depth
      result.deepestLine = line
    }
  }
  // A paragraph ends at a line holding nothing but white space and block-quote markers.
  let opened = -1
  let openedLine = 0
  let line = 1
  for (let at = 0; at <= text.length; line++) {
    let next = text.indexOf('\n', at)
    if (next === -1) next = text.length
    const blank = isBlank(text, at, next)
    if (blank && opened !== -1) {
      paragraph(opened, at, openedLine)
      opened = -1
    } else if (!blank && opened === -1) {
      opened = at
      openedLine = line
    }
    at = next + 1
  }
  if (opened !== -1) paragraph(opened, text.length, openedLine)
  return result
}

function isBlank(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const ch = text.charCodeAt(i)
    if (ch !== 0x20 && ch !== 0x09 && ch !== 0x0d && ch !== 0x3e /* > */) return false
  }
  return true
}

interface ParagraphCost {
  cost: number
  depth: number
  htmlDepth: number
}

function paragraphCost(text: string, start: number, end: number): ParagraphCost {
  let cost = 0
  let openElements = 0
  let htmlDepth = 0
  const stacks = new Map<string, Opener[]>([
    ['*', []],
    ['_', []],
    ['~', []],
  ])
  const brackets: number[] = []
  const spans: [number, number][] = []
  const found = new Map<string, number>()
  const nextAt = (needle: string, from: number) => {
    const known = found.get(needle)
    if (known !== undefined && known >= from) return known
    const at = text.indexOf(needle, from)
    const position = at === -1 || at >= end ? Number.POSITIVE_INFINITY : at
    found.set(needle, position)
    return position
  }

  let i = start
  while (i < end) {
    const ch = text[i] as string
    if (ch === '\\' && isAsciiPunctuation(text[i + 1])) {
      i += 2
      continue
    }
    if (ch === '*' || ch === '_' || ch === '~') {
      let j = i
      while (j < end && text[j] === ch) j++
      cost += delimiterRun(text, i, j, start, stacks.get(ch) as Opener[], spans)
      i = j
      continue
    }
    if (ch === '[') brackets.push(i)
    else if (ch === ']') {
      const opener = brackets.pop()
      if (opener === undefined) cost += i - start
      else {
        cost += i - opener
        spans.push([opener, i])
      }
      // A link's destination and title are read up to their `)`, wherever that is.
      if (text[i + 1] === '(') cost += Math.min(nextAt(')', i), end) - i
    } else if (ch === '<') {
      openElements = Math.max(0, openElements + htmlStep(text, i, end, nextAt('>', i)))
      htmlDepth = Math.max(htmlDepth, openElements)
      const kind = htmlKind(text, i)
      if (kind) {
        const stop = nextAt(kind, i + 1)
        if (stop === Number.POSITIVE_INFINITY) cost += end - i
        else {
          cost += stop - i
          i = stop + kind.length
          continue
        }
      }
    }
    i++
  }
  return { cost, depth: deepest(spans), htmlDepth }
}

/** Elements the HTML parser never nests: void ones, and those another of their kind closes. */
const FLAT_ELEMENTS = new Set(
  'area base br col embed hr img input link meta param source track wbr p li dt dd tr td th thead tbody tfoot colgroup caption option optgroup rb rt rtc rp'.split(
    ' ',
  ),
)

/**
 * +1 for a tag at `i` that opens an element, -1 for one that closes it, 0 for anything else; `close` is
 * where the next `>` is.
 */
function htmlStep(text: string, i: number, end: number, close: number): number {
  const closing = text[i + 1] === '/'
  const match = /^[A-Za-z][A-Za-z0-9-]*/.exec(text.slice(i + (closing ? 2 : 1), Math.min(end, i + 40)))
  if (!match || FLAT_ELEMENTS.has(match[0].toLowerCase())) return 0
  if (closing) return -1
  // `<x/>`: foreign elements (SVG) close themselves; an HTML one does not, and is left to split.ts's
  // guard against stack overflows.
  return close < end && text[close - 1] === '/' ? 0 : 1
}

/** The terminator micromark scans for after `<` at `i`, for the constructs it scans without limit. */
function htmlKind(text: string, i: number): string | undefined {
  for (const [open, close] of TERMINATORS) if (text.startsWith(open, i)) return close
  return text[i + 1] === '!' && /[A-Za-z]/.test(text[i + 2] ?? '') ? '>' : undefined
}

/**
 * A run of `*`, `_` or `~` at [i, j): pairs it with openers as CommonMark's "process emphasis" would
 * (the rule of three included) and returns the characters walked to do so.
 */
function delimiterRun(
  text: string,
  i: number,
  j: number,
  start: number,
  stack: Opener[],
  spans: [number, number][],
): number {
  const ch = text[i] as string
  const before = i > start ? text[i - 1] : undefined
  const after = j < text.length ? text[j] : undefined
  const leftFlanking = !isSpace(after) && (!isPunctuation(after) || isSpace(before) || isPunctuation(before))
  const rightFlanking = !isSpace(before) && (!isPunctuation(before) || isSpace(after) || isPunctuation(after))
  const canOpen = ch === '_' ? leftFlanking && (!rightFlanking || isPunctuation(before)) : leftFlanking
  const canClose = ch === '_' ? rightFlanking && (!leftFlanking || isPunctuation(after)) : rightFlanking
  let length = j - i
  if (ch === '~' && length > 2) return 0
  let cost = 0
  while (canClose && length > 0) {
    let k = stack.length - 1
    const floor = Math.max(0, stack.length - SEARCH)
    while (k >= floor && !pairs(ch, stack[k] as Opener, length, canOpen)) k--
    if (k < floor) {
      // Not paired (or not within reach of the estimate): micromark walks back to the paragraph's start.
      cost += i - start
      break
    }
    const opener = stack[k] as Opener
    cost += i - opener.at
    spans.push([opener.at, i])
    stack.length = k + 1
    const used = ch === '~' ? length : Math.min(opener.length >= 2 && length >= 2 ? 2 : 1, length)
    opener.length -= used
    length -= used
    if (opener.length === 0) stack.pop()
  }
  if (canOpen && length > 0) stack.push({ at: i, length, canClose })
  return cost
}

function pairs(ch: string, opener: Opener, length: number, closerCanOpen: boolean): boolean {
  if (ch === '~') return opener.length === length
  const either = closerCanOpen || opener.canClose
  return !(either && (opener.length + length) % 3 === 0 && !(opener.length % 3 === 0 && length % 3 === 0))
}

/** The most spans open at once. */
function deepest(spans: [number, number][]): number {
  if (spans.length === 0) return 0
  const edges = spans.flatMap(([from, to]): [number, number][] => [
    [from, 1],
    [to, -1],
  ])
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1])
  let open = 0
  let most = 0
  for (const [, step] of edges) {
    open += step
    most = Math.max(most, open)
  }
  return most
}
