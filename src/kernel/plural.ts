/**
 * A count with its noun, "1 comment", "2 comments", "1,204 comments": one place, so every page agrees
 * on the grammar and on the thousands separator. `many` is for nouns that do not just take an "s".
 */
export const plural = (count: number, one: string, many = `${one}s`): string =>
  `${count.toLocaleString('en-GB')} ${count === 1 ? one : many}`
