import { z } from '@hono/zod-openapi'
import { EDITION_STATES, MODERATION_MODES, NAMES_SHOWN } from '../kernel/words.ts'
import { MAX_SOURCE_BYTES } from '../platform/markdown/limits.ts'
import { fieldMessage } from '../platform/i18n/field-messages.ts'
import { storableText } from '../kernel/storable-text.ts'

/**
 * A guide's title, wherever one is given: the settings (API and form) and an imported guide's front
 * matter. One line of words, at most 200 characters; `missing` is what to say when none is sent.
 */
export const guideTitle = (missing?: string) =>
  storableText(missing)
    .trim()
    .min(1, fieldMessage('field.titleEmpty'))
    .max(200, fieldMessage('field.titleLong'))
    // One line of text: a control character would show as nothing, and PostgreSQL refuses NUL.
    .refine((title) => !/\p{Cc}/u.test(title), fieldMessage('field.titleLine'))

export const NewGuide = z.strictObject({
  markdown: storableText()
    .min(1, fieldMessage('field.guideEmpty'))
    .max(MAX_SOURCE_BYTES, fieldMessage('field.guideLarge')),
  slug: z.string().max(80).optional(),
})

/** `:slug` in a path: the known-guide middleware has already answered 404 for a guide nobody may see. */
export const GuideParams = z.object({ slug: z.string() })

/** `:slug/editions/:n`: an edition number is a positive whole number, else the edition does not exist. */
export const EditionParams = GuideParams.extend({
  n: z
    .string()
    .regex(/^[1-9]\d{0,8}$/, { error: (issue) => `Edition "${String(issue.input)}" was not found.` })
    .transform(Number),
})

/** A moment as JSON carries it: ISO 8601 in UTC. */
const Instant = z.iso.datetime()
const EditionState = z.enum(EDITION_STATES)

/** A guide just imported: its edition 1 (through the API always a draft; `gloss import` follows its front matter's state). */
export const ImportedGuide = z
  .object({
    slug: z.string(),
    title: z.string(),
    editionNumber: z.number().int(),
    state: EditionState,
    blockCount: z.number().int(),
  })
  .openapi('ImportedGuide')
export type ImportedGuide = z.infer<typeof ImportedGuide>

/** A guide in the list, with the newest edition of it the viewer may read. */
export const GuideSummary = z
  .object({
    slug: z.string(),
    title: z.string(),
    summary: z.string(),
    lang: z.string(),
    newestEdition: z.object({ number: z.number().int(), state: EditionState }),
  })
  .openapi('GuideSummary')

/** What every answer says of an edition. */
const EditionFields = {
  number: z.number().int(),
  state: EditionState,
  title: z.string(),
  opensAt: Instant.nullable(),
  closesAt: Instant.nullable(),
  createdAt: Instant,
  publishedAt: Instant.nullable(),
}

/** A guide with the editions of it the viewer may read (drafts only for its editors), oldest first. */
export const GuideView = z
  .object({
    slug: z.string(),
    title: z.string(),
    summary: z.string(),
    lang: z.string(),
    editions: z.array(z.object({ ...EditionFields, blockCount: z.number().int() })),
  })
  .openapi('Guide')

/** An edition with its blocks in order, each with its count of published comments. */
export const EditionView = z
  .object({
    guide: z.string(),
    ...EditionFields,
    contentHash: z.string(),
    blocks: z.array(
      z.object({
        key: z.string(),
        ordinal: z.number().int(),
        kind: z.string(),
        number: z.string(),
        sectionPath: z.array(z.string()),
        text: z.string(),
        html: z.string(),
        commentCount: z.number().int(),
      }),
    ),
  })
  .openapi('Edition')

/**
 * `PATCH /api/guides/:slug/settings`. `namesPublic` is the older way to say `names` (true: full names,
 * false: none), still accepted; sent with `names`, the two must agree.
 */
export const GuideSettingsChange = z
  .strictObject({
    title: guideTitle().optional(),
    names: z.enum(NAMES_SHOWN, fieldMessage('field.namesChoice')).optional(),
    namesPublic: z.boolean().optional(),
    moderation: z.enum(MODERATION_MODES).optional(),
    /** Whether comments may be published unless their authors say otherwise (and decisions released as made). */
    publishByDefault: z.boolean().optional(),
    /** The guide's moderation policy, shown above its public moderation log; null for the default. */
    policy: storableText().trim().min(1, fieldMessage('field.policyEmpty')).max(5000).nullable().optional(),
    /** Days personal data is kept after the consultation ends, then replaced by pseudonyms; null for no period. */
    retentionDays: z
      .int(fieldMessage('field.retentionWhole'))
      .min(30, fieldMessage('field.retentionShort'))
      .max(36500, fieldMessage('field.retentionLong'))
      .nullable()
      .optional(),
  })
  .superRefine((value, ctx) => {
    if (
      value.names !== undefined &&
      value.namesPublic !== undefined &&
      (value.names === 'full') !== value.namesPublic
    )
      ctx.addIssue({
        code: 'custom',
        path: ['namesPublic'],
        message: fieldMessage('field.namesDisagree'),
      })
  })

/** A guide's settings as they now stand. */
export const GuideSettingsView = z
  .object({
    title: z.string(),
    names: z.enum(NAMES_SHOWN),
    /** Whether full names are shown: `names` is "full". */
    namesPublic: z.boolean(),
    moderation: z.enum(MODERATION_MODES),
    publishByDefault: z.boolean(),
    policy: z.string().nullable(),
    retentionDays: z.int().nullable(),
  })
  .openapi('GuideSettings')
