import { blockWords } from './block-words.ts'
import { inOrderWith, longestIncreasing } from './longest-chain.ts'
import { containment, dice } from './similarity.ts'

export type Change = 'unchanged' | 'moved' | 'edited' | 'moved-edited' | 'split' | 'merged' | 'new'

export interface AlignedBlock {
  text: string
  kind: string
  /** Equal hashes mean the same kind and the same words once white space is collapsed (split.ts). */
  hash: string
}

export interface LineageEntry {
  ordinal: number
  change: Change
  from: number[]
  similarity: number
}

export interface Lineage {
  blocks: LineageEntry[]
  removed: { ordinal: number }[]
}

/** Below this, two blocks are different paragraphs rather than one edited. */
const EDIT_THRESHOLD = 0.5
/** A piece of a split (or a part of a merge) must have this much of its words in the other side. */
const PART_THRESHOLD = 0.8
/**
 * A part of a split or merge says something of its own: a block of a few words (a glossary term, a
 * label) lies inside many paragraphs by chance, so it is edited, new or removed rather than a part.
 */
const MIN_PART_WORDS = 5
/** Words this common say nothing about which block is which. */
const COMMON_WORD = 60
/**
 * A part of a merge brings words its block's main predecessor does not explain (and a piece of a split
 * takes words its old block's main successor left out): at least this many, and this share of the
 * part's own words. A removed paragraph that merely repeats the words of a kept neighbour is removed,
 * not merged; yet two sentences on one topic share many words ("Use the minus sign for subtraction"
 * split from "Use the correct symbol for the multiplication sign" brings only two of its six).
 */
const MIN_OWN_WORDS = 2
const OWN_WORDS_SHARE = 0.2
/**
 * Two old blocks this close in likeness to a new one are equally good candidates, and the one in
 * order (between the same unchanged neighbours) wins: a repeated paragraph edited in place is an
 * edit, not a move from its twin elsewhere.
 */
const ORDER_MARGIN = 0.05

const round = (n: number) => Math.round(n * 1000) / 1000

/** Adds to a list in a map in place: copying the list each time made common words quadratic. */
function append<K>(map: Map<K, number[]>, key: K, value: number): void {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}

/**
 * An index of word sets by word. `near(mine, enough)` gives, in order, the positions of the sets that
 * share an uncommon word with `mine` and might share enough: `enough(shared, size)` is asked with an
 * upper bound of the words shared (the uncommon ones counted, the common ones assumed), so that the
 * exact comparison runs only where it can succeed; on repetitive documents most candidates share one
 * word and nothing more.
 */
function wordIndex(sets: readonly ReadonlySet<string>[], include: (k: number) => boolean) {
  const index = new Map<string, number[]>()
  sets.forEach((set, k) => {
    if (!include(k)) return
    for (const word of set) append(index, word, k)
  })
  return (mine: ReadonlySet<string>, enough: (shared: number, size: number) => boolean): number[] => {
    const shared = new Map<number, number>()
    let common = 0
    for (const word of mine) {
      const holders = index.get(word)
      if (!holders) continue
      if (holders.length > COMMON_WORD) common++
      else for (const k of holders) shared.set(k, (shared.get(k) ?? 0) + 1)
    }
    const near: number[] = []
    for (const [k, count] of shared) if (enough(count + common, sets[k]?.size ?? 0)) near.push(k)
    return near.sort((a, b) => a - b)
  }
}

/** How many of `part`'s words lie in `whole` but not in `main`, the block that already accounts for `whole`. */
function ownWords(part: ReadonlySet<string>, whole: ReadonlySet<string>, main?: ReadonlySet<string>): number {
  let count = 0
  for (const word of part) if (whole.has(word) && !main?.has(word)) count++
  return count
}

/**
 * The lineage of edition n+1 against edition n, from exact to fuzzy: equal hashes pair first, then
 * the remaining blocks by shared words, then splits and merges; order decides moved against in place.
 * Deterministic: the same two inputs always give the same answer.
 */
