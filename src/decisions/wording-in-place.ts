import type { Nodes, Parent } from 'mdast'
import { toString } from 'mdast-util-to-string'
import { diffWordsWithSpace } from 'diff'
import { visit } from 'unist-util-visit'
import { parseBlock } from '../platform/markdown/definitions.ts'
import { normaliseText } from '../platform/markdown/text.ts'

/**
 * Taking a whole-paragraph suggestion into the working draft without losing the paragraph's inline
 * formatting. The composer offers a paragraph's words as plain text, so a suggestion written from it
 * has none of the emphasis, links or code of the source: written over the source as it is, it would
 * strip them all. Instead the words that changed are found (a word diff of the paragraph's text and the
 * proposal's) and only those are rewritten in the Markdown, each in the text they lie in, so every
 * piece of formatting outside the changed words stays as the editors wrote it. The block is read with its
 * document's definitions (definitions.ts), so its footnote calls and reference links are what they are in
 * the guide: kept where they stand, like any other formatting.
 */

/** A run of the block's text as the source writes it: a text node, inline code, raw HTML, an image. */
interface Leaf {
  /** Where its words lie in the block's text (toString of the tree). */
  from: number
  to: number
  /** Where it lies in the source. */
  start: number
  end: number
  /** Where its words lie in the source, when they are written there exactly (no escape, no entity). */
  inner: { start: number } | undefined
  /** Its ancestors, the root first. */
  path: Parent[]
}

/** A change of the text: the old words [from, to) become `to`'s new words [newFrom, newTo). */
interface Change {
  from: number
  to: number
  newFrom: number
  newTo: number
}

/** Inline formatting a plain proposal has none of; any other node is block structure. */
const INLINE = new Set([
  'emphasis',
  'strong',
  'delete',
  'link',
  'linkReference',
  'inlineCode',
  'break',
  'html',
  'image',
  'imageReference',
  'footnoteReference',
])

const childrenOf = (node: Nodes): Nodes[] => ('children' in node ? (node.children as Nodes[]) : [])

/** The block's leaves in reading order, with where their words are in the text and in the source. */
function leavesOf(source: string, root: Nodes): Leaf[] {
  const leaves: Leaf[] = []
  let at = 0
  const walk = (node: Nodes, path: Parent[]) => {
    const children = childrenOf(node)
    if (children.length > 0 && !('value' in node)) {
      for (const child of children) walk(child, [...path, node as Parent])
      return
    }
    const words = toString(node)
    const start = node.position?.start.offset ?? 0
    const end = node.position?.end.offset ?? start
    const written = source.slice(start, end)
    // Text is written as it reads unless escaped or an entity; code's words sit inside its backticks or fences.
    const offset =
      node.type === 'text'
        ? written === words
          ? 0
          : -1
        : node.type === 'inlineCode' || node.type === 'code'
          ? written.indexOf(words)
          : -1
    leaves.push({
      from: at,
      to: at + words.length,
      start,
      end,
      inner:
        offset >= 0 && words !== '' && written.indexOf(words, offset + 1) < 0
          ? { start: start + offset }
          : undefined,
      path,
    })
    at += words.length
  }
  walk(root, [])
  return leaves
}

/** The proposal's words, when it is plain words (perhaps behind a list or heading marker); else undefined. */
function plainWords(proposal: string, definitions: string): string | undefined {
  // Read as in the guide, so a footnote call written out (`[^1]`) is the call, not brackets.
  const tree = parseBlock(proposal, definitions)
  const isPlain = (node: Nodes): boolean =>
    !INLINE.has(node.type) &&
    (node.type !== 'text' ||
      proposal.slice(node.position?.start.offset ?? 0, node.position?.end.offset ?? 0) === node.value) &&
    childrenOf(node).every(isPlain)
  return isPlain(tree) ? toString(tree) : undefined
}

