/**
 * Words of a text for comparing: runs of Unicode letters and digits, case-folded, NFC. Chinese and
 * Japanese are written without spaces, so each of their characters counts as a word.
 */
const WORD = /\p{Script=Han}|\p{Script=Hiragana}|\p{Script=Katakana}|[\p{L}\p{N}]+/gu

export function words(text: string): string[] {
  return text.normalize('NFC').toLowerCase().match(WORD) ?? []
}

/** Dice's coefficient over the sets of words: 1 for the same words, 0 for none in common. */
export function dice(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1
  let shared = 0
  for (const word of a) if (b.has(word)) shared++
  return (2 * shared) / (a.size + b.size)
}

/** How much of `part` lies within `whole`: 1 when every word of the part is in the whole. */
export function containment(part: ReadonlySet<string>, whole: ReadonlySet<string>): number {
  if (part.size === 0) return 0
  let shared = 0
  for (const word of part) if (whole.has(word)) shared++
  return shared / part.size
}
