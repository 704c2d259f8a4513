import { commentView, type CommentView } from '../comments/comment.service.ts'
import type { Db } from '../platform/db/database.ts'
import { commentWithEtag } from '../decisions/decision.service.ts'
import { notFound } from '../kernel/errors.ts'
import { getEdition } from '../guides/reading.service.ts'
import { may } from '../people/policy.ts'
import type { Viewer } from '../people/viewer.ts'
import { commentsAt, countVisible, guideSlugOfComment } from './feedback.repository.ts'
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

/**
 * A comment as an Annotation: on a block, the edition's page with the block as a fragment, refined by
 * the quoted words (a TextQuoteSelector); on the edition as a whole, its page; a reply, its parent's
 * annotation. A withdrawn comment keeps its place in the record but has no body.
 */
export function annotationOf(comment: CommentView, origin: string, slug: string): Annotation {
  const source = editionUrl(origin, slug, comment.edition)
  const quote = comment.quote
  const target: Annotation['target'] =
    comment.parentId !== null
      ? annotationId(origin, comment.parentId)
      : comment.blockKey === null
        ? source
        : {
            type: 'SpecificResource',
            source,
            selector: {
              type: 'FragmentSelector',
              conformsTo: FRAGMENT_SPEC,
              value: comment.blockKey,
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
          }
  const withdrawn = comment.state === 'withdrawn'
  return {
    id: annotationId(origin, comment.id),
    type: 'Annotation',
    motivation: comment.parentId === null ? 'commenting' : 'replying',
    created: comment.createdAt.toISOString(),
    modified: comment.updatedAt.toISOString(),
    creator: { type: 'Person', name: comment.author.displayName },
    ...(withdrawn ? {} : { body: { type: 'TextualBody', value: comment.body, format: 'text/markdown' } }),
    target,
  }
}

/** One comment's annotation, seen as `GET /api/comments/:id` would show it (the same visibility). */
export async function commentAnnotation(db: Db, viewer: Viewer, id: number, origin: string) {
  const { comment, etag } = await commentWithEtag(db, viewer, id)
  const slug = await guideSlugOfComment(db, id)
  if (slug === undefined) throw notFound('That comment')
  return {
    annotation: { '@context': ANNOTATION_CONTEXT, ...annotationOf(comment, origin, slug) },
    etag: etag.replace(/"$/, '-anno"'),
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
  return {
    '@context': ANNOTATION_CONTEXT,
    id: c.pageId(page),
    type: 'AnnotationPage',
    partOf: { id: c.id, label: c.label, total: c.total },
    startIndex,
    ...(page > 0 ? { prev: c.pageId(page - 1) } : {}),
    ...(page + 1 < c.pages ? { next: c.pageId(page + 1) } : {}),
    items: rows.map((row) =>
      annotationOf(commentView(row, c.guide, viewer, c.audience.moderator), origin, c.guide.slug),
    ),
  }
}
