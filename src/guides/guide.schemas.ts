import { z } from 'zod'
import { MAX_SOURCE_BYTES } from '../platform/markdown/limits.ts'

export const NewGuide = z.strictObject({
  markdown: z.string().min(1, 'Paste or upload the guide.').max(MAX_SOURCE_BYTES, 'The guide is too large.'),
  slug: z.string().max(80).optional(),
})
