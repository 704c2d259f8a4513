import { z } from '@hono/zod-openapi'
import { EDITION_STATES, LINEAGE_CHANGES, PLACED_BY, QUOTE_STATUSES } from '../kernel/words.ts'
import { isKey } from '../kernel/keys.ts'
import { MAX_SOURCE_BYTES } from '../platform/markdown/limits.ts'
import { LANGUAGE_TAG } from '../platform/i18n/languages.ts'
import { fieldMessage } from '../platform/i18n/field-messages.ts'
import { storableText } from '../kernel/storable-text.ts'

const Override = z.strictObject({
  ordinal: z.int().min(0).max(1_000_000),
  from: z.array(z.string().refine(isKey, fieldMessage('field.blockKey'))).max(50),
})

/** A whole guide's text, as a revision or the working draft takes it: some words, within the size a guide may be. */
const GuideText = storableText()
  .max(MAX_SOURCE_BYTES, fieldMessage('field.guideLarge'))
  .refine((text) => text.trim() !== '', fieldMessage('field.revisionEmpty'))

/** Without `markdown`, the revision is the working draft (SPEC.md), with its own corrections unless `overrides` are given. */
export const RevisionInput = z.strictObject({
  markdown: GuideText.optional(),
  overrides: z.array(Override).max(20_000).optional(),
  base: z.int().min(1).optional(),
})

export const WorkingDraftInput = z.strictObject({ markdown: GuideText })

export const WorkingDraft = z
  .object({
    markdown: z.string(),
    base: z.int().openapi({ description: 'The edition the draft revises: the newest' }),
    updatedAt: z.string(),
  })
  .openapi('WorkingDraft')

export const Transition = z.strictObject({
  to: z.enum(['open', 'closed', 'published']),
  opensAt: z.iso.datetime({ offset: true }).optional(),
  closesAt: z.iso.datetime({ offset: true }).optional(),
})

/** What became of a block between two editions (`removed` only in a stored lineage). */
const Change = z.enum(LINEAGE_CHANGES)

/** A block of the next edition and the blocks of the one before it that it came from. */
const LineageBlock = {
  ordinal: z.number().int(),
  change: Change,
  /** Positions in the edition before. */
  from: z.array(z.number().int()),
  similarity: z.number(),
  key: z.string(),
  fromKeys: z.array(z.string()),
}

/** An edition's lineage: the `gloss diff --json` shape, each block with its key and the keys it came from. */
export const EditionLineage = z
  .object({
    /**
     * The edition it is compared with: the one before, or for someone who may not read drafts the
     * newest earlier edition they may read; null when there is none (every block is new).
     */
    base: z.number().int().nullable(),
    blocks: z.array(z.object(LineageBlock)),
    removed: z.array(z.object({ ordinal: z.number().int(), key: z.string() })),
  })
  .openapi('Lineage')

/** What a revision would be: its lineage, and the comments (ids) landing on each block or on removed text. */
export const RevisionPreview = z
  .object({
    base: z.number().int(),
    edition: z.number().int(),
    title: z.string(),
    blocks: z.array(
      z.object({
        ...LineageBlock,
        kind: z.string(),
        number: z.string(),
        text: z.string(),
        fromNumbers: z.array(z.string()),
        comments: z.array(z.string()),
      }),
    ),
    removed: z.array(
      z.object({
        ordinal: z.number().int(),
        key: z.string(),
        number: z.string(),
        text: z.string(),
        comments: z.array(z.string()),
      }),
    ),
    commentsOnRemovedText: z.array(z.string()),
  })
  .openapi('RevisionPreview')

/** The edition a revision made: always a draft. */
export const CreatedEdition = z
  .object({
    slug: z.string(),
    number: z.number().int(),
    state: z.literal('draft'),
    blockCount: z.number().int(),
  })
  .openapi('CreatedEdition')

/** An edition after a transition: its state and its consultation window (ISO 8601, UTC). */
export const MovedEdition = z
  .object({
    number: z.number().int(),
    state: z.enum(EDITION_STATES),
    opensAt: z.iso.datetime().nullable(),
    closesAt: z.iso.datetime().nullable(),
    publishedAt: z.iso.datetime().nullable(),
  })
  .openapi('EditionMoved')

/** Where an editor places a carried comment: a block of the edition, or null for "comments on removed text". */
export const PlacementInput = z.strictObject({
  blockKey: z.string().refine(isKey, fieldMessage('field.blockKey')).nullable(),
})

/** A carried comment as placed in an edition: where it shows there and where its quoted words were found. */
export const Placement = z
  .object({
    commentId: z.string(),
    edition: z.number().int(),
    anchor: z.object({
      blockKey: z.string().nullable(),
      placedBy: z.enum(PLACED_BY),
      quote: z
        .object({
          exact: z.string(),
          prefix: z.string().optional(),
          suffix: z.string().optional(),
          status: z.enum(QUOTE_STATUSES),
        })
        .nullable(),
    }),
  })
  .openapi('Placement')

/** An edition's text in a second language: a BCP 47 tag (`cy`, `cy-GB`, `ar`) and the whole text. */
export const TranslationInput = z.strictObject({
  lang: z
    .string()
    .regex(LANGUAGE_TAG, fieldMessage('field.languageTag'))
    .max(35, fieldMessage('field.languageTag')),
  markdown: storableText()
    .min(1, fieldMessage('field.translationEmpty'))
    .max(MAX_SOURCE_BYTES, fieldMessage('field.textLarge')),
})

/** The translation stored: each block under the key and number of the edition's block it translates. */
export const Translation = z
  .object({
    slug: z.string(),
    number: z.number().int(),
    lang: z.string(),
    title: z.string(),
    blocks: z.array(z.object({ key: z.string(), number: z.string(), kind: z.string(), text: z.string() })),
    /**
     * Paragraphs changed since the edition before in the edition's text but not this one (`edition`),
     * or in this one but not the edition's (`translation`): where a translation may have been forgotten.
     */
    changedOnOneSide: z.array(z.object({ number: z.string(), changed: z.enum(['edition', 'translation']) })),
  })
  .openapi('EditionTranslation')
