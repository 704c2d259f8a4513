import { z } from '@hono/zod-openapi'
import { EDITION_STATES } from '../kernel/words.ts'
import { MAX_SOURCE_BYTES } from '../platform/markdown/limits.ts'

export const NewGuide = z.strictObject({
  markdown: z.string().min(1, 'Paste or upload the guide.').max(MAX_SOURCE_BYTES, 'The guide is too large.'),
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

/** A guide just imported: its edition 1, a draft unless its front matter says otherwise. */
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
