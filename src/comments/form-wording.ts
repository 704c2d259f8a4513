/**
 * The page's form (without script) offers one box for a suggestion's wording, and it starts as the
 * whole paragraph, since the page cannot know which words a person will quote. The API takes a quoted
 * suggestion's wording as the words that replace the quote, so a person who quoted some words and
 * changed them where they stand in the paragraph would otherwise suggest putting the whole paragraph
 * in place of those words (and an editor accepting it would write the paragraph twice).
 */

/** Words kept from the paragraph around the quote this long or longer make a wording "the paragraph, edited". */
const CONTEXT = 10

/**
 * A quoted suggestion's wording as the API takes it, from what the form's box holds: the words that
 * took the quote's place where the person kept the rest of the paragraph as it was; the box as it is
 * where they wrote only new words; null where they kept much of the paragraph but changed words
 * outside those they quoted too (which no single replacement of the quote can say).
 */
export function wordingFromForm(
  box: string,
  quote: string | undefined,
  paragraph: string | undefined,
): string | null {
  if (quote === undefined || quote === '' || paragraph === undefined) return box
  // Browsers send a textarea's line ends as CRLF; the paragraph's text has LF.
  const wording = box.replace(/\r\n?/g, '\n')
  for (let at = paragraph.indexOf(quote); at !== -1; at = paragraph.indexOf(quote, at + 1)) {
    const before = paragraph.slice(0, at)
    const after = paragraph.slice(at + quote.length)
    if (
      wording.length >= before.length + after.length &&
      wording.startsWith(before) &&
      wording.endsWith(after)
    )
      return wording.slice(before.length, wording.length - after.length)
  }
  // How much of the paragraph the box kept at its start and end.
  let start = 0
  while (start < wording.length && start < paragraph.length && wording[start] === paragraph[start]) start++
  let end = 0
  while (
    end < wording.length - start &&
    end < paragraph.length - start &&
    wording[wording.length - 1 - end] === paragraph[paragraph.length - 1 - end]
  )
    end++
  const around = paragraph.length - quote.length
  return start + end >= CONTEXT && start + end >= around / 2 ? null : box
}
