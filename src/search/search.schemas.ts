import { z } from 'zod'

export const MAX_QUERY_LENGTH = 200
export const PAGE_SIZE = 20
/** Ten pages of twenty: past the two hundredth result, more words serve better than more pages. */
export const MAX_PAGES = 10

/** A form's empty field (the edition select's "newest") means the same as leaving it out. */
const blankAsMissing = (value: unknown) => (value === '' ? undefined : value)

const whole = (detail: string) =>
  z
    .string()
    .regex(/^[1-9]\d{0,8}$/, detail)
    .transform(Number)

/**
 * The query string of `GET /api/search` and `GET /api/guides/:slug/search` (and their pages): the words
 * in web-search syntax ("a phrase", -without, this or that), what to search, the page, and in one guide
 * an edition. Other parameters are ignored, as links pick up tracking ones.
 */
export const SearchQuery = z.object({
  q: z
    .string({ error: 'Type a word or two to search for.' })
    .trim()
    .min(1, 'Type a word or two to search for.')
    .max(MAX_QUERY_LENGTH, `Search for at most ${String(MAX_QUERY_LENGTH)} characters.`),
  type: z.preprocess(
    blankAsMissing,
    z.enum(['all', 'blocks', 'comments'], { error: 'Search "all", "blocks" or "comments".' }).default('all'),
  ),
  page: z.preprocess(
    blankAsMissing,
    whole('A page number.')
      .pipe(z.number().max(MAX_PAGES, `Only the first ${String(MAX_PAGES)} pages are shown: add words.`))
      .default(1),
  ),
  edition: z.preprocess(blankAsMissing, whole('An edition number.').optional()),
})

export type SearchQuery = z.infer<typeof SearchQuery>
