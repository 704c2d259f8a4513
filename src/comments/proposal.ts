import type { Quote } from '../platform/db/schema.ts'
import { DomainError } from '../kernel/errors.ts'
import { redlineParts, type RedlinePart } from '../lineage/redline.ts'
import { commentMarkdown } from '../platform/markdown/limits.ts'
import { withDefinitions } from '../platform/markdown/definitions.ts'
import { splitOffThread } from '../platform/markdown/split-off-thread.ts'
import { normaliseText, squashSpace } from '../platform/markdown/text.ts'

/** A block as a suggestion is written against: its kind, its Markdown source and its plain text. */
export interface ProposalPlace {
  kind: string
  markdown: string
  text: string
}

export interface AppliedProposal {
  /** The block's Markdown with the proposal in place. */
  markdown: string
  /** Its plain text, as the reading page would show it. */
  text: string
  /** The block's words against the same with the proposal applied. */
  redline: RedlinePart[]
}

const refuse = (code: 'proposal-empty' | 'proposal-unchanged' | 'proposal-changes-kind', message: string) =>
  new DomainError(code, message, [{ pointer: '/proposal', detail: message }])

/** White space written between words, matched as any white space (a quote is checked squashed). */
const escaped = (text: string) =>
  squashSpace(text)
    .trim()
    .split(' ')
    .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('\\s+')

/**
 * Where a quoted phrase lies in a block's Markdown source: the occurrence whose surroundings agree most
 * with the quote's prefix and suffix (the first on a tie). Undefined when the phrase is not written
 * there as it reads, because formatting (emphasis, a link, an escape) runs through it.
 */
export function locateInSource(markdown: string, quote: Quote): { start: number; end: number } | undefined {
  const words = escaped(quote.exact)
  if (words === '') return undefined
  const prefix = squashSpace(quote.prefix ?? '')
  const suffix = squashSpace(quote.suffix ?? '')
  let best: { start: number; end: number } | undefined
  let bestScore = -1
  for (const match of markdown.matchAll(new RegExp(words, 'gu'))) {
    const start = match.index
    const end = start + match[0].length
    const score =
      sharedEnd(squashSpace(markdown.slice(0, start)), prefix) +
      sharedStart(squashSpace(markdown.slice(end)), suffix)
    if (score > bestScore) [best, bestScore] = [{ start, end }, score]
  }
  return best
}

/**
 * The blocks a block's Markdown splits into alone, read with its document's definitions (so a footnote
 * call or a reference link defined elsewhere is one, and reads as in the guide, not as brackets).
 */
async function blocksAlone(markdown: string, definitions: string) {
  const { blocks } = await splitOffThread(withDefinitions(markdown, definitions))
  return blocks.filter((b) => b.start < markdown.length)
}

/**
 * A block's Markdown with a proposal in place of its quoted phrase, or of all of it without a quote,
 * refused (422, pointing at `/proposal`) when the proposal is empty, says what is there already, or
 * would make the block something else: a paragraph that became two, a list item that became a
 * paragraph. The result must split into blocks of the same kinds as the block's own source does alone
 * (one of its own kind, for nearly every block), checked with the same splitter the guide goes through.
 * `definitions` are its document's (SplitDocument.definitions), '' when it has none.
 */
export async function applyProposal(
  place: ProposalPlace,
  quote: Quote | null,
  proposal: string,
  definitions: string,
): Promise<AppliedProposal> {
  if (proposal.trim() === '') throw refuse('proposal-empty', 'Write the wording you suggest.')
  const { problem } = commentMarkdown(proposal)
  if (problem)
    throw new DomainError(problem.code, problem.message, [{ pointer: '/proposal', detail: problem.message }])
  let markdown: string
  if (quote) {
    const at = locateInSource(place.markdown, quote)
    if (!at) {
      const message =
        'The words you quoted run across formatting (emphasis, a link), so they cannot be replaced on their own: quote fewer words, or suggest wording for the whole paragraph.'
      throw new DomainError('quote-spans-formatting', message, [{ pointer: '/quote/exact', detail: message }])
    }
    if (normaliseText(proposal) === normaliseText(place.markdown.slice(at.start, at.end)))
      throw refuse('proposal-unchanged', 'The wording you suggest is what the paragraph says already.')
    markdown = place.markdown.slice(0, at.start) + proposal.trim() + place.markdown.slice(at.end)
  } else {
    markdown = withOwnMarker(place, proposal.trim())
  }
  if (normaliseText(markdown) === normaliseText(place.markdown))
    throw refuse('proposal-unchanged', 'The wording you suggest is what the paragraph says already.')
  const [before, after] = await Promise.all([
    blocksAlone(place.markdown, definitions),
    blocksAlone(markdown, definitions),
  ])
  const kinds = (blocks: readonly { kind: string }[]) => blocks.map((b) => b.kind).join()
  const alone = kinds(before) === place.kind
  if (alone ? kinds(after) !== place.kind : kinds(after) !== kinds(before))
    throw refuse(
      'proposal-changes-kind',
      `The wording you suggest would make this ${KIND_WORDS[place.kind] ?? 'block'} into something else (${describe(after)}). Keep it one ${KIND_WORDS[place.kind] ?? 'block'}.`,
    )
  const text = after.map((b) => b.text).join('\n')
  if (normaliseText(text) === normaliseText(place.text) && after.length > 0)
    throw refuse('proposal-unchanged', 'The wording you suggest reads the same as the paragraph does now.')
  return { markdown, text, redline: redlineParts(place.text, text) }
}

/** A list item's marker (`- `, `3. `) or a heading's (`## `), as the block's source writes it. */
const MARKERS: Record<string, RegExp> = {
  listItem: /^ {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]+/,
  heading: /^ {0,3}#{1,6}[ \t]+/,
}

/**
 * Wording for a whole list item or heading written as its words alone (as the composer offers the
 * paragraph's text) takes the block's own marker, so the item stays an item of its list.
 */
export function withOwnMarker(place: Pick<ProposalPlace, 'kind' | 'markdown'>, proposal: string): string {
  const marker = MARKERS[place.kind]
  if (!marker || marker.test(proposal)) return proposal
  const own = marker.exec(place.markdown)?.[0]
  return own ? own + proposal : proposal
}

const KIND_WORDS: Record<string, string> = {
  heading: 'heading',
  paragraph: 'paragraph',
  listItem: 'list item',
  blockquote: 'quotation',
  code: 'code block',
  table: 'table',
  footnoteDefinition: 'footnote',
  html: 'HTML block',
}

const describe = (blocks: readonly { kind: string }[]) =>
  blocks.length === 0
    ? 'nothing'
    : blocks.length === 1
      ? `a ${KIND_WORDS[blocks[0]?.kind ?? ''] ?? 'block'}`
      : `${String(blocks.length)} blocks`

function sharedStart(a: string, b: string): number {
  let n = 0
  while (n < a.length && n < b.length && a[n] === b[n]) n++
  return n
}

function sharedEnd(a: string, b: string): number {
  let n = 0
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++
  return n
}
