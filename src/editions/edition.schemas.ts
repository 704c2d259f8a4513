import { z } from 'zod'
import { isKey } from '../kernel/keys.ts'
import { MAX_SOURCE_BYTES } from '../platform/markdown/limits.ts'

const Override = z.strictObject({
  ordinal: z.int().min(0).max(1_000_000),
  from: z.array(z.string().refine(isKey, 'A paragraph key: eight letters and digits.')).max(50),
})

export const RevisionInput = z.strictObject({
  markdown: z
    .string()
    .min(1, 'Paste or upload the revised guide.')
    .max(MAX_SOURCE_BYTES, 'The guide is too large.'),
  overrides: z.array(Override).max(20_000).optional(),
  base: z.int().min(1).optional(),
})

export const Transition = z.strictObject({
  to: z.enum(['open', 'closed', 'published']),
  opensAt: z.iso.datetime({ offset: true }).optional(),
  closesAt: z.iso.datetime({ offset: true }).optional(),
})
