import { diffWordsWithSpace } from 'diff'

export interface RedlinePart {
  text: string
  /** `del` for words taken out, `ins` for words put in, absent for words kept. */
  change?: 'del' | 'ins'
}

/** A word-level diff between two wordings, from jsdiff: the parts in reading order. */
export function redlineParts(before: string, after: string): RedlinePart[] {
  return diffWordsWithSpace(before, after).map((part) =>
    part.removed
      ? { text: part.value, change: 'del' }
      : part.added
        ? { text: part.value, change: 'ins' }
        : { text: part.value },
  )
}