/** The changes from the old words to the new, each a run of changed words with no kept word inside. */
function changesOf(before: string, after: string): Change[] {
  const changes: Change[] = []
  let from = 0
  let newFrom = 0
  let open: Change | undefined
  for (const part of diffWordsWithSpace(before, after)) {
    const length = part.value.length
    if (part.added || part.removed) {
      open ??= { from, to: from, newFrom, newTo: newFrom }
      if (part.removed) from += length
      else newFrom += length
      // Spaces held between two changed words join the change: one phrase, as the redline shows it.
      open.to = from
      open.newTo = newFrom
      continue
    }
    from += length
    newFrom += length
    if (open && !/^\s+$/u.test(part.value)) {
      changes.push(open)
      open = undefined
    }
  }
  if (open) changes.push(open)
  // White space both wordings share at a change's ends is kept text, so a change begins and ends at words
  // (jsdiff often takes the space before a changed word into the change).
  for (const c of changes) {
    while (
      c.from < c.to &&
      c.newFrom < c.newTo &&
      /\s/u.test(before[c.from] ?? '') &&
      before[c.from] === after[c.newFrom]
    ) {
      c.from++
      c.newFrom++
    }
    while (
      c.from < c.to &&
      c.newFrom < c.newTo &&
      /\s/u.test(before[c.to - 1] ?? '') &&
      before[c.to - 1] === after[c.newTo - 1]
    ) {
      c.to--
      c.newTo--
    }
  }
  // A change of white space alone (a line break the textarea made a space) leaves the source as it is.
  return changes.filter(
    (c) => normaliseText(before.slice(c.from, c.to)) !== normaliseText(after.slice(c.newFrom, c.newTo)),
  )
}

/**
 * Where old position `p`, outside every change or at its edge, is in the new words: at the start of a
 * range before any words inserted there, at its end after them.
 */
function newPosition(changes: readonly Change[], p: number, side: 'start' | 'end'): number {
  let shift = 0
  for (const c of changes) {
    const insertedHere = c.from === c.to && c.from === p
    if (c.to <= p && !(insertedHere && side === 'start')) shift = c.newTo - c.to
    else if (c.from < p) throw new Error('a position inside a change')
    else break
  }
  return p + shift
}

/** How many ancestors two leaves share: the deepest node holding both is the last of those. */
function sharedDepth(a: Leaf, b: Leaf): number {
  let depth = 0
  while (depth < a.path.length && depth < b.path.length && a.path[depth] === b.path[depth]) depth++
  return depth
}

/**
 * What becomes of a whole-block proposal: the block's Markdown with it taken in (`markdown`); the
 * proposal as written (`asWritten`: it carries Markdown of its own, so its author chose the formatting,
 * or the block has no formatting to lose); or neither (`lost`: its words cannot be put in without
 * losing formatting, a footnote call or a reference the proposal leaves in place).
 */
export type Wording = { markdown: string } | { asWritten: true } | { lost: true }

/**
 * The block's Markdown with a whole-block proposal taken in, keeping the formatting of every word the
 * proposal leaves as it was. `definitions` are the document's (SplitDocument.definitions).
 */
export function wordingInPlace(
  markdown: string,
  blockText: string,
  proposal: string,
  definitions: string,
): Wording {
  const after = plainWords(proposal, definitions)
  if (after === undefined) return { asWritten: true }
  const tree = parseBlock(markdown, definitions)
  // Read with its document's definitions, the block must read as it does in its guide; else what
  // formatting it holds is not known, so none can be promised kept.
  if (toString(tree) !== blockText) return { lost: true }
  const taken = takeIn(markdown, tree, blockText, after, definitions)
  if (taken !== undefined) return { markdown: taken }
  // Plain words over a block with no formatting lose nothing; over formatting they would drop it unseen.
  const formatted = (node: Nodes): boolean => INLINE.has(node.type) || childrenOf(node).some(formatted)
  return formatted(tree) ? { lost: true } : { asWritten: true }
}

