import type { Decision, LineageChange, NoticeType } from '../kernel/words.ts'
import type { Lang } from '../platform/i18n/languages.ts'
import { decisionLabelIn, translator, type Translate } from '../platform/i18n/messages.ts'
import { threadUrl } from '../comments/urls.ts'
import { editionPath } from '../guides/urls.ts'
import { redlinePath } from '../reports/urls.ts'
import type { NoticeListRow } from './notice-list.repository.ts'
import type { RedlinePart } from '../lineage/redline.ts'

/**
 * What the writers put in a notice's subject (notice-writers.service.ts), every field optional to a reader.
 * Comments' ids are stored as numbers and shown to clients as strings (`subjectView`); a reader of either
 * takes both.
 */
export interface Subject<Id extends number | string = number | string> {
  commentId?: Id
  parentId?: Id
  blockKey?: string | null
  blockNumber?: string | null
  editionNumber?: number
  fromEdition?: number
  mine?: boolean
  /** Not the parent's author: whether they started the thread or replied in it earlier. */
  thread?: 'started' | 'joined'
  decision?: Decision
  change?: LineageChange
  to?: { key: string; number: string }[]
  /** A revised paragraph's words before against after (absent on notices written before it was kept). */
  redline?: RedlinePart[]
  /** The person's comments on a revised paragraph: where each landed, and the decision as released. */
  comments?: {
    commentId: Id
    /**
     * false: decided before this edition, it stays with its decision in the edition before and shows
     * nowhere in this one (src/comments/carried-shown.repository.ts). Absent on notices written before
     * it was kept.
     */
    carried?: boolean
    blockKey: string | null
    blockNumber: string | null
    decision?: Decision
    response?: string
  }[]
  opensAt?: string | null
  closesAt?: string | null
}

/** Where a comment is, as the sentence says it after "on" ("paragraph 3" / Welsh "baragraff 3"). */
const paragraph = (t: Translate, s: Subject) =>
  s.blockNumber ? t('noticeText.paragraph', { number: s.blockNumber }) : t('noticeText.general')

/** "3, 4 and 5" as the language lists them. */
const listed = (lang: Lang, items: readonly string[]) =>
  new Intl.ListFormat(`${lang}-GB`, { type: 'conjunction' }).format(items)

const CHANGE_WORD: Record<string, string> = {
  'moved-edited': 'movedEdited',
  split: 'split',
  merged: 'merged',
  removed: 'removed',
}

/** Where the person's comments on a revised paragraph are now, in a sentence; empty when they had none. */
function landings(lang: Lang, s: Subject): string {
  const t = translator(lang)
  // Only the comments the new edition shows: one kept with its decision is not "now on" anything.
  const comments = (s.comments ?? []).filter((c) => c.carried !== false)
  if (comments.length === 0) return ''
  const places = [...new Set(comments.map((c) => c.blockNumber))].map((number) =>
    number ? t('noticeText.landedOn', { number }) : t('noticeText.landedRemoved'),
  )
  return ` ${t('noticeText.landed', { count: comments.length, where: listed(lang, places) })}`
}

/** A notice in a sentence a person understands, in their language, and the exact place it links to. */
export function describeNotice(
  type: NoticeType,
  slug: string,
  s: Subject,
  lang: Lang = 'en',
): { text: string; url: string } {
  const t = translator(lang)
  const edition = s.editionNumber ?? 1
  const place = { slug, number: edition, blockKey: s.blockKey ?? null }
  switch (type) {
    case 'comment.replied':
      return {
        text: t('noticeText.replied', {
          thread: s.mine !== false ? 'mine' : s.thread === 'joined' ? 'joined' : 'started',
          place: paragraph(t, s),
          edition,
        }),
        url: threadUrl(place, { comment: String(s.commentId ?? '') }),
      }
    case 'comment.decided':
      return {
        text: t('noticeText.decided', {
          place: paragraph(t, s),
          edition,
          decision: s.decision ? decisionLabelIn(lang, s.decision) : t('noticeText.seeThread'),
        }),
        url: threadUrl(place, { comment: String(s.commentId ?? '') }),
      }
    case 'block.revised': {
      const removed = s.change === 'removed'
      const anchor = removed ? `removed-${s.blockKey ?? ''}` : (s.to?.[0]?.key ?? s.blockKey ?? '')
      return {
        text: `${t('noticeText.revised', {
          number: s.blockNumber ?? '',
          change: CHANGE_WORD[s.change ?? 'edited'] ?? 'edited',
          to: listed(
            lang,
            (s.to ?? []).map((to) => to.number),
          ),
          edition,
        })}${landings(lang, s)}`,
        url: `${redlinePath(slug, s.fromEdition ?? edition - 1, edition)}#${anchor}`,
      }
    }
    case 'consultation.opened':
      return { text: t('noticeText.opened', { edition }), url: editionPath(slug, edition) }
    case 'consultation.closing':
      return { text: t('noticeText.closing', { edition }), url: editionPath(slug, edition) }
    case 'edition.published':
      return { text: t('noticeText.published', { edition }), url: editionPath(slug, edition) }
  }
}

/**
 * The subject as clients read it: a comment's id is a string there, as everywhere in the API (SPEC), though
 * the stored subject keeps the number it was written with.
 */
function subjectView({ commentId, parentId, comments, ...rest }: Subject): Subject<string> {
  return {
    ...rest,
    ...(commentId === undefined ? {} : { commentId: String(commentId) }),
    ...(parentId === undefined ? {} : { parentId: String(parentId) }),
    ...(comments === undefined
      ? {}
      : { comments: comments.map((c) => ({ ...c, commentId: String(c.commentId) })) }),
  }
}

/** A notice as the API, the page and the feed show it. */
export function noticeView(row: NoticeListRow, lang: Lang = 'en') {
  const subject = row.subject as Subject
  const { text, url } = describeNotice(row.type, row.guideSlug, subject, lang)
  return {
    ...subjectView(subject),
    id: String(row.id),
    type: row.type,
    createdAt: row.createdAt,
    readAt: row.readAt,
    guide: { slug: row.guideSlug, title: row.guideTitle },
    text,
    url,
  }
}

export type NoticeView = ReturnType<typeof noticeView>
