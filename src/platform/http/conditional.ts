import type { Context } from 'hono'

/**
 * Conditional GET, for every page, feed, asset and API answer that carries an ETag: whether the client
 * already has it, by If-None-Match (a list, weak or strong, or `*`; RFC 9110 §13.1.2 compares weakly).
 */
export const clientHas = (c: Context, etag: string): boolean => hasTag(c.req.header('if-none-match'), etag)

/** The same, from an If-None-Match header's value (front-cache.ts reads it off Node's request). */
export function hasTag(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false
  if (header.trim() === '*') return true
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)
}
