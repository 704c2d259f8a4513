import { z } from 'zod'
import { MAX_SOURCE_BYTES } from '../../platform/markdown/limits.ts'
import { zonedTimeToUtc } from '../../kernel/time-zone.ts'

/**
 * A `datetime-local` value read as a time in the instance's zone (the page names it): `2026-03-31T17:00`.
 * An hour the clocks skip is refused rather than moved, so nobody's window shifts without them knowing.
 */
const zonedMinute = (zone: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, 'A date and a time, such as 2026-03-31 17:00.')
    .transform((value, ctx) => {
      const at = zonedTimeToUtc(value, zone)
      if (!at) {
        ctx.addIssue({
          code: 'custom',
          message: `That time does not exist in ${zone}: the date is wrong, or the clocks skip that hour.`,
        })
        return z.NEVER
      }
      return at
    })

export const transitionForm = (zone: string) =>
  z.strictObject({
    to: z.enum(['open', 'closed', 'published'], 'Choose what the edition becomes.'),
    opensAt: zonedMinute(zone).optional(),
    closesAt: zonedMinute(zone).optional(),
  })

const hash = z
  .string()
  .regex(/^[\w-]{22}$/, 'The form does not say which block it is for; load the page again.')

export const BlockForm = z.discriminatedUnion('op', [
  z.strictObject({
    op: z.enum(['edit', 'insert']),
    ordinal: z.int().min(0),
    hash,
    markdown: z.string().max(MAX_SOURCE_BYTES, 'That is more text than a whole guide may have.'),
  }),
  z.strictObject({ op: z.enum(['delete', 'up', 'down']), ordinal: z.int().min(0), hash }),
])

/** "3.2, 3.3" (paragraph numbers as the edition shows them); blank: the block is new. */
export const CorrectionForm = z.strictObject({
  ordinal: z.int().min(0),
  hash,
  from: z
    .string()
    .max(2000)
    .transform((value) => value.split(/[\s,;]+/).filter((n) => n !== ''))
    .pipe(z.array(z.string().max(40)).max(50, 'At most 50 paragraphs.')),
})

export const CreateForm = z.strictObject({
  base: z.int().min(1),
  version: z.string().max(40),
})
