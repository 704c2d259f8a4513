import { createHash } from 'node:crypto'
import { commentView, type CommentView } from '../comments/comment.service.ts'
import type { Db } from '../platform/db/database.ts'
import { commentWithEtag } from '../decisions/decision.service.ts'
import { notFound } from '../kernel/errors.ts'
import { getEdition } from '../guides/reading.service.ts'
import { may } from '../people/policy.ts'
import type { Viewer } from '../people/viewer.ts'
import { commentsAt, countVisible, guideSlugOfComment, laterPlacements } from './feedback.repository.ts'
import {
  ANNOTATION_CONTEXT,
  type Annotation,
  type AnnotationCollection,
  type AnnotationPage,
} from './export.schemas.ts'
import { editionPath } from '../guides/urls.ts'

/** W3C Web Annotation Data Model (https://www.w3.org/TR/annotation-model/) as Gloss serves it. */
export const ANNOTATION_TYPE = `application/ld+json; profile="${ANNOTATION_CONTEXT}"`

/** Annotations per page of a collection (the protocol leaves it to the server). */
export const ANNOTATIONS_PER_PAGE = 200

/** A block is named by its element's id in the edition's page: an HTML fragment identifier. */
const FRAGMENT_SPEC = 'http://tools.ietf.org/rfc/rfc3986'

export const annotationId = (origin: string, commentId: string) =>
  `${origin}/api/comments/${commentId}/annotation.jsonld`
export const editionUrl = (origin: string, slug: string, number: number) => origin + editionPath(slug, number)
const collectionId = (origin: string, slug: string, number: number) =>
  `${origin}/api/guides/${slug}/editions/${String(number)}/annotations.jsonld`

/** Where a comment was carried in a later edition, and its quoted words as found there. */
export type CarriedTo = Pick<
  Awaited<ReturnType<typeof laterPlacements>>[number],
  'blockKey' | 'quote' | 'quoteStatus' | 'editionNumber'
>

type BlockTarget = Exclude<Annotation['target'], string | unknown[]>

/** A block of an edition's page, refined by quoted words when there are any to point at. */
const blockTarget = (source: string, key: string, quote: CommentView['quote']): BlockTarget => ({
  type: 'SpecificResource',
  source,
  selector: {
    type: 'FragmentSelector',
    conformsTo: FRAGMENT_SPEC,
    value: key,
    ...(quote
      ? {
          refinedBy: {
            type: 'TextQuoteSelector',
            exact: quote.exact,
            ...(quote.prefix ? { prefix: quote.prefix } : {}),
            ...(quote.suffix ? { suffix: quote.suffix } : {}),
          },
        }
      : {}),
  },
})

/**
 * A comment as an Annotation: on a block, the edition's page with the block as a fragment, refined by
 * the quoted words (a TextQuoteSelector); on the edition as a whole, its page; a reply, its parent's
 * annotation. A comment carried into later editions also targets the block it went to in each, refined
 * by its words as located there (none when they are gone: the block is all there is to point at). A
 * withdrawn comment keeps its place in the record but has no body.
 */
export function annotationOf(
  comment: CommentView,
  origin: string,
  slug: string,
  carried: readonly CarriedTo[] = [],
): Annotation {
  const source = editionUrl(origin, slug, comment.edition)
  const own = comment.blockKey === null ? undefined : blockTarget(source, comment.blockKey, comment.quote)
  const later = carried.flatMap((c) =>
    c.blockKey === null
      ? []
      : [
          blockTarget(
            editionUrl(origin, slug, c.editionNumber),
            c.blockKey,
            // Gone, or waiting for the edition's text in the quote's language: not in this page.
            c.quoteStatus === 'exact' || c.quoteStatus === 'fuzzy' ? c.quote : null,
          ),
        ],
  )
  const target: Annotation['target'] =
    comment.parentId !== null
      ? annotationId(origin, comment.parentId)
      : own === undefined
        ? source
        : later.length === 0
          ? own
          : [own, ...later]
  const withdrawn = comment.state === 'withdrawn'
  return {
    id: annotationId(origin, comment.id),
    type: 'Annotation',
    motivation: comment.parentId === null ? 'commenting' : 'replying',
    created: comment.createdAt.toISOString(),
    modified: comment.updatedAt.toISOString(),
    creator: { type: 'Person', name: comment.author.displayName },
    ...(withdrawn ? {} : { body: annotationBody(comment) }),
    target,
  }
}

