/** A phrase quoted in a block, as the counts request gives it, with the comments quoting it. */
export interface QuotedPhrase {
  exact: string
  prefix?: string | undefined
  suffix?: string | undefined
  commentIds: string[]
}

/** One highlight: a stretch of the block's text and every comment whose quote falls in it. */
export interface Highlight {
  start: number
  end: number
  commentIds: string[]
}

interface TextMap {
  /** The block's text with white space collapsed, as quotes are checked on the server. */
  text: string
  /** For each character of `text`, the text node and offset it came from. */
  at: { node: Text; offset: number }[]
}

/** The block's own text nodes (not its margin), squashed as the server squashes a quote's paragraph. */
function textMap(root: Element, skip: (node: Node) => boolean): TextMap {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => (skip(node) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  })
  let text = ''
  const at: TextMap['at'] = []
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    const data = node.data
    for (let offset = 0; offset < data.length; offset++) {
      const space = /\s/.test(data[offset] ?? '')
      if (space && (text === '' || text.endsWith(' '))) continue
      text += space ? ' ' : (data[offset] ?? '')
      at.push({ node, offset })
    }
  }
  return { text, at }
}

/** Where a phrase is: the occurrence whose surroundings agree most with its prefix and suffix. */
function phraseAt(text: string, phrase: QuotedPhrase): number {
  let best = -1
  let bestScore = -1
  for (let at = text.indexOf(phrase.exact); at !== -1; at = text.indexOf(phrase.exact, at + 1)) {
    const before = phrase.prefix ?? ''
    const after = phrase.suffix ?? ''
    const score =
      (before && text.slice(0, at).endsWith(before) ? 1 : 0) +
      (after && text.slice(at + phrase.exact.length).startsWith(after) ? 1 : 0)
    if (score > bestScore) [best, bestScore] = [at, score]
  }
  return best
}

/** The block's own words (not its margin's), white space collapsed, as its text reads on the server. */
export const ownText = (root: Element, skip: (node: Node) => boolean): string =>
  textMap(root, skip).text.trim()

/**
 * The block's own words within a selection's range, white space collapsed: what the reader sees
 * selected less what is not the block's text (a footnote call's number), so the quote is found in it.
 */
export function ownTextIn(root: Element, skip: (node: Node) => boolean, range: Range): string {
  const { text, at } = textMap(root, skip)
  const inside = ({ node, offset }: TextMap['at'][number]) =>
    range.comparePoint(node, offset) === 0 && range.comparePoint(node, offset + 1) === 0
  const start = at.findIndex(inside)
  if (start === -1) return ''
  let end = start
  for (let i = start + 1; i < at.length; i++) {
    const point = at[i]
    if (point && inside(point)) end = i
  }
  return text.slice(start, end + 1).trim()
}

/** The phrases' stretches of text, overlapping ones merged into one highlight holding all their comments. */
export function highlights(text: string, phrases: readonly QuotedPhrase[]): Highlight[] {
  const found = phrases
    .map((p) => {
      const start = phraseAt(text, p)
      return { start, end: start + p.exact.length, commentIds: p.commentIds }
    })
    .filter((h) => h.start !== -1)
  return mergeOverlaps(found)
}

function mergeOverlaps(found: Highlight[]): Highlight[] {
  const merged: Highlight[] = []
  for (const h of [...found].sort((a, b) => a.start - b.start || b.end - a.end)) {
    const last = merged[merged.length - 1]
    if (last && h.start < last.end) {
      last.end = Math.max(last.end, h.end)
      last.commentIds = [...new Set([...last.commentIds, ...h.commentIds])]
    } else merged.push({ ...h, commentIds: [...h.commentIds] })
  }
  return merged
}

/**
 * Wraps each highlight's text in `<mark>` elements (one per text node it crosses, since a mark cannot
 * cross an element's edge), calling `made` with each highlight's marks, first one first.
 */
export function markQuotes(
  root: Element,
  phrases: readonly QuotedPhrase[],
  skip: (node: Node) => boolean,
  made: (marks: HTMLElement[], highlight: Highlight) => void,
): void {
  const map = textMap(root, skip)
  const found = highlights(map.text, phrases)
  // Later highlights first, so splitting a node never moves the offsets of one still to wrap.
  for (const highlight of [...found].reverse()) {
    const pieces = new Map<Text, { from: number; to: number }>()
    for (let i = highlight.start; i < highlight.end; i++) {
      const place = map.at[i]
      if (!place) continue
      const piece = pieces.get(place.node)
      if (piece) piece.to = place.offset + 1
      else pieces.set(place.node, { from: place.offset, to: place.offset + 1 })
    }
    const marks = [...pieces].reverse().map(([node, { from, to }]) => {
      const middle = node.splitText(from)
      middle.splitText(to - from)
      const mark = document.createElement('mark')
      middle.replaceWith(mark)
      mark.append(middle)
      return mark
    })
    made(marks.reverse(), highlight)
  }
}
