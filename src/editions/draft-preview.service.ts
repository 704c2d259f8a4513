import { translator } from '../platform/i18n/messages.ts'
import type { Db } from '../platform/db/database.ts'
import { DomainError } from '../kernel/errors.ts'
import type { Viewer } from '../people/viewer.ts'
import { splitDraft } from './draft-splits.ts'
import { findWorkingDraft, landingComments } from './edition.repository.ts'
import { createRevision, previewRevision } from './revision.service.ts'
import { editableGuide, loadDraft, type DraftState } from './working-draft.service.ts'
import { acceptancesInto } from '../decisions/acceptance.repository.ts'

/**
 * `GET /g/:slug/revise/preview`: what creating the next edition from the draft would do, with the
 * comments that would land on each block (one query for all of them). Nothing is stored.
 */
export async function previewWorkingDraft(db: Db, viewer: Viewer, slug: string) {
  const draft = await loadDraft(db, viewer, slug)
  return { draft, preview: await previewOf(db, viewer, slug, draft) }
}

/** The preview of a draft already loaded; none for a draft an edition created since has left behind. */
export async function previewOf(db: Db, viewer: Viewer, slug: string, draft: DraftState) {
  if (draft.outdated) return undefined
  const { plan, view } = await previewRevision(db, viewer, slug, {
    markdown: draft.source,
    overrides: draft.overrides,
    base: draft.base.number,
    document: await splitDraft(draft.source),
  })
  const rows = await landingComments(db, [...new Set(plan.landings.map((l) => l.commentId))])
  const comments = new Map(
    rows.map((r) => [
      String(r.id),
      {
        id: String(r.id),
        kind: r.kind,
        state: r.state,
        decision: r.decision,
        excerpt: r.state === 'withdrawn' ? '' : r.excerpt,
        author: r.authorErasedAt ? translator(viewer.lang ?? 'en')('names.former') : r.authorName,
        writtenOn: r.editionNumber,
      },
    ]),
  )
  // Every comment on each new block, decided ones too (the preview's `view` holds only those that will
  // show in the new edition's threads): the draft page shows what was said and decided about the words.
  const feedbackOn = new Map<string, string[]>()
  for (const l of plan.landings) {
    if (l.toKey === null) continue
    const list = feedbackOn.get(l.toKey)
    if (list) list.push(String(l.commentId))
    else feedbackOn.set(l.toKey, [String(l.commentId)])
  }
  return {
    view,
    feedbackOn,
    /** The edition being revised, block by block: where each new block came from, for redlines. */
    before: plan.base.blocks.map((b) => ({ number: b.number, text: b.text })),
    hashes: plan.document.blocks.map((b) => b.hash),
    comments,
    /** Comments already under "comments on removed text" in the edition being revised: they stay there. */
    alreadyOnRemovedText: plan.landings
      .filter((l) => l.toKey === null && l.fromKey === null)
      .map((l) => String(l.commentId)),
  }
}

export type DraftPreview = NonNullable<Awaited<ReturnType<typeof previewOf>>>
export type LandingComment = DraftPreview['comments'] extends Map<string, infer C> ? C : never

/**
 * What the working draft's page shows beside each block: the comments that would be on it if the edition
 * were created now (open feedback and decided alike), found by the same lineage as the preview, so the
 * draft page and the preview never disagree about where a paragraph's feedback goes. Keyed by the block's place in the draft.
 */
export async function feedbackOnDraft(db: Db, viewer: Viewer, slug: string, draft: DraftState) {
  const [preview, accepted] = await Promise.all([
    previewOf(db, viewer, slug, draft),
    acceptancesInto(db, draft.guide.id, draft.baseEditionId),
  ])
  if (!preview) return undefined
  // An accepted suggestion names the block by the key it carries into the next edition, as the preview does.
  const ordinalOf = new Map(preview.view.blocks.map((b) => [b.key, b.ordinal]))
  const suggestions = new Map<number, SuggestionOrigin[]>()
  for (const a of accepted) {
    const ordinal = ordinalOf.get(a.blockKey)
    if (ordinal === undefined) continue
    const origin: SuggestionOrigin = {
      commentId: String(a.commentId),
      author: a.authorErasedAt ? translator(viewer.lang ?? 'en')('names.former') : a.authorName,
      edition: a.editionNumber,
      blockKey: a.blockKey,
    }
    suggestions.set(ordinal, [...(suggestions.get(ordinal) ?? []), origin])
  }
  return {
    comments: preview.comments,
    onBlock: new Map(preview.view.blocks.map((b) => [b.ordinal, preview.feedbackOn.get(b.key) ?? []])),
    suggestions,
  }
}

/** A suggestion whose wording an editor took into a block of the working draft. */
export interface SuggestionOrigin {
  commentId: string
  author: string
  /** The edition and paragraph it was written on, where its thread is. */
  edition: number
  blockKey: string
}
export type DraftFeedback = NonNullable<Awaited<ReturnType<typeof feedbackOnDraft>>>

/**
 * Creates edition n+1 from the draft as previewed: refused (409) when the draft changed since the
 * preview (`version`), or an edition was created since it began (`base`).
 */
export async function createFromWorkingDraft(
  db: Db,
  viewer: Viewer,
  slug: string,
  input: { base: number; version: string },
) {
  const { guide } = await editableGuide(db, viewer, slug)
  const draft = await findWorkingDraft(db, guide.id)
  if (!draft) {
    throw new DomainError(
      'no-working-draft',
      'There is no working draft to create an edition from: it was made into an edition or discarded.',
    )
  }
  if (draftVersion(draft.updatedAt) !== input.version) {
    throw new DomainError(
      'stale-draft',
      'The working draft changed since this preview was made. Look at the preview again, then create the edition.',
    )
  }
  return createRevision(db, viewer, slug, {
    markdown: draft.source,
    overrides: draft.overrides,
    base: input.base,
    document: await splitDraft(draft.source),
  })
}

/** Which state of the draft a preview showed. */
export const draftVersion = (updatedAt: Date) => updatedAt.toISOString()
