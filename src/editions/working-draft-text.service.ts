import { createHash } from 'node:crypto'
import type { Db } from '../platform/db/database.ts'
import { DomainError } from '../kernel/errors.ts'
import { checkSource } from '../platform/markdown/limits.ts'
import { ifMatchHolds } from '../platform/http/conditional.ts'
import type { Viewer } from '../people/viewer.ts'
import { withTransaction } from '../platform/db/transaction.ts'
import { splitDraft } from './draft-splits.ts'
import { latestEdition, lockWorkingDraft, saveWorkingDraft } from './edition.repository.ts'
import { createRevision, previewRevision, type Revision } from './revision.service.ts'
import { editableGuide, loadDraft, type DraftState } from './working-draft.service.ts'

/**
 * The working draft as one text, for scripts and other tools (SPEC.md: `GET`/`PUT
 * /api/guides/:slug/working-draft`, and `POST /api/guides/:slug/editions` without `markdown`). The
 * draft pages change it block by block (working-draft.service.ts); here it is read, replaced whole, and
 * made into the next edition.
 */

/** What the API shows of the working draft. */
export interface WorkingDraftView {
  markdown: string
  /** The edition it revises: the newest. */
  base: number
  updatedAt: string
}

/**
 * The draft's ETag: its text and when it was saved, so a PUT with If-Match replaces only the text its
 * sender read (two editors' scripts never silently undo each other).
 */
const draftEtag = (draft: { source: string; updatedAt: Date }) =>
  `"${createHash('sha256').update(draft.source).digest('base64url').slice(0, 16)}.${String(draft.updatedAt.getTime())}"`

/** The draft as the API shows it, refusing one begun from an older edition than the newest. */
function current(draft: DraftState) {
  if (draft.outdated) throw outdated(draft)
  return {
    view: { markdown: draft.source, base: draft.base.number, updatedAt: draft.updatedAt.toISOString() },
    etag: draftEtag({ source: draft.source, updatedAt: draft.updatedAt }),
  }
}

const outdated = (draft: DraftState) =>
  new DomainError(
    'stale-draft',
    `The working draft was begun before edition ${String(draft.base.number)} was created, so it would undo that edition's changes. Replace its text (PUT) or discard it on the draft page.`,
  )

/** `GET /api/guides/:slug/working-draft`: begun from the newest edition if there is none yet. */
export async function workingDraftText(db: Db, viewer: Viewer, slug: string) {
  return current(await loadDraft(db, viewer, slug))
}

/**
 * `PUT /api/guides/:slug/working-draft`: the whole text replaced, checked and split as any source is
 * before anything is written. A new text is a revision of the newest edition, whatever the draft began
 * from; the editor's lineage corrections go with the old text, whose positions they named. With
 * If-Match, written only if the draft is still the one its ETag names (412 otherwise).
 */
export async function replaceWorkingDraft(
  db: Db,
  viewer: Viewer,
  slug: string,
  markdown: string,
  ifMatch?: string,
) {
  const { guide, person } = await editableGuide(db, viewer, slug)
  checkSource(markdown)
  await splitDraft(markdown)
  return withTransaction(db, async (tx) => {
    const draft = await lockWorkingDraft(tx, guide.id)
    if (!ifMatchHolds(ifMatch, draft ? draftEtag(draft) : undefined))
      throw new DomainError(
        'stale',
        'The working draft changed since you read it (or was made into an edition or discarded). Nothing was changed: read it again.',
      )
    const newest = await latestEdition(tx, guide.id)
    if (!newest) throw new Error(`The guide "${slug}" has no edition.`)
    const same = draft?.baseEditionId === newest.id && draft.source === markdown
    await saveWorkingDraft(tx, {
      guideId: guide.id,
      baseEditionId: newest.id,
      source: markdown,
      overrides: same ? draft.overrides : [],
      updatedBy: person.id,
    })
    const saved = await lockWorkingDraft(tx, guide.id)
    if (!saved) throw new Error('The working draft just saved cannot be read back.')
    return {
      view: { markdown: saved.source, base: newest.number, updatedAt: saved.updatedAt.toISOString() },
      etag: draftEtag(saved),
    }
  })
}

/** The revision the working draft makes: its text, already split, and its lineage corrections unless others are given. */
async function draftRevision(db: Db, viewer: Viewer, slug: string, given: Omit<Revision, 'markdown'>) {
  const draft = await loadDraft(db, viewer, slug, { begin: false })
  if (draft.outdated) throw outdated(draft)
  return {
    markdown: draft.source,
    overrides: given.overrides ?? draft.overrides,
    base: given.base ?? draft.base.number,
    document: await splitDraft(draft.source),
  }
}

/** `POST /api/guides/:slug/editions` without `markdown`: the next edition from the working draft. */
export async function createFromDraftText(
  db: Db,
  viewer: Viewer,
  slug: string,
  given: Omit<Revision, 'markdown'>,
) {
  return createRevision(db, viewer, slug, await draftRevision(db, viewer, slug, given))
}

/** `POST /api/guides/:slug/editions/preview` without `markdown`: the lineage the working draft would have. */
export async function previewDraftText(
  db: Db,
  viewer: Viewer,
  slug: string,
  given: Omit<Revision, 'markdown'>,
) {
  return previewRevision(db, viewer, slug, await draftRevision(db, viewer, slug, given))
}
