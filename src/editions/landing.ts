import type { Quote } from '../platform/db/schema.ts'
import { normaliseText } from '../platform/markdown/text.ts'

export interface Successor {
  key: string
  text: string
}

/**
 * Which successor a comment lands on. One successor: that one. A split: the piece holding the words
 * the comment quoted, else the piece that kept the paragraph's key, else the first piece. None: the
 * text was removed (null), and the comment is listed under "comments on removed text".
 */
export function landingOf(
  successors: readonly Successor[],
  oldKey: string,
  quote: Quote | null,
): string | null {
  if (successors.length <= 1) return successors[0]?.key ?? null
  if (quote) {
    const exact = normaliseText(quote.exact)
    const holder = successors.find((s) => normaliseText(s.text).includes(exact))
    if (holder) return holder.key
  }
  return (successors.find((s) => s.key === oldKey) ?? successors[0])?.key ?? null
}
