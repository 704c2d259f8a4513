import { shownAuthor } from '../people/shown-name.ts'
import type { Db } from '../platform/db/database.ts'
import { notFound } from '../kernel/errors.ts'
import { getGuide } from '../guides/reading.service.ts'
import { threadUrl } from '../comments/urls.ts'
import { may, namesFor } from '../people/policy.ts'
import type { Viewer } from '../people/viewer.ts'
import {
  COUNT_CAP,
  countHits,
  HIGHLIGHT,
  searchPage,
  type SearchHit,
  type SearchScope,
} from './search.repository.ts'
import {
  MAX_PAGES,
  PAGE_SIZE,
  type SearchQuery,
  type SearchResult,
  type SearchResults,
  type SnippetPart,
} from './search.schemas.ts'
import { withoutMarks } from '../comments/comment-markdown.ts'
import { editionPath } from '../guides/urls.ts'

export type { GuideScope, SearchResult, SearchResults, SnippetPart } from './search.schemas.ts'

/** Words only, tags left out as ts_headline leaves them out: enough to tell where an excerpt sits. */
const wordsOf = (text: string) =>
  text
    .replace(/<\/?[a-z][^>]*>/gi, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()

/**
 * Splits ts_headline's text on its markers, so nothing in it is ever taken as HTML, with an ellipsis
 * where the text goes on beyond it. (ts_headline gives a tag in the text back as a space.)
 */
export function snippetParts(headline: string, whole: string): SnippetPart[] {
  const parts: SnippetPart[] = []
  const add = (text: string, mark: boolean) => {
    if (text !== '') parts.push(mark ? { text, mark: true } : { text })
  }
  const shown = wordsOf(headline.replaceAll(HIGHLIGHT.start, '').replaceAll(HIGHLIGHT.stop, ''))
  const text = wordsOf(whole)
  if (!text.startsWith(shown.slice(0, 24))) add('… ', false)
  const [before = '', ...matches] = headline.split(HIGHLIGHT.start)
  add(before, false)
  for (const piece of matches) {
    const [match = '', ...after] = piece.split(HIGHLIGHT.stop)
    add(match, true)
    add(after.join(''), false)
  }
  if (!text.endsWith(shown.slice(-24))) add(' …', false)
  return parts
}

/** The guide a per-guide search looks in; 404 where the viewer may read no edition of it. */
export async function guideScope(db: Db, viewer: Viewer, slug: string) {
  const { guide, editions } = await getGuide(db, slug, viewer)
  return { id: guide.id, slug: guide.slug, title: guide.title, lang: guide.lang, editions }
}

/** Authors named by the rule commentView follows (`namesFor`, src/people/policy.ts). */
function authorOf(hit: SearchHit, viewer: Viewer) {
  const guide = { id: hit.guideId, names: hit.names, retentionAppliedAt: hit.retentionAppliedAt }
  const { displayName, organisation } = shownAuthor(
    {
      authorId: hit.authorId ?? 0,
      authorName: hit.authorName,
      authorOrganisation: hit.authorOrganisation ?? '',
      authorErasedAt: hit.authorErased ? new Date(0) : null,
      pseudonym: hit.pseudonym,
    },
    namesFor(viewer, guide, hit.authorId),
    hit.names,
    viewer.lang,
  )
  return { displayName, organisation }
}

function resultOf(hit: SearchHit, viewer: Viewer): SearchResult {
  const base = {
    guide: { slug: hit.guideSlug, title: hit.guideTitle, lang: hit.guideLang },
    edition: hit.editionNumber,
    editionState: hit.editionState,
    snippet: snippetParts(hit.type === 'comment' ? withoutMarks(hit.snippet) : hit.snippet, hit.document),
    rank: hit.rank,
  }
  const section = hit.sectionPath?.at(-1) ?? null
  if (hit.type === 'block') {
    const key = hit.blockKey ?? ''
    const url = editionPath(hit.guideSlug, hit.editionNumber, key)
    return {
      ...base,
      type: 'block',
      ...(hit.textLang === null
        ? { url }
        : { url: url.replace('#', `?text=${encodeURIComponent(hit.textLang)}#`), textLang: hit.textLang }),
      block: { key, number: hit.blockNumber ?? '', kind: hit.blockKind ?? '', section },
    }
  }
  const id = String(hit.commentId)
  return {
    ...base,
    type: 'comment',
    id,
    kind: hit.commentKind ?? 'comment',
    state: hit.commentState ?? 'published',
    reply: hit.parentId !== null,
    author: authorOf(hit, viewer),
    url: threadUrl(
      { slug: hit.guideSlug, number: hit.editionNumber, blockKey: hit.blockKey },
      { comment: id },
    ),
    block: hit.blockKey === null ? null : { key: hit.blockKey, number: hit.blockNumber, section },
  }
}

/**
 * Searches blocks and comments across every guide (no slug) or in one, showing each viewer only what
 * they may read: drafts and unpublished comments to the guide's editors and admins, a person's own
 * pending or hidden comments to them. `input` has passed SearchQuery, which refuses no words, too many,
 * or a page past the last (422).
 */
export async function search(
  db: Db,
  viewer: Viewer,
  input: SearchQuery,
  slug?: string,
): Promise<SearchResults> {
  const guide = slug === undefined ? null : await guideScope(db, viewer, slug)
  const edition =
    guide === null || input.edition === undefined
      ? null
      : guide.editions.find((e) => e.number === input.edition)
  if (edition === undefined) throw notFound(`Edition ${String(input.edition)} of "${slug ?? ''}"`)
  const scope: SearchScope = {
    words: input.q,
    type: input.type,
    guideId: guide?.id ?? null,
    editionId: edition?.id ?? null,
    // Admins may do everything on every guide (policy.ts); editors on theirs.
    everywhere: viewer.person?.isAdmin === true,
    editorOf: [...viewer.roles.keys()].filter((id) => may(viewer, 'moderate', { id })),
    viewerId: viewer.person?.id ?? null,
  }
  const page = input.cursor ?? input.page
  const [hits, counted] = await Promise.all([
    searchPage(db, scope, PAGE_SIZE, (page - 1) * PAGE_SIZE),
    countHits(db, scope),
  ])
  const total = Math.min(counted, COUNT_CAP)
  const pages = Math.min(Math.ceil(total / PAGE_SIZE), MAX_PAGES)
  return {
    query: input.q,
    type: input.type,
    guide:
      guide === null
        ? null
        : {
            slug: guide.slug,
            title: guide.title,
            lang: guide.lang,
            editions: guide.editions.map((e) => ({ number: e.number, state: e.state })),
          },
    edition: edition?.number ?? null,
    total,
    totalCapped: counted > COUNT_CAP,
    page,
    pages,
    next: page < pages ? String(page + 1) : null,
    items: hits.map((hit) => resultOf(hit, viewer)),
  }
}
