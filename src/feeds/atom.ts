import { createHash } from 'node:crypto'
import { Feed } from 'feed'
import { escapeToBuffer } from 'hono/utils/html'

/** One entry of a feed, its links absolute. `content` and `summary` are HTML, already sanitised or escaped. */
export interface FeedEntry {
  id: string
  /** Plain text: escaped here, since Atom's html titles are markup. */
  title: string
  link: string
  updated: Date
  published?: Date | undefined
  author: string
  content?: string | undefined
  summary?: string | undefined
}

export interface FeedDocument {
  id: string
  title: string
  /** The page the feed follows. */
  link: string
  /** The feed's own address. */
  self: string
  /** When the feed has no entries: a date that only changes with what the feed is about. */
  emptyUpdated: Date
  entries: FeedEntry[]
}

export const ATOM_TYPE = 'application/atom+xml; charset=utf-8'

/** Characters XML 1.0 cannot carry (a control character typed into a comment must not break the feed). */
// eslint-disable-next-line no-control-regex -- these are exactly the characters to drop
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g
const xmlSafe = (text: string) => text.replace(NOT_XML, '')

/** Plain text as HTML, with the same escaping the pages' JSX uses. */
function escapeHtml(text: string): string {
  const buffer: [string] = ['']
  escapeToBuffer(text, buffer)
  return buffer[0]
}

const updatedOf = (doc: FeedDocument) =>
  doc.entries.reduce<Date | undefined>(
    (newest, e) => (newest && newest >= e.updated ? newest : e.updated),
    undefined,
  ) ?? doc.emptyUpdated

/**
 * The feed as Atom 1.0, through the `feed` library. Its entry titles are `type="html"`, so plain text is
 * escaped first; its `updated` is the newest entry's, so the same entries give the same document.
 */
export function toAtom(doc: FeedDocument): string {
  const feed = new Feed({
    id: doc.id,
    title: xmlSafe(doc.title),
    link: doc.link,
    feed: doc.self,
    updated: updatedOf(doc),
    generator: 'Gloss',
  })
  for (const entry of doc.entries) {
    feed.addItem({
      id: entry.id,
      title: xmlSafe(escapeHtml(entry.title)),
      link: entry.link,
      date: entry.updated,
      published: entry.published,
      author: [{ name: xmlSafe(entry.author) }],
      content: entry.content === undefined ? undefined : xmlSafe(entry.content),
      description: entry.summary === undefined ? undefined : xmlSafe(entry.summary),
    })
  }
  return feed.atom1()
}

/**
 * A validator that changes whenever the document would: the newest entry and the count, and a digest of
 * every entry's id, time, title and author (an older comment edited or hidden changes the feed too), and
 * the address the feed was asked at (its links are absolute).
 */
export function feedEtag(doc: FeedDocument): string {
  const digest = createHash('sha256')
  digest.update(JSON.stringify([doc.self, doc.title, doc.link]))
  for (const e of doc.entries) digest.update(JSON.stringify([e.id, e.updated.getTime(), e.title, e.author]))
  const newest = doc.entries[0]
  const head = newest ? `${String(newest.updated.getTime())}-${String(doc.entries.length)}` : 'empty'
  return `"${head}-${digest.digest('base64url').slice(0, 22)}"`
}

/** Whether an If-None-Match header names this ETag (weak comparison, as RFC 9110 asks for GET). */
export function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false
  if (ifNoneMatch.trim() === '*') return true
  return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)
}