/** A comment's words; for a suggestion, also the wording it suggests, as an edit (W3C `purpose: editing`). */
function annotationBody(comment: CommentView): Annotation['body'] {
  // W3C's `language` on a body: the comment's own; the suggested wording is in the guide's text.
  const words = {
    type: 'TextualBody' as const,
    value: comment.body,
    format: 'text/markdown' as const,
    ...(comment.lang === null ? {} : { language: comment.lang }),
  }
  return comment.proposal === null
    ? words
    : [words, { type: 'TextualBody', value: comment.proposal, format: 'text/markdown', purpose: 'editing' }]
}

/**
 * Where each comment went in later editions the viewer may read (a draft edition only for those who may
 * read drafts), one query for them all.
 */
async function carriedFor(
  db: Db,
  viewer: Viewer,
  guide: Parameters<typeof may>[2],
  commentIds: readonly number[],
): Promise<Map<number, CarriedTo[]>> {
  const drafts = may(viewer, 'read-drafts', guide)
  const byComment = new Map<number, CarriedTo[]>()
  for (const row of await laterPlacements(db, commentIds)) {
    if (row.editionState === 'draft' && !drafts) continue
    byComment.set(row.commentId, [...(byComment.get(row.commentId) ?? []), row])
  }
  return byComment
}

/** One comment's annotation, seen as `GET /api/comments/:id` would show it (the same visibility). */
export async function commentAnnotation(db: Db, viewer: Viewer, id: number, origin: string) {
  const { comment, etag } = await commentWithEtag(db, viewer, id)
  const slug = await guideSlugOfComment(db, id)
  if (slug === undefined) throw notFound('That comment')
  const { guide } = await getEdition(db, slug, comment.edition, viewer)
  const carried = comment.parentId === null ? ((await carriedFor(db, viewer, guide, [id])).get(id) ?? []) : []
  // The comment's own tag says nothing of where later editions put it, which an editor may change.
  const where = createHash('sha256').update(JSON.stringify(carried)).digest('base64url').slice(0, 12)
  return {
    annotation: { '@context': ANNOTATION_CONTEXT, ...annotationOf(comment, origin, slug, carried) },
    etag: etag.replace(/"$/, `-anno-${where}"`),
  }
}

async function collectionContext(db: Db, viewer: Viewer, slug: string, number: number, origin: string) {
  const { guide, edition } = await getEdition(db, slug, number, viewer)
  const audience = {
    editionId: edition.id,
    moderator: may(viewer, 'moderate', guide),
    viewerId: viewer.person?.id,
  }
  const total = await countVisible(db, audience)
  const id = collectionId(origin, guide.slug, edition.number)
  return {
    guide,
    audience,
    id,
    label: `Comments on ${edition.title}, edition ${String(edition.number)}`,
    total,
    pages: Math.ceil(total / ANNOTATIONS_PER_PAGE),
    pageId: (page: number) => `${id}?page=${String(page)}`,
  }
}

/**
 * The edition's comments as an AnnotationCollection (the Web Annotation Protocol's paging): what it is
 * and how many, with links to its first and last pages. An empty collection has no pages.
 */
export async function annotationCollection(
  db: Db,
  viewer: Viewer,
  slug: string,
  number: number,
  origin: string,
): Promise<AnnotationCollection> {
  const c = await collectionContext(db, viewer, slug, number, origin)
  return {
    '@context': ANNOTATION_CONTEXT,
    id: c.id,
    type: 'AnnotationCollection',
    label: c.label,
    total: c.total,
    ...(c.pages === 0 ? {} : { first: c.pageId(0), last: c.pageId(c.pages - 1) }),
  }
}

/** Page `page` (from 0) of the collection: its annotations, oldest first, and links to its neighbours. */
export async function annotationPage(
  db: Db,
  viewer: Viewer,
  slug: string,
  number: number,
  page: number,
  origin: string,
): Promise<AnnotationPage> {
  const c = await collectionContext(db, viewer, slug, number, origin)
  if (page >= c.pages) throw notFound(`Page ${String(page)} of these annotations`)
  const startIndex = page * ANNOTATIONS_PER_PAGE
  const rows = await commentsAt(db, c.audience, startIndex, ANNOTATIONS_PER_PAGE)
  const carried = await carriedFor(
    db,
    viewer,
    c.guide,
    rows.filter((row) => row.parentId === null).map((row) => row.id),
  )
  return {
    '@context': ANNOTATION_CONTEXT,
    id: c.pageId(page),
    type: 'AnnotationPage',
    partOf: { id: c.id, label: c.label, total: c.total },
    startIndex,
    ...(page > 0 ? { prev: c.pageId(page - 1) } : {}),
    ...(page + 1 < c.pages ? { next: c.pageId(page + 1) } : {}),
    items: rows.map((row) =>
      annotationOf(
        commentView(row, c.guide, viewer, c.audience.moderator),
        origin,
        c.guide.slug,
        carried.get(row.id),
      ),
    ),
  }
}
