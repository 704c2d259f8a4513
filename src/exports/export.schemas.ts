import { z } from '@hono/zod-openapi'
import { CommentView } from '../comments/comment.schemas.ts'
import { DECISIONS, QUOTE_STATUSES } from '../kernel/words.ts'

/** One comment of an edition's feedback (SPEC.md's columns): the JSON export's item, a CSV row. */
export const FeedbackRecord = z
  .object({
    id: z.string(),
    parentId: z.string().nullable(),
    guide: z.string(),
    edition: z.number().int(),
    blockKey: z.string().nullable(),
    blockNumber: z.string().nullable(),
    section: z.string(),
    blockText: z.string().nullable(),
    /** The paragraph's words in the edition's other texts, by language (`{"cy": "…"}`); empty without. */
    blockTextIn: z.record(z.string(), z.string()),
    quote: CommentView.shape.quote,
    kind: CommentView.shape.kind,
    body: z.string(),
    author: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    state: CommentView.shape.state,
    decision: z.enum(DECISIONS).nullable(),
    response: z.string().nullable(),
    duplicateOf: z.string().nullable(),
    /** The next edition, when there is one this viewer may read. */
    nextEdition: z.number().int().nullable(),
    /** Where the comment shows in the next edition: a block's key, `removed`, or null (not carried). */
    nextBlockKey: z.string().nullable(),
    nextBlockNumber: z.string().nullable(),
    /** A quoted comment's words as found in the next edition (as looked for, when gone); else null. */
    nextQuote: z.string().nullable(),
    /** How those words were found there: `exact`, `fuzzy` or `gone`; null without a quote or a next edition. */
    quoteStatus: z.enum(QUOTE_STATUSES).nullable(),
    /** A suggestion's wording for its quote, or its whole paragraph; null on other kinds. */
    proposal: z.string().nullable(),
    /** How many people agree with the comment. */
    agreements: z.number().int(),
    /** The organisation its author responds for, or null. */
    organisation: z.string().nullable(),
    /** Whether its author lets it be published (false: only the editors' exports hold it). */
    public: z.boolean(),
    /** The campaign it is one of (near-identical comments of three or more people), or null. */
    campaign: z.string().nullable(),
    /** The names of the editors' themes it is gathered under, joined with "; " (empty: none). */
    themes: z.string(),
    /** The language the comment is written in (`en`, `cy`); empty where it was not recorded. */
    lang: z.string(),
  })
  .openapi('FeedbackRecord')
export type FeedbackRecord = z.infer<typeof FeedbackRecord>

/** The quoted words within the block, as a W3C TextQuoteSelector. */
const TextQuoteSelector = z.object({
  type: z.literal('TextQuoteSelector'),
  exact: z.string(),
  prefix: z.string().optional(),
  suffix: z.string().optional(),
})

const TextualBody = z.object({
  type: z.literal('TextualBody'),
  value: z.string(),
  format: z.literal('text/markdown'),
  /** The language the words are in (BCP 47), where it was recorded. */
  language: z.string().optional(),
  purpose: z.literal('editing').optional(),
})

/** A block of an edition's page: the page, with the block's id as its fragment. */
const BlockTarget = z.object({
  type: z.literal('SpecificResource'),
  source: z.string(),
  selector: z.object({
    type: z.literal('FragmentSelector'),
    conformsTo: z.string(),
    value: z.string(),
    refinedBy: TextQuoteSelector.optional(),
  }),
})

/** A comment as a W3C Web Annotation (annotation.service.ts says how each part is chosen). */
export const Annotation = z
  .object({
    id: z.string(),
    type: z.literal('Annotation'),
    motivation: z.enum(['commenting', 'replying']),
    created: z.string(),
    modified: z.string(),
    creator: z.object({ type: z.literal('Person'), name: z.string() }),
    /**
     * Left out once the comment is withdrawn. A suggestion has two: its words, and the wording it
     * suggests for its quote (or its paragraph) with the purpose `editing`.
     */
    body: z.union([TextualBody, z.tuple([TextualBody, TextualBody])]).optional(),
    /**
     * A block (refined by the quote), the edition's page, or for a reply its parent's annotation. A
     * comment carried into later editions targets, after its own block, the block it was carried to in
     * each of them, refined by its words as found there.
     */
    target: z.union([BlockTarget, z.string(), z.array(BlockTarget).min(2)]),
  })
  .openapi('Annotation')
export type Annotation = z.infer<typeof Annotation>

/** W3C Web Annotation Data Model (https://www.w3.org/TR/annotation-model/): the context of every document. */
export const ANNOTATION_CONTEXT = 'http://www.w3.org/ns/anno.jsonld'
const Context = z.literal(ANNOTATION_CONTEXT)

/** One comment's annotation, standing alone. */
export const AnnotationDocument = Annotation.extend({ '@context': Context })

/** An edition's comments as a collection: how many, and its first and last pages (none when empty). */
export const AnnotationCollection = z
  .object({
    '@context': Context,
    id: z.string(),
    type: z.literal('AnnotationCollection'),
    label: z.string(),
    total: z.number().int(),
    first: z.string().optional(),
    last: z.string().optional(),
  })
  .openapi('AnnotationCollection')
export type AnnotationCollection = z.infer<typeof AnnotationCollection>

/** A page of the collection, oldest first, linked to its neighbours. */
export const AnnotationPage = z
  .object({
    '@context': Context,
    id: z.string(),
    type: z.literal('AnnotationPage'),
    partOf: z.object({ id: z.string(), label: z.string(), total: z.number().int() }),
    startIndex: z.number().int(),
    prev: z.string().optional(),
    next: z.string().optional(),
    items: z.array(Annotation),
  })
  .openapi('AnnotationPage')
export type AnnotationPage = z.infer<typeof AnnotationPage>
