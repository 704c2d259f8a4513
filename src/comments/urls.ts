import { isId } from '../kernel/ids.ts'

/** Which thread a page shows: a block's, or the edition's general discussion (blockKey null). */
export interface ThreadPlace {
  slug: string
  number: number
  blockKey: string | null
  /**
   * The edition's text the reader asked to read it in (`?text=cy`): kept by the thread page's links,
   * forms and the answers to them. Undefined for the text chosen without asking (the edition's own, or
   * the one in the reader's language).
   */
  text?: string | undefined
}

/** `?text=` for a place read in a text asked for, else nothing. */
const textQuery = (t: ThreadPlace) => (t.text === undefined ? '' : `?text=${encodeURIComponent(t.text)}`)

export type CommentAction = 'edit' | 'withdraw' | 'flag' | 'hide' | 'restore' | 'agree' | 'accept'

/** A page of a thread: the `next` value of the page before it, as listThread gives it. */
export const isCursor = isId

/** Segments are encoded though slugs and keys never need it: an address must never carry a raw CR or LF. */
export const threadPath = (t: ThreadPlace) =>
  t.blockKey === null
    ? `/g/${encodeURIComponent(t.slug)}/${String(t.number)}/discussion`
    : `/g/${encodeURIComponent(t.slug)}/${String(t.number)}/b/${encodeURIComponent(t.blockKey)}`

/** Where a new comment or reply is posted. */
export const postPath = (t: ThreadPlace) =>
  `${t.blockKey === null ? `/g/${t.slug}/${String(t.number)}/comments` : `${threadPath(t)}/comments`}${textQuery(t)}`

export const actionPath = (t: ThreadPlace, id: string, action: CommentAction) =>
  `${threadPath(t)}/comments/${id}/${action}${textQuery(t)}`

/** The thread page again, at the page of comments given, with a notice, scrolled to a comment. */
export function threadUrl(
  t: ThreadPlace,
  options: { cursor?: string | undefined; done?: string | undefined; comment?: string | undefined } = {},
): string {
  const query = new URLSearchParams()
  if (t.text !== undefined) query.set('text', t.text)
  if (isCursor(options.cursor)) query.set('cursor', options.cursor)
  if (options.done) query.set('done', options.done)
  const search = query.size > 0 ? `?${query.toString()}` : ''
  return `${threadPath(t)}${search}${options.comment ? `#c${options.comment}` : ''}`
}

/** The reading page, at the block when there is one. */
export const readingPath = (t: ThreadPlace) =>
  `/g/${t.slug}/${String(t.number)}${textQuery(t)}${t.blockKey === null ? '' : `#${t.blockKey}`}`

/** An edition's comments on text that later editions removed, read-only. */
export const removedPath = (slug: string, number: number) => `/g/${slug}/${String(number)}/removed`
