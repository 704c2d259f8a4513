import { describe, type AlignedBlock, type Lineage } from './align.ts'
import { blockWords } from './block-words.ts'
import { containment, dice } from './similarity.ts'

/** An editor's correction of one link: the new block at `ordinal` comes from these old blocks (none: new). */
export interface OrdinalOverride {
  ordinal: number
  from: number[]
}

const wordSet = (blocks: readonly AlignedBlock[], at: number) =>
  blockWords(blocks[at] ?? { text: '', kind: '' })

/**
 * The lineage with the editor's corrections applied. An old block an override claims is taken from any
 * block that is not itself overridden (the editor said "this one, not that one"); then every change is
 * named again, so moves, splits and removals stay consistent with the corrected links.
 */
export function applyOverrides(
  old: readonly AlignedBlock[],
  next: readonly AlignedBlock[],
  lineage: Lineage,
  overrides: readonly OrdinalOverride[],
): Lineage {
  if (overrides.length === 0) return lineage
  const sources = lineage.blocks.map((b) => [...b.from])
  const scores = lineage.blocks.map((b) => b.similarity)
  const overridden = new Set(overrides.map((o) => o.ordinal))
  const claimed = new Set(overrides.flatMap((o) => o.from))
  const touched = new Set<number>(overridden)
  sources.forEach((from, j) => {
    if (overridden.has(j) || !from.some((i) => claimed.has(i))) return
    sources[j] = from.filter((i) => !claimed.has(i))
    touched.add(j)
  })
  for (const o of overrides) sources[o.ordinal] = [...new Set(o.from)].sort((a, b) => a - b)

  const uses = new Map<number, number>()
  for (const from of sources) for (const i of from) uses.set(i, (uses.get(i) ?? 0) + 1)
  for (const j of touched) {
    const from = sources[j] ?? []
    const mine = wordSet(next, j)
    const theirs = new Set(from.flatMap((i) => [...wordSet(old, i)]))
    const single = from[0]
    scores[j] =
      from.length === 0
        ? 0
        : from.length === 1 && single !== undefined && (uses.get(single) ?? 0) > 1
          ? containment(mine, theirs)
          : dice(mine, theirs)
  }
  return describe(old, next, sources, scores)
}
