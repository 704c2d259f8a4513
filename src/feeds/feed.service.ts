import { shownName, type AuthorFacts } from '../people/shown-name.ts'
import type { NamesShown } from '../kernel/words.ts'
import { recordAudit } from '../audit/audit.repository.ts'
import { firstWords } from '../comments/my-comments.service.ts'
import type { Db } from '../platform/db/database.ts'
import { notFound, unauthenticated } from '../kernel/errors.ts'
import { isKey } from '../kernel/keys.ts'
import { getEdition, getGuide } from '../guides/reading.service.ts'
import { decisionLabelIn, kindLabelIn, translator } from '../platform/i18n/messages.ts'
import type { Lang } from '../platform/i18n/languages.ts'
import { threadUrl, type ThreadPlace } from '../comments/urls.ts'
import { hashToken, looksLikeToken, newToken } from '../people/tokens.ts'
import { publicViewer, type Viewer } from '../people/viewer.ts'
import type { FeedDocument, FeedEntry } from './atom.ts'
import { decisionHtml, editionHtml, noticeHtml } from './feed-content.tsx'
import {
  EDITIONS_FEED_PATH,
  PERSONAL_FEED_PATH,
  blockCommentsFeedPath,
  editionCommentsFeedPath,
  guideCommentsFeedPath,
  guideEditionsFeedPath,
} from './urls.ts'
import {
  blockNumberOf,
  commentEntries,
  personalEntries,
  personOfFeedToken,
  publishedEditions,
  saveFeedToken,
  type CommentEntryRow,
  type EditionEntryRow,
  type PersonalEntryRow,
} from './feed.repository.ts'
import { withTransaction } from '../platform/db/transaction.ts'
import { feedNotices } from '../notifications/notice.service.ts'
import type { NoticeView } from '../notifications/notice-view.ts'
import { editionPath, guidePath } from '../guides/urls.ts'

/** Entries per feed: a reader polls often, and only wants what is new. */
const LIMIT = 50
const TITLE_WORDS = 12

/** Entry ids that never change with the page a comment shows on: RFC 4151 tag URIs under the site's host. */
const tagOf = (origin: string, what: string) => `tag:${new URL(origin).hostname},2026:gloss/${what}`

/**
 * An author as the guide allows them to be named to the public (feeds are public, whoever reads them),
 * a pseudonym in the reader's language.
 */
const authorName = (row: AuthorFacts, names: NamesShown, lang: Lang) => shownName(row, names, names, lang)

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)

/** Feeds are public and cacheable: only what anyone may read, whoever asks (drafts are not found). */
const publicGuide = (db: Db, slug: string) => getGuide(db, slug, publicViewer())
const publicEdition = (db: Db, slug: string, number: number) => getEdition(db, slug, number, publicViewer())

interface CommentFeedContext {
  origin: string
  lang: Lang
  guide: { slug: string; names: NamesShown }
  /** Say which edition each comment is on (a guide's feed spans them). */
  showEdition: boolean
  /** A block's feed links every comment, carried ones too, to that block's thread in its edition. */
  shownAt?: { place: ThreadPlace; number: string }
}

function commentEntry(ctx: CommentFeedContext, row: CommentEntryRow): FeedEntry {
  const place = ctx.shownAt?.place ?? {
    slug: ctx.guide.slug,
    number: row.editionNumber,
    blockKey: row.blockKey,
  }
  const [blockKey, number] = ctx.shownAt
    ? [ctx.shownAt.place.blockKey, ctx.shownAt.number]
    : [row.blockKey, row.blockNumber]
  return {
    id: tagOf(ctx.origin, `comment/${String(row.id)}`),
    title: translator(ctx.lang)('feeds.entry.comment', {
      reply: row.parentId === null ? 'no' : 'yes',
      kind: kindLabelIn(ctx.lang, row.kind),
      place: blockKey === null ? 'general' : number ? 'numbered' : 'unnumbered',
      number: number ?? '',
      edition: ctx.showEdition ? String(row.editionNumber) : 'none',
      words: firstWords(row.body, TITLE_WORDS),
    }),
    link: ctx.origin + threadUrl(place, { comment: String(row.id) }),
    updated: row.updatedAt,
    published: row.createdAt,
    author: authorName(row, ctx.guide.names, ctx.lang),
    content: row.html,
  }
}

