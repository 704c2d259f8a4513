import { z } from '@hono/zod-openapi'

/** What a restore put back: when the file was made, and how many rows of each table it held. */
export const RestoreSummary = z.object({
  createdAt: z.string(),
  rows: z.record(z.string(), z.number().int()),
})
export type RestoreSummary = z.infer<typeof RestoreSummary>

/** A restore's answer over HTTP: the summary, and that the admin who sent it is signed out. */
export const Restored = RestoreSummary.extend({ signedOut: z.literal(true) }).openapi('Restored')

/** The instance file's bytes: gzip-compressed JSON Lines, checksummed. */
export const InstanceFile = z.string().openapi({ format: 'binary' })
