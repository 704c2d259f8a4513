import { createHash } from 'node:crypto'
import { html } from 'hono/html'
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
  /** The same thing in other languages (an edition's other texts), each with its language. */
  alternates?: { hreflang: string; href: string }[] | undefined
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

/**
 * Characters XML 1.0 cannot carry (its Char production): a control character, a non-character or half a
 * surrogate pair typed into a comment must not break the feed. With the `u` flag only a lone half matches.
 */
// eslint-disable-next-line no-control-regex -- these are exactly the characters to drop
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDFFF]/gu

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

const entryXml = (entry: FeedEntry) =>
  html` <entry>
    <id>${entry.id}</id>
    <title type="html">${escapeHtml(entry.title)}</title>
    <link href="${entry.link}" />
    ${(entry.alternates ?? []).map((a) => html`<link rel="alternate" hreflang="${a.hreflang}" href="${a.href}" />`)}
    <updated>${entry.updated.toISOString()}</updated>
    ${entry.published ? html`<published>${entry.published.toISOString()}</published>` : ''}
    <author><name>${entry.author}</name></author>
    ${entry.summary === undefined ? '' : html`<summary type="html">${entry.summary}</summary>`}
    ${entry.content === undefined ? '' : html`<content type="html">${entry.content}</content>`}
  </entry>`

/**
 * The feed as Atom 1.0. Every value is escaped as text by Hono's `html`, as the pages' are: HTML content is
 * escaped HTML (`type="html"`), never a CDATA section, which a `]]>` in a comment would end early (the
 * `feed` package's serialiser split only the first). Entry titles are markup too, so plain text is escaped
 * twice. Characters XML cannot carry at all are dropped from the whole document, which has none of its own.
 * Its `updated` is the newest entry's, so the same entries give the same document.
 */
export async function toAtom(doc: FeedDocument): Promise<string> {
  const document = await html`<?xml version="1.0" encoding="utf-8"?>
    <feed xmlns="http://www.w3.org/2005/Atom">
      <id>${doc.id}</id>
      <title>${doc.title}</title>
      <updated>${updatedOf(doc).toISOString()}</updated>
      <generator>Gloss</generator>
      <link rel="alternate" href="${doc.link}" />
      <link rel="self" href="${doc.self}" />
      ${doc.entries.map(entryXml)}
    </feed> `
  return document.toString().replace(NOT_XML, '')
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
