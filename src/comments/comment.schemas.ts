// The web client takes its types from here (web/api.ts): keep this file to zod and kernel/ words.
import { z } from '@hono/zod-openapi'
import {
  COMMENT_KINDS,
  COMMENT_STATES,
  DECISIONS,
  HIDE_REASONS,
  LINEAGE_CHANGES,
  PLACED_BY,
  QUOTE_STATUSES,
} from '../kernel/words.ts'
import { IdString } from '../kernel/ids.ts'
import { storableText } from '../kernel/storable-text.ts'
import { LANGUAGE_TAG } from '../platform/i18n/languages.ts'
import { fieldMessage } from '../platform/i18n/field-messages.ts'

const words = storableText

const QuoteInput = z.strictObject({
  exact: words().min(1, fieldMessage('field.quoteEmpty')).max(2000),
  prefix: words().max(200).optional(),
  suffix: words().max(200).optional(),
})

const body = words()
  .trim()
  .min(1, fieldMessage('field.commentEmpty'))
  .max(10000, fieldMessage('field.commentLong'))

const Kind = z.enum(COMMENT_KINDS)

/** A suggestion's wording: Markdown within its paragraph's own kind, checked against the paragraph. */
const proposal = words().max(10000, fieldMessage('field.proposalLong')).openapi({
  description:
    'With kind `suggestion`: the new wording (Markdown) of the quoted phrase, or of the whole paragraph without a quote',
})

/** Whether the author lets the comment be published; false keeps it for the guide's editors alone. */
const isPublic = z.boolean(fieldMessage('field.publicChoice')).openapi({
  description:
    "false: only the guide's editors and the author see it, by any route. Without it, the guide's publishByDefault",
})
/** The organisation the author responds for; empty or null for none. */
const onBehalfOf = words()
  .trim()
  .max(200, fieldMessage('field.organisationLong'))
  .nullable()
  .openapi({ description: 'The name of an organisation the author responds for; null or empty for none' })

/** The language the comment is written in; without it, the language the author's pages are in. */
const lang = z.string().max(35).regex(LANGUAGE_TAG, fieldMessage('field.languageTag')).openapi({
  description: "The language it is written in (`en`, `cy`); without it, the author's interface language",
})

export const NewComment = z.strictObject({
  kind: Kind,
  body,
  quote: QuoteInput.nullable().optional(),
  parentId: IdString.nullable().optional(),
  proposal: proposal.optional(),
  public: isPublic.optional(),
  onBehalfOf: onBehalfOf.optional(),
  lang: lang.optional(),
})

export const CommentEdit = z.strictObject({
  kind: Kind.optional(),
  body: body.optional(),
  quote: QuoteInput.nullable().optional(),
  proposal: proposal.optional(),
  public: isPublic.optional(),
  onBehalfOf: onBehalfOf.optional(),
  lang: lang.optional(),
})

const RedlinePart = z.object({ text: z.string(), change: z.enum(['del', 'ins']).optional() })

export const NewFlag = z.strictObject({
  reason: words().trim().min(1, fieldMessage('field.flagReason')).max(1000),
})
export const Hide = z.strictObject({
  reasonCode: z.enum(HIDE_REASONS, fieldMessage('field.hideReasonCode')),
  reason: words().trim().min(1, fieldMessage('field.hideReason')).max(1000),
})
export type Hide = z.infer<typeof Hide>

/** The Idempotency-Key header: any client-chosen id up to 200 printable characters. */
export const IdempotencyKey = z.string().regex(/^[\x21-\x7e]{1,200}$/, fieldMessage('field.idempotencyKey'))

/** A quote as stored and answered: the words, and a little of what came before and after them. */
const Quote = z.object({ exact: z.string(), prefix: z.string().optional(), suffix: z.string().optional() })

