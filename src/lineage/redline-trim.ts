import type { RedlinePart } from './redline.ts'

/** Unchanged words kept on each side of a change when a redline is shortened. */
const CONTEXT = 8

const words = (text: string) => text.split(/(\s+)/u).filter((w) => w !== '')

const space = (token: string) => /^\s+$/u.test(token)
const wordCount = (tokens: readonly string[]) => tokens.filter((t) => !space(t)).length

/** The first `n` words of tokens (words and the spaces between them): space before them kept, after dropped. */
function firstWords(tokens: readonly string[], n: number): string {
  const kept: string[] = []
  let count = 0
  for (const token of tokens) {
    if (!space(token) && ++count > n) break
    kept.push(token)
  }
  return kept.join('').trimEnd()
}

/** The last `n` words: space after them kept, before dropped. */
function lastWords(tokens: readonly string[], n: number): string {
  const kept: string[] = []
  let count = 0
  for (let i = tokens.length - 1; i >= 0; i--) {
    const token = tokens[i] ?? ''
    if (!space(token) && ++count > n) break
    kept.unshift(token)
  }
  return kept.join('').trimStart()
}

/**
 * A redline with the unchanged words far from any change left out ("…"), so a one-word change in a
 * long paragraph is found at a glance on a small screen: the words before the first change and after
 * the last are cut to a few, and a long unchanged stretch between two changes keeps a few at each end.
 */
export function trimRedline(parts: readonly RedlinePart[], context = CONTEXT): RedlinePart[] {
  if (!parts.some((p) => p.change)) return [...parts]
  return parts.map((part, i) => {
    if (part.change) return part
    const tokens = words(part.text)
    const n = wordCount(tokens)
    const first = i === 0
    const last = i === parts.length - 1
    if (first && n > context) return { text: `… ${lastWords(tokens, context)}` }
    if (last && n > context) return { text: `${firstWords(tokens, context)} …` }
    if (!first && !last && n > context * 2 + 2)
      return { text: `${firstWords(tokens, context)} … ${lastWords(tokens, context)}` }
    return part
  })
}
