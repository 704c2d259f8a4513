import { z } from 'zod'
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