/** A comment as every client sees it (SPEC.md's shape): ids as strings, the author as names allow. */
export const CommentView = z
  .object({
    id: z.string(),
    kind: Kind,
    body: z.string(),
    html: z.string(),
    quote: Quote.nullable(),
    parentId: z.string().nullable(),
    blockKey: z.string().nullable(),
    edition: z.number().int(),
    author: z.object({
      id: z.string().nullable(),
      displayName: z.string(),
      organisation: z.string(),
      /** The guide's pseudonym for the author ("Reviewer 17"), to its editors and the author when the guide uses them. */
      pseudonym: z.string().optional(),
    }),
    /** Whether its author lets it be published; false: only they and the guide's editors see it. */
    public: z.boolean(),
    /** The organisation its author responds for, or null. */
    onBehalfOf: z.string().nullable(),
    /** The language it is written in; null on comments from before languages were recorded. */
    lang: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    edited: z.boolean(),
    state: z.enum(COMMENT_STATES),
    /** To its author and the guide's moderators only. */
    hiddenReason: z.string().nullable().optional(),
    /** Why, as a code (see the public moderation log); to its author and the guide's moderators only. */
    hiddenReasonCode: z.enum(HIDE_REASONS).nullable().optional(),
    mine: z.boolean(),
    /** A suggestion's wording (Markdown); null on other kinds, and once withdrawn. */
    proposal: z.string().nullable(),
    /** A suggestion's paragraph, word by word, against the same with the proposal applied. */
    proposalRedline: z.array(RedlinePart).nullable(),
    /** How many people agree with the comment. */
    agreements: z.number().int(),
    /** Whether you do. */
    agreed: z.boolean(),
    /** A top-level comment's decision; null on a reply. */
    decision: z
      .object({
        decision: z.enum(DECISIONS),
        response: z.string(),
        duplicateOf: z.string().nullable(),
        decidedAt: z.string().nullable(),
        /** True on a decision its editors have not released yet: only they are shown it. */
        draft: z.literal(true).optional(),
        /** On a draft: the decision released before it, which the public and the author still see. */
        released: z.enum(DECISIONS).optional(),
        /**
         * In a thread: where the comment's paragraph changed in the newest later edition the reader may
         * read, linking to it (SPEC: the decision links to that change); absent when it is the same there.
         */
        change: z
          .object({
            edition: z.number().int(),
            lineage: z.enum(LINEAGE_CHANGES),
            block: z.object({ key: z.string(), number: z.string() }).nullable(),
            link: z.string(),
          })
          .optional(),
      })
      .nullable(),
    /** Present when the comment was written on an earlier edition and carried to this paragraph. */
    writtenOn: z
      .object({
        edition: z.number().int(),
        number: z.string(),
        text: z.string(),
        redline: z.array(RedlinePart).nullable(),
      })
      .optional(),
    /**
     * On a comment carried from an earlier edition: the block it shows on here (null: under "comments on
     * removed text"), whether lineage or an editor put it there, and where its quoted words were found.
     */
    anchor: z
      .object({
        blockKey: z.string().nullable(),
        placedBy: z.enum(PLACED_BY),
        quote: Quote.extend({ status: z.enum(QUOTE_STATUSES) }).nullable(),
      })
      .optional(),
  })
  .openapi('Comment')
export type CommentView = z.infer<typeof CommentView>

/** A page of a thread or an edition's comments, oldest first. */
export const CommentPage = z.object({ items: z.array(CommentView), next: z.string().nullable() })
export type CommentPage = z.infer<typeof CommentPage>

/** The margin counts of an edition and what this viewer may do there. */
export const Counts = z.object({
  counts: z.record(z.string(), z.number().int()),
  /** The edition's event position the counts stand at: open the event stream from it (`?lastEventId=`). */
  position: z.number().int(),
  general: z.number().int(),
  removed: z.number().int(),
  /** Each block's quoted phrases, with the published comments quoting each, for the reading page's highlights. */
  quotes: z.record(
    z.string(),
    z.array(
      z.object({
        exact: z.string(),
        prefix: z.string().optional(),
        suffix: z.string().optional(),
        commentIds: z.array(z.string()),
      }),
    ),
  ),
  mayEdit: z.boolean(),
  /** Whether this viewer may hide and restore the guide's comments (its editors and admins): the panel's Hide. */
  mayModerate: z.boolean(),
  /** How the edition stands now (`upcoming` before its window opens, `closed` once it has closed). */
  state: z.enum(['draft', 'upcoming', 'open', 'closed', 'published']),
  /** Its window, so an open page changes when it opens or closes (ISO times, or null). */
  opensAt: z.string().nullable(),
  closesAt: z.string().nullable(),
  takesComments: z.boolean(),
  mayComment: z.boolean(),
  signedIn: z.boolean(),
  /** What the comment form's "may be published" starts as: the guide's choice. */
  publishByDefault: z.boolean(),
  /** The organisation on the viewer's profile, which the form offers to respond for ('' for none). */
  organisation: z.string(),
})
export type Counts = z.infer<typeof Counts>
