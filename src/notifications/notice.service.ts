import type { Db } from '../platform/db/database.ts'
import type { Tx } from '../platform/db/transaction.ts'
import { isId } from '../kernel/ids.ts'
import { invalid, notFound, unauthenticated } from '../kernel/errors.ts'
import type { Viewer } from '../people/viewer.ts'
import { insertNotices, type NoticeRow } from './notice.repository.ts'
import { markRead, noticeOf, noticesOf, unreadCount } from './notice-list.repository.ts'
import { noticeView } from './notice-view.ts'
import type { Lang } from '../platform/i18n/languages.ts'
import { fieldMessage } from '../platform/i18n/field-messages.ts'

export type NoticeInput = NoticeRow

const PAGE = 50

/**
 * Writes notices inside the caller's transaction, so a notice exists exactly when what caused it does.
 * A notice already written (the same person and dedupe key) is left as it is; answers the new ones.
 */
export const writeNotices = (trx: Tx, notices: readonly NoticeInput[]) => insertNotices(trx, notices)

function signedIn(viewer: Viewer) {
  if (!viewer.person) throw unauthenticated('Sign in to see your notices.')
  return viewer.person
}

function cursorValue(cursor: string): number {
  if (!isId(cursor))
    throw invalid('That cursor is not one this list gave.', [
      { pointer: '/cursor', detail: fieldMessage('field.nextValue') },
    ])
  return Number(cursor)
}

/** `GET /api/me/notifications`: a page of the viewer's notices, newest first, and how many are unread. */
export async function myNotices(db: Db, viewer: Viewer, cursor: string | undefined, lang: Lang = 'en') {
  const person = signedIn(viewer)
  const rows = await noticesOf(db, person.id, cursor === undefined ? undefined : cursorValue(cursor), PAGE)
  const page = rows.slice(0, PAGE)
  return {
    items: page.map((row) => noticeView(row, lang)),
    next: rows.length > PAGE ? String(page[page.length - 1]?.id) : null,
    unread: await unreadCount(db, person.id),
  }
}

/** `POST /api/me/notifications/read`: the viewer's notices among `ids` (all without) marked read. */
export async function markNoticesRead(db: Db, viewer: Viewer, ids: readonly string[] | undefined) {
  const person = signedIn(viewer)
  const marked = await markRead(db, person.id, ids?.map(Number))
  return { marked, unread: await unreadCount(db, person.id) }
}

/**
 * The person's newest notices for their Atom feed, leaving out replies and decisions, which the feed
 * carries with their words (feeds/feed.service.ts).
 */
export async function feedNotices(db: Db, personId: number, limit: number, lang: Lang = 'en') {
  const rows = await noticesOf(db, personId, undefined, limit, {
    except: ['comment.replied', 'comment.decided'],
  })
  return rows.slice(0, limit).map((row) => noticeView(row, lang))
}

/** How many of the person's notices are unread: the header's count. */
export const unreadNotices = (db: Db, personId: number) => unreadCount(db, personId)

/** Opening a notice from the page: marked read, and where it leads. Another person's is not found. */
export async function openNotice(db: Db, viewer: Viewer, id: string) {
  const person = signedIn(viewer)
  const row = isId(id) ? await noticeOf(db, person.id, Number(id)) : undefined
  if (!row) throw notFound('That notice')
  await markRead(db, person.id, [row.id])
  return noticeView(row).url
}
