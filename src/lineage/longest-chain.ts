/**
 * The longest strictly increasing subsequence of `values` (patience sorting, O(n log n)); returns the
 * positions in `values` that lie on it. Pairs on it are in order; the rest have moved.
 */
export function longestIncreasing(values: readonly number[]): Set<number> {
  const tails: number[] = []
  const previous = new Array<number>(values.length).fill(-1)
  for (let i = 0; i < values.length; i++) {
    const value = values[i] ?? 0
    let lo = 0
    let hi = tails.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if ((values[tails[mid] ?? 0] ?? 0) < value) lo = mid + 1
      else hi = mid
    }
    if (lo > 0) previous[i] = tails[lo - 1] ?? -1
    tails[lo] = i
  }
  const chain = new Set<number>()
  let at = tails[tails.length - 1] ?? -1
  while (at !== -1) {
    chain.add(at)
    at = previous[at] ?? -1
  }
  return chain
}

/**
 * Whether old block i lies in order for new block j, given pairs `pairOf` (new position → old
 * position, -1 when unpaired): between the old positions of j's nearest neighbours on the longest
 * chain of pairs kept in order.
 */
export function inOrderWith(pairOf: readonly number[]): (i: number, j: number) => boolean {
  const paired = pairOf.map((_, j) => j).filter((j) => (pairOf[j] ?? -1) !== -1)
  const chain = longestIncreasing(paired.map((j) => pairOf[j] ?? -1))
  const anchor = new Array<number>(pairOf.length).fill(-1)
  paired.forEach((j, k) => {
    if (chain.has(k)) anchor[j] = pairOf[j] ?? -1
  })
  const below = new Array<number>(pairOf.length).fill(-1)
  const above = new Array<number>(pairOf.length).fill(Number.POSITIVE_INFINITY)
  let last = -1
  for (let j = 0; j < pairOf.length; j++) {
    below[j] = last
    if ((anchor[j] ?? -1) !== -1) last = anchor[j] ?? -1
  }
  let following = Number.POSITIVE_INFINITY
  for (let j = pairOf.length - 1; j >= 0; j--) {
    above[j] = following
    if ((anchor[j] ?? -1) !== -1) following = anchor[j] ?? following
  }
  return (i, j) => i > (below[j] ?? -1) && i < (above[j] ?? Number.POSITIVE_INFINITY)
}
