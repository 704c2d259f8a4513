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

/**
 * Whether a write may go ahead under If-Match (RFC 9110 §13.1.1), for every route that honours it:
 * no header, or `*` while there is a current representation, or a list naming the current tag. If-Match
 * compares strongly, so a weak tag (`W/"…"`) never matches, nor does anything that is not a quoted tag.
 * `same` reduces a tag to the part the write is held to (a comment's tag without its agreements).
 */
export function ifMatchHolds(
  header: string | undefined,
  current: string | undefined,
  same: (tag: string) => string = (tag) => tag,
): boolean {
  if (header === undefined) return true
  if (current === undefined) return false
  if (header.trim() === '*') return true
  const want = same(current)
  return (header.match(/(?:W\/)?"[^"]*"/g) ?? []).some((tag) => !tag.startsWith('W/') && same(tag) === want)
}