/** New published comments on every edition of a guide anyone may read. */
export async function guideCommentsFeed(
  db: Db,
  origin: string,
  slug: string,
  lang: Lang = 'en',
): Promise<FeedDocument> {
  const { guide, editions } = await publicGuide(db, slug)
  const rows = await commentEntries(db, { guideId: guide.id }, LIMIT)
  const newest = editions[editions.length - 1]
  return {
    id: origin + guideCommentsFeedPath(slug),
    title: translator(lang)('feeds.title.guideComments', { title: guide.title }),
    link: origin + guidePath(slug),
    self: origin + guideCommentsFeedPath(slug),
    emptyUpdated: newest?.publishedAt ?? newest?.createdAt ?? guide.createdAt,
    entries: rows.map((row) => commentEntry({ origin, lang, guide, showEdition: true }, row)),
  }
}

/** New published comments written on one edition: on its paragraphs and in its general discussion. */
export async function editionCommentsFeed(
  db: Db,
  origin: string,
  slug: string,
  number: number,
  lang: Lang = 'en',
): Promise<FeedDocument> {
  const { guide, edition } = await publicEdition(db, slug, number)
  const rows = await commentEntries(db, { editionId: edition.id }, LIMIT)
  const self = origin + editionCommentsFeedPath(slug, number)
  return {
    id: self,
    title: translator(lang)('feeds.title.editionComments', { title: guide.title, number: String(number) }),
    link: origin + editionPath(slug, number),
    self,
    emptyUpdated: edition.publishedAt ?? edition.createdAt,
    entries: rows.map((row) => commentEntry({ origin, lang, guide, showEdition: false }, row)),
  }
}

/** New published comments on one paragraph of an edition, with the open ones carried into it. */
export async function blockCommentsFeed(
  db: Db,
  origin: string,
  slug: string,
  number: number,
  key: string,
  lang: Lang = 'en',
): Promise<FeedDocument> {
  const { guide, edition } = await publicEdition(db, slug, number)
  const block = isKey(key) ? await blockNumberOf(db, edition.id, key) : undefined
  if (!block) throw notFound(`The paragraph "${key}"`)
  const rows = await commentEntries(db, { editionId: edition.id, blockKey: key }, LIMIT)
  const place = { slug, number, blockKey: key }
  const self = origin + blockCommentsFeedPath(slug, number, key)
  return {
    id: self,
    title: translator(lang)('feeds.title.blockComments', {
      paragraph: block.number,
      title: guide.title,
      number: String(number),
    }),
    link: origin + threadUrl(place),
    self,
    emptyUpdated: edition.publishedAt ?? edition.createdAt,
    entries: rows.map((row) =>
      commentEntry(
        { origin, lang, guide, showEdition: false, shownAt: { place, number: block.number } },
        row,
      ),
    ),
  }
}

async function editionEntry(origin: string, row: EditionEntryRow, lang: Lang): Promise<FeedEntry> {
  const path = editionPath(row.slug, row.number)
  return {
    id: tagOf(origin, `guide/${row.slug}/edition/${String(row.number)}`),
    title: translator(lang)('feeds.entry.edition', { title: row.title, number: String(row.number) }),
    link: origin + path,
    // Its text in each language it has: its own, then each translation, for readers of either.
    alternates:
      row.texts.length === 0
        ? undefined
        : [row.guideLang, ...row.texts].map((text) => ({
            hreflang: text,
            href: `${origin}${path}?text=${encodeURIComponent(text)}`,
          })),
    updated: row.publishedAt,
    published: row.publishedAt,
    author: translator(lang)('feeds.entry.editors'),
    summary: await editionHtml(
      {
        number: row.number,
        guideTitle: row.guideTitle,
        blockCount: row.blockCount,
        previous: row.previous,
        report: row.number > 1 ? `${origin}${path}/report` : null,
      },
      lang,
    ),
  }
}

/** A guide's published editions, newest first. A guide anyone may read but with none published yet has an empty feed. */
export async function guideEditionsFeed(
  db: Db,
  origin: string,
  slug: string,
  lang: Lang = 'en',
): Promise<FeedDocument> {
  const { guide } = await publicGuide(db, slug)
  const rows = await publishedEditions(db, guide.id, LIMIT)
  const self = origin + guideEditionsFeedPath(slug)
  return {
    id: self,
    title: translator(lang)('feeds.title.guideEditions', { title: guide.title }),
    link: origin + guidePath(slug),
    self,
    emptyUpdated: guide.createdAt,
    entries: await Promise.all(rows.map((row) => editionEntry(origin, row, lang))),
  }
}

/** Published editions across every guide. */
export async function allEditionsFeed(db: Db, origin: string, lang: Lang = 'en'): Promise<FeedDocument> {
  const rows = await publishedEditions(db, undefined, LIMIT)
  const self = origin + EDITIONS_FEED_PATH
  return {
    id: self,
    title: translator(lang)('feeds.title.allEditions'),
    link: `${origin}/`,
    self,
    emptyUpdated: new Date(0),
    entries: await Promise.all(rows.map((row) => editionEntry(origin, row, lang))),
  }
}