export function align(old: readonly AlignedBlock[], next: readonly AlignedBlock[]): Lineage {
  const pairOf = new Array<number>(next.length).fill(-1)
  const oldTaken = new Array<boolean>(old.length).fill(false)
  const similarity = new Array<number>(next.length).fill(0)

  // 1. Exact: the earliest unused old block with the same hash.
  const byHash = new Map<string, number[]>()
  old.forEach((block, i) => append(byHash, block.hash, i))
  next.forEach((block, j) => {
    const queue = byHash.get(block.hash)
    const i = queue?.shift()
    if (i !== undefined) {
      pairOf[j] = i
      oldTaken[i] = true
      similarity[j] = 1
    }
  })

  // 2. Fuzzy: the remaining blocks by shared words, best pairs first, found through a word index; of
  //    two nearly equal candidates, the one between the same unchanged neighbours.
  const oldWords = old.map(blockWords)
  const nextWords = next.map(blockWords)
  const candidates = wordIndex(oldWords, (i) => !oldTaken[i])
  const anyOld = wordIndex(oldWords, () => true)
  const inOrder = inOrderWith(pairOf)
  const proposals: { i: number; j: number; score: number; rank: number }[] = []
  next.forEach((_, j) => {
    const mine = nextWords[j] ?? new Set()
    if (pairOf[j] !== -1) return
    const enough = (shared: number, size: number) => (2 * shared) / (size + mine.size) >= EDIT_THRESHOLD
    for (const i of candidates(mine, enough)) {
      const score = dice(oldWords[i] ?? new Set(), mine)
      if (score >= EDIT_THRESHOLD)
        proposals.push({ i, j, score, rank: score + (inOrder(i, j) ? ORDER_MARGIN : 0) })
    }
  })
  proposals.sort(
    (a, b) =>
      b.rank - a.rank ||
      b.score - a.score ||
      Math.abs(a.i - a.j) - Math.abs(b.i - b.j) ||
      a.j - b.j ||
      a.i - b.i,
  )
  for (const { i, j, score } of proposals) {
    if (pairOf[j] !== -1 || oldTaken[i]) continue
    pairOf[j] = i
    oldTaken[i] = true
    similarity[j] = score
  }

  // 3. Splits: an unpaired new block wholly inside an old one, taking words that the old block's own
  //    successor (if it has one) left out. Merges: an unpaired old block wholly inside a paired new
  //    block, bringing words that the new block's own predecessor does not explain.
  const successorOf = new Array<number>(old.length).fill(-1)
  pairOf.forEach((i, j) => {
    if (i !== -1) successorOf[i] = j
  })
  const splitFrom = new Map<number, number>()
  next.forEach((_, j) => {
    const piece = nextWords[j] ?? new Set()
    if (pairOf[j] !== -1 || piece.size < MIN_PART_WORDS) return
    let best = -1
    let bestScore = PART_THRESHOLD
    for (const i of anyOld(piece, (shared) => shared >= PART_THRESHOLD * piece.size)) {
      const whole = oldWords[i] ?? new Set()
      const score = containment(piece, whole)
      if (score < bestScore || (score === bestScore && best !== -1)) continue
      if (
        ownWords(piece, whole, nextWords[successorOf[i] ?? -1]) <
        Math.max(MIN_OWN_WORDS, OWN_WORDS_SHARE * piece.size)
      )
        continue
      best = i
      bestScore = score
    }
    if (best !== -1) splitFrom.set(j, best)
  })
  const mergedInto = new Map<number, number[]>()
  const pairedNext = wordIndex(nextWords, (j) => pairOf[j] !== -1)
  old.forEach((_, i) => {
    const part = oldWords[i] ?? new Set()
    if (oldTaken[i] || part.size < MIN_PART_WORDS) return
    let best = -1
    let bestScore = PART_THRESHOLD
    for (const j of pairedNext(part, (shared) => shared > PART_THRESHOLD * part.size)) {
      const whole = nextWords[j] ?? new Set()
      const score = containment(part, whole)
      if (score <= bestScore) continue
      if (
        ownWords(part, whole, oldWords[pairOf[j] ?? -1]) <
        Math.max(MIN_OWN_WORDS, OWN_WORDS_SHARE * part.size)
      )
        continue
      best = j
      bestScore = score
    }
    if (best !== -1) {
      mergedInto.set(best, [...(mergedInto.get(best) ?? [pairOf[best] ?? -1]), i])
      oldTaken[i] = true
    }
  })
  for (const [, i] of splitFrom) oldTaken[i] = true

  const sources = next.map((_, j): number[] => {
    const merged = mergedInto.get(j)
    if (merged) return [...merged].sort((a, b) => a - b)
    const split = splitFrom.get(j)
    if (split !== undefined) return [split]
    const i = pairOf[j] ?? -1
    return i === -1 ? [] : [i]
  })
  const scores = next.map((_, j) => {
    const split = splitFrom.get(j)
    return split === undefined
      ? (similarity[j] ?? 0)
      : containment(nextWords[j] ?? new Set(), oldWords[split] ?? new Set())
  })
  return describe(old, next, sources, scores)
}

/**
 * Names each new block's change from where it came from (`sources`, old positions) and how alike it is:
 * several sources make a merge, a source shared by several blocks a split, and a single source is
 * unchanged or edited, moved when it lies off the longest chain of blocks kept in order.
 */
export function describe(
  old: readonly AlignedBlock[],
  next: readonly AlignedBlock[],
  sources: readonly (readonly number[])[],
  scores: readonly number[],
): Lineage {
  const uses = new Array<number>(old.length).fill(0)
  for (const from of sources) for (const i of from) uses[i] = (uses[i] ?? 0) + 1
  const paired = next.map((_, j) => j).filter((j) => (sources[j]?.length ?? 0) > 0)
  const chain = longestIncreasing(paired.map((j) => Math.min(...(sources[j] ?? []))))
  const inOrder = new Set(paired.filter((_, k) => chain.has(k)))

  const blocks = next.map((block, j): LineageEntry => {
    const from = [...(sources[j] ?? [])].sort((a, b) => a - b)
    const score = round(scores[j] ?? 0)
    const i = from[0]
    if (i === undefined) return { ordinal: j, change: 'new', from: [], similarity: 0 }
    if (from.length > 1) return { ordinal: j, change: 'merged', from, similarity: score }
    if ((uses[i] ?? 0) > 1) return { ordinal: j, change: 'split', from, similarity: score }
    const exact = old[i]?.hash === block.hash
    const moved = !inOrder.has(j)
    const change: Change = exact ? (moved ? 'moved' : 'unchanged') : moved ? 'moved-edited' : 'edited'
    return { ordinal: j, change, from, similarity: exact ? 1 : Math.min(score, 0.999) }
  })
  const removed = old
    .map((_, i) => i)
    .filter((i) => (uses[i] ?? 0) === 0)
    .map((ordinal) => ({ ordinal }))
  return { blocks, removed }
}
