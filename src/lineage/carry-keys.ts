import type { AlignedBlock, Lineage } from './align.ts'
import { blockWords } from './block-words.ts'
import { dice } from './similarity.ts'

/**
 * Keys for the blocks of the next edition. A block keeps the key of the old block it came from; where
 * several share one old block (a split) the piece most like it keeps the key, and where one block came
 * from several (a merge) it keeps the key of the one it is most like. The rest get keys from `mint`.
 * Ties go to the earlier block, so the answer is the same every time.
 */
export function carryKeys(
  old: readonly AlignedBlock[],
  next: readonly AlignedBlock[],
  lineage: Lineage,
  oldKeys: readonly string[],
  mint: () => string,
): string[] {
  const pairs: { i: number; j: number; score: number }[] = []
  for (const entry of lineage.blocks) {
    if (entry.from.length === 1 && entry.change !== 'split') {
      pairs.push({ i: entry.from[0] ?? 0, j: entry.ordinal, score: 2 })
      continue
    }
    const mine = blockWords(next[entry.ordinal] ?? { text: '', kind: '' })
    for (const i of entry.from)
      pairs.push({ i, j: entry.ordinal, score: dice(mine, blockWords(old[i] ?? { text: '', kind: '' })) })
  }
  pairs.sort((a, b) => b.score - a.score || a.j - b.j || a.i - b.i)
  const keys = new Array<string | undefined>(next.length).fill(undefined)
  const given = new Set<number>()
  for (const { i, j } of pairs) {
    if (keys[j] !== undefined || given.has(i)) continue
    const key = oldKeys[i]
    if (key === undefined) continue
    keys[j] = key
    given.add(i)
  }
  return keys.map((key) => key ?? mint())
}
