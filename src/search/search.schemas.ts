import { z } from '@hono/zod-openapi'
import { COMMENT_KINDS, COMMENT_STATES, EDITION_STATES } from '../kernel/words.ts'
import { fieldMessage } from '../platform/i18n/field-messages.ts'

export const MAX_QUERY_LENGTH = 200
export const PAGE_SIZE = 20
/** Ten pages of twenty: past the two hundredth result, more words serve better than more pages. */
export const MAX_PAGES = 10

/** A parameter given twice counts once, as its first value, as Hono's `c.req.query()` reads it. */
const first = (value: unknown) => (Array.isArray(value) ? (value as unknown[])[0] : value)

/** A form's empty field (the edition select's "newest") means the same as leaving it out. */
const blankAsMissing = (value: unknown) => (first(value) === '' ? undefined : first(value))

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
    .preprocess(
      first,
      z
        .string({ error: fieldMessage('field.searchEmpty') })
        .trim()
        .min(1, fieldMessage('field.searchEmpty'))
        .max(MAX_QUERY_LENGTH, fieldMessage('field.searchLong', { max: MAX_QUERY_LENGTH })),
    )
    .openapi({ description: 'Words; "a phrase", -without, or' }),
  type: z
    .preprocess(
      blankAsMissing,
      z.enum(['all', 'blocks', 'comments'], { error: fieldMessage('field.searchType') }).default('all'),
    )
    .openapi({ description: '`all` (the default), `blocks` or `comments`' }),
  page: z
    .preprocess(
      blankAsMissing,
      whole(fieldMessage('field.pageNumber'))
        .pipe(z.number().max(MAX_PAGES, fieldMessage('field.searchPages', { max: MAX_PAGES })))
        .default(1),
    )
    .openapi({ description: '1 to 10' }),
  /**
   * The `next` of the page before, as every list takes it; it names the page it opens, so it goes
   * beside `page` (kept for links and the no-script pages) and wins over it. Anything else is a 422.
   */
  cursor: z
    .preprocess(
      first,
      z
        .string()
        .regex(/^[1-9]\d{0,8}$/, fieldMessage('field.cursor'))
        .transform(Number)
        .pipe(z.number().max(MAX_PAGES, fieldMessage('field.cursor')))
        .optional(),
    )
    .openapi({ description: 'The `next` of the page before' }),
  edition: z
    .preprocess(blankAsMissing, whole(fieldMessage('field.editionNumber')).optional())
    .openapi({ description: 'An edition number, in one guide (else its newest edition you may read)' }),
})

export type SearchQuery = z.infer<typeof SearchQuery>

/** A piece of a snippet: the words that matched are `mark`ed. Plain text, for the client to escape. */
export const SnippetPart = z.object({ text: z.string(), mark: z.literal(true).optional() })
export type SnippetPart = z.infer<typeof SnippetPart>

const GuideRef = { slug: z.string(), title: z.string(), lang: z.string() }

const ResultBase = {
  guide: z.object(GuideRef),
  edition: z.number().int(),
  editionState: z.enum(EDITION_STATES),
  snippet: z.array(SnippetPart),
  url: z.string(),
  rank: z.number(),
}

/** A block or a comment that matched, with where it is and a snippet around the matches. */
export const SearchResult = z
  .discriminatedUnion('type', [
    z.object({
      ...ResultBase,
      type: z.literal('block'),
      /** Found in the edition's text in another language: that language (the url shows that text). */
      textLang: z.string().optional(),
      block: z.object({
        key: z.string(),
        number: z.string(),
        kind: z.string(),
        section: z.string().nullable(),
      }),
    }),
    z.object({
      ...ResultBase,
      type: z.literal('comment'),
      id: z.string(),
      kind: z.enum(COMMENT_KINDS),
      /** Published, or pending or hidden for its author and the guide's editors. */
      state: z.enum(COMMENT_STATES),
      reply: z.boolean(),
      author: z.object({ displayName: z.string(), organisation: z.string() }),
      /** The paragraph it was written on, null for the general discussion. */
      block: z
        .object({ key: z.string(), number: z.string().nullable(), section: z.string().nullable() })
        .nullable(),
    }),
  ])
  .openapi('SearchResult')
export type SearchResult = z.infer<typeof SearchResult>

/** One guide to search in: the editions of it this viewer may read, oldest first. */
export const GuideScope = z.object({
  ...GuideRef,
  editions: z.array(z.object({ number: z.number().int(), state: z.enum(EDITION_STATES) })),
})
export type GuideScope = z.infer<typeof GuideScope>

/** A page of results, with what was searched for and how many there are. */
export const SearchResults = z
  .object({
    query: z.string(),
    type: z.enum(['all', 'blocks', 'comments']),
    guide: GuideScope.nullable(),
    /** The edition asked for; null: blocks of each guide's newest readable edition, comments of every one. */
    edition: z.number().int().nullable(),
    /** Counted up to a cap; `totalCapped` says there are more. */
    total: z.number().int(),
    totalCapped: z.boolean(),
    page: z.number().int(),
    pages: z.number().int(),
    /** The cursor of the next page, for `?cursor=`; null on the last. */
    next: z.string().nullable(),
    items: z.array(SearchResult),
  })
  .openapi('SearchResults')
export type SearchResults = z.infer<typeof SearchResults>
