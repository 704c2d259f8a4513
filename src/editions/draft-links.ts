import type { LineageOverride } from '../platform/db/schema.ts'
import type { SplitBlock } from '../platform/markdown/split.ts'

/**
 * Where the editor's lineage links go when the working draft's text changes. A link names a block of
 * the draft by its position, so a change that moves positions (an insertion, a deletion, a move, an
 * edit that makes two paragraphs of one) must move the links with their blocks, never leave a link on
 * whichever block now has the old position.
 */

type Placed = Pick<SplitBlock, 'hash' | 'start'>

export interface Followed {
  /** Old position to new, for each block found again with the same words. */
  found: Map<number, number>
  /** Old positions whose block is not in the new text as it was: edited, deleted or joined to another. */
  lost: number[]
  /** New positions whose block was not in the old text: what the change wrote. */
  written: number[]
}

/**
 * Which block of the old text each block of the new one is. The blocks before the change keep their
 * place in the source, those after it their distance from its end; between them, a block is the same
 * only when its words are there once on each side (two blocks that traded places).
 */
export function followBlocks(
  before: { source: string; blocks: readonly Placed[] },
  after: { source: string; blocks: readonly Placed[] },
): Followed {
  const a = before.blocks
  const b = after.blocks
  const fromEnd = (source: string, block: Placed) => source.length - block.start
  let head = 0
  while (
    head < a.length &&
    head < b.length &&
    a[head]?.hash === b[head]?.hash &&
    a[head]?.start === b[head]?.start
  )
    head++
  let tail = 0
  while (tail < a.length - head && tail < b.length - head) {
    const old = a[a.length - 1 - tail]
    const next = b[b.length - 1 - tail]
    if (!old || !next || old.hash !== next.hash) break
    if (fromEnd(before.source, old) !== fromEnd(after.source, next)) break
    tail++
  }
  const found = new Map<number, number>()
  for (let i = 0; i < head; i++) found.set(i, i)
  for (let j = 0; j < tail; j++) found.set(a.length - 1 - j, b.length - 1 - j)

  const once = (blocks: readonly Placed[], from: number, to: number) => {
    const at = new Map<string, number | undefined>()
    for (let i = from; i < to; i++) {
      const hash = blocks[i]?.hash ?? ''
      at.set(hash, at.has(hash) ? undefined : i)
    }
    return at
  }
  const oldOnce = once(a, head, a.length - tail)
  const newOnce = once(b, head, b.length - tail)
  for (const [hash, i] of oldOnce) {
    const j = newOnce.get(hash)
    if (i !== undefined && j !== undefined) found.set(i, j)
  }
  const taken = new Set(found.values())
  const lost: number[] = []
  for (let i = head; i < a.length - tail; i++) if (!found.has(i)) lost.push(i)
  const written: number[] = []
  for (let j = head; j < b.length - tail; j++) if (!taken.has(j)) written.push(j)
  return { found, lost, written }
}

export interface CarriedLinks {
  overrides: LineageOverride[]
  /** The editor's corrections dropped because their block was rewritten by something other than an edit of it. */
  dropped: number
}

/**
 * The links after a change: each follows its block to its new position. `edited` names where the
 * edited block(s) came from in the edition being revised: the blocks the edit wrote take that link, so an
 * edit of a paragraph, however much it rewrites the words, stays that paragraph (its comments go with
 * it). `gone` are positions whose links leave with their block (a deletion, or an edit's own block) and
 * are not counted as dropped.
 */
export function carryLinks(
  overrides: readonly LineageOverride[],
  followed: Followed,
  change: { edited?: { from: string[]; kept: boolean } | undefined; gone?: readonly number[] } = {},
): CarriedLinks {
  const gone = new Set([...(change.gone ?? []), ...(change.edited ? followed.lost : [])])
  const result: LineageOverride[] = []
  let dropped = 0
  for (const o of overrides) {
    const at = followed.found.get(o.ordinal)
    if (at !== undefined) result.push({ ...o, ordinal: at })
    else if (!gone.has(o.ordinal) && o.kept !== true) dropped++
  }
  const edited = change.edited
  if (edited && edited.from.length > 0)
    for (const ordinal of followed.written)
      result.push(edited.kept ? { ordinal, from: edited.from, kept: true } : { ordinal, from: edited.from })
  return { overrides: result.sort((x, y) => x.ordinal - y.ordinal), dropped }
}
