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