/** The block's Markdown with the plain words `after` taken in; undefined when not done faithfully. */
function takeIn(
  markdown: string,
  tree: Nodes,
  blockText: string,
  after: string,
  definitions: string,
): string | undefined {
  const leaves = leavesOf(markdown, tree).filter((leaf) => leaf.to > leaf.from || leaf.end > leaf.start)
  // Footnote calls (line breaks, images without words) have no words: nothing in the proposal says they
  // go, so they stay.
  const atoms = leaves.filter((leaf) => leaf.to === leaf.from)
  const changes = changesOf(blockText, after)
  if (changes.length === 0) return undefined

  // Each change as a range of the source: inside one leaf whose words are written as they read, the
  // changed words alone; otherwise widened to whole pieces of formatting. Replaced words that run across
  // formatting (from inside *emphasis* to past it, say) lose it: the proposal says nothing about which
  // of its new words the emphasis belongs to, and half a piece of formatting cannot be kept (its marks
  // must pair up), so the whole piece is written as the suggestion's plain words — exactly the words the
  // reviewer proposed and the editor accepts, shown in the draft's preview before any edition exists.
  // Formatting wholly outside the changed words is never touched.
  const ranges: { from: number; to: number; start: number; end: number }[] = []
  for (const change of changes) {
    const inside = (p: number, leaf: Leaf) => leaf.from <= p && p < leaf.to
    // An insertion at the edge of two leaves goes in the less deeply formatted one (the earlier on a
    // tie): words added after *emphasis* are not emphasised.
    const atEdge = [
      leaves.find((leaf) => leaf.from < change.from && change.from <= leaf.to),
      leaves.find((leaf) => inside(change.from, leaf)),
    ].filter((leaf) => leaf !== undefined)
    const first =
      change.from === change.to
        ? atEdge.reduce<Leaf | undefined>(
            (best, leaf) => (best === undefined || leaf.path.length < best.path.length ? leaf : best),
            undefined,
          )
        : leaves.find((leaf) => inside(change.from, leaf))
    const last = change.from === change.to ? first : leaves.find((leaf) => inside(change.to - 1, leaf))
    if (!first || !last) return undefined
    if (first === last && first.inner && change.from === change.to && first.to === change.from) {
      // Words added after ones a footnote is called on go after the call, which stays on its words.
      let end = first.end
      for (const atom of atoms)
        if (atom.start === end && atom.path.at(-1) === first.path.at(-1)) end = atom.end
      if (end !== first.end && first.inner.start + (first.to - first.from) === first.end) {
        ranges.push({ from: change.from, to: change.to, start: end, end })
        continue
      }
    }
    if (first === last && first.inner) {
      ranges.push({
        from: change.from,
        to: change.to,
        start: first.inner.start + (change.from - first.from),
        end: first.inner.start + (change.to - first.from),
      })
      continue
    }
    const depth = sharedDepth(first, last)
    // Each end: inside its leaf when the leaf is plain text of the shared node; else the shared node's
    // child holding it, whole.
    const whole = (leaf: Leaf) => {
      const holder = leaf.path[depth] as Nodes | undefined
      if (!holder) return { from: leaf.from, to: leaf.to, start: leaf.start, end: leaf.end }
      const inHolder = leaves.filter((l) => l.path.includes(holder as Parent))
      return {
        from: Math.min(...inHolder.map((l) => l.from)),
        to: Math.max(...inHolder.map((l) => l.to)),
        start: holder.position?.start.offset ?? leaf.start,
        end: holder.position?.end.offset ?? leaf.end,
      }
    }
    const head =
      first.inner && first.path.length === depth
        ? { from: change.from, start: first.inner.start + (change.from - first.from) }
        : whole(first)
    const tail =
      last.inner && last.path.length === depth
        ? { to: change.to, end: last.inner.start + (change.to - last.from) }
        : whole(last)
    ranges.push({ from: head.from, to: tail.to, start: head.start, end: tail.end })
  }

  // Ranges widened into one another, or touching, become one.
  ranges.sort((x, y) => x.from - y.from || x.start - y.start)
  const merged: typeof ranges = []
  for (const range of ranges) {
    const previous = merged[merged.length - 1]
    if (previous && range.from <= previous.to && range.start <= previous.end) {
      previous.to = Math.max(previous.to, range.to)
      previous.end = Math.max(previous.end, range.end)
    } else merged.push({ ...range })
  }

  // A call with words replaced on both sides of it has no place in the new words: not dropped unseen.
  if (merged.some((r) => atoms.some((atom) => r.start < atom.end && atom.start < r.end))) return undefined

  let edits: { start: number; end: number; words: string; label?: true }[]
  try {
    edits = merged.map((range) => ({
      start: range.start,
      end: range.end,
      words: after.slice(newPosition(changes, range.from, 'start'), newPosition(changes, range.to, 'end')),
    }))
  } catch {
    return undefined
  }
  // The words of a shortcut reference (`[Home]`, `[Home][]`) are also the label it is found by: new words
  // written inside it would name no definition, so it becomes a full reference to the one it named.
  visit(tree, 'linkReference', (node) => {
    const start = node.position?.start.offset ?? 0
    const end = node.position?.end.offset ?? 0
    if (node.referenceType === 'full' || !merged.some((r) => start < r.start && r.end < end)) return
    const collapsed = node.referenceType === 'collapsed' && markdown.slice(end - 2, end) === '[]'
    edits.push({
      start: collapsed ? end - 2 : end,
      end,
      words: `[${node.label ?? node.identifier}]`,
      label: true,
    })
  })
  // From the end back, so each edit's offsets still hold; at one offset, words added after a label first.
  edits = edits.sort((x, y) => y.start - x.start || Number(x.label ?? false) - Number(y.label ?? false))
  let result = markdown
  for (const edit of edits) result = result.slice(0, edit.start) + edit.words + result.slice(edit.end)
  // Whatever the source's shape, the block must now read as the proposal does; else the proposal as written.
  return normaliseText(toString(parseBlock(result, definitions))) === normaliseText(after)
    ? result
    : undefined
}