async function personalEntry(origin: string, row: PersonalEntryRow, lang: Lang): Promise<FeedEntry> {
  const t = translator(lang)
  const where = t('feeds.entry.where', {
    place: row.blockKey === null ? 'general' : row.blockNumber ? 'numbered' : 'unnumbered',
    number: row.blockNumber ?? '',
    title: row.guideTitle,
  })
  const place = { slug: row.slug, number: row.editionNumber, blockKey: row.blockKey }
  if (row.type === 'reply') {
    const author = authorName(row, row.names, lang)
    return {
      id: tagOf(origin, `comment/${String(row.id)}`),
      title: t('feeds.entry.replied', { author: capitalised(author), where }),
      link: origin + threadUrl(place, { comment: String(row.id) }),
      updated: row.updated,
      published: row.at,
      author,
      content: row.html,
    }
  }
  const decision = row.decision ?? 'open'
  const commentUrl = origin + threadUrl(place, { comment: String(row.commentId) })
  const response = row.response ? `: ${firstWords(row.response, TITLE_WORDS)}` : ''
  return {
    id: tagOf(origin, `decision/${String(row.id)}`),
    // ICU's select keys are words: `partly-accepted` is `partlyAccepted` there.
    title: t('feeds.entry.decided', {
      where,
      decision: decision.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase()),
      response,
    }),
    link: commentUrl,
    updated: row.updated,
    published: row.at,
    author: t('feeds.entry.editors'),
    content: await decisionHtml(
      { label: decisionLabelIn(lang, decision), response: row.response, commentHtml: row.html, commentUrl },
      lang,
    ),
  }
}

/** A notice as an entry: its sentence and link as the notices page gives them. */
const noticeEntry = async (origin: string, notice: NoticeView, lang: Lang): Promise<FeedEntry> => ({
  id: tagOf(origin, `notice/${notice.id}`),
  title: `${notice.text} (${notice.guide.title})`,
  link: origin + notice.url,
  updated: notice.createdAt,
  published: notice.createdAt,
  author: 'Gloss',
  content: await noticeHtml(
    { text: notice.text, url: origin + notice.url, guideTitle: notice.guide.title },
    lang,
  ),
})

const newestFirst = (a: FeedEntry, b: FeedEntry) => b.updated.getTime() - a.updated.getTime()

/**
 * A person's own feed: replies by others to their comments and decisions on them, with their words, and
 * every other notice they have (a paragraph they follow revised, a consultation opening or closing, an
 * edition published) as the notices page says it, newest first, only while its subject is still theirs
 * to see. Replies and decisions come with their words rather than as notices, so each is there once. A feed reader sends
 * the secret in the address; a signed-in browser may read it without. A secret that names no one, and
 * no secret and no session, are both "not found", so the address says nothing about who exists.
 */
export async function personalFeed(
  db: Db,
  origin: string,
  viewer: Viewer,
  token: string | undefined,
  lang: Lang = 'en',
): Promise<FeedDocument> {
  const personId =
    token === undefined
      ? viewer.person?.id
      : looksLikeToken(token)
        ? (await personOfFeedToken(db, hashToken(token)))?.id
        : undefined
  if (personId === undefined) throw notFound('That feed')
  const [rows, notices] = await Promise.all([
    personalEntries(db, personId, LIMIT),
    feedNotices(db, personId, LIMIT, lang),
  ])
  const entries = [
    ...(await Promise.all(rows.map((row) => personalEntry(origin, row, lang)))),
    ...(await Promise.all(notices.map((notice) => noticeEntry(origin, notice, lang)))),
  ]
  const self = `${origin}${PERSONAL_FEED_PATH}${token === undefined ? '' : `?token=${token}`}`
  return {
    id: tagOf(origin, `people/${String(personId)}/feed`),
    title: translator(lang)('feeds.title.personal'),
    link: `${origin}/me/notifications`,
    self,
    emptyUpdated: new Date(0),
    entries: entries.sort(newestFirst).slice(0, LIMIT),
  }
}

/** A new secret address for the signed-in person's feed; the old one stops working. Shown once: only its hash is kept. */
export async function newFeedAddress(db: Db, origin: string, viewer: Viewer): Promise<string> {
  const person = viewer.person
  if (!person) throw unauthenticated('Sign in to make a feed address.')
  const token = newToken()
  await withTransaction(db, async (tx) => {
    await saveFeedToken(tx, person.id, hashToken(token))
    await recordAudit(tx, { actorId: person.id, action: 'feed-address.created', address: viewer.address })
  })
  return `${origin}${PERSONAL_FEED_PATH}?token=${token}`
}
