import type { Db } from '../platform/db/database.ts'
import type { DraftUndo, GuideRow, LineageOverride } from '../platform/db/schema.ts'
import { DomainError, invalid, notFound, unauthenticated } from '../kernel/errors.ts'
import { editionsOfGuide, findGuideBySlug } from '../guides/guide.repository.ts'
import { checkSource } from '../platform/markdown/limits.ts'
import type { SplitBlock, SplitDocument } from '../platform/markdown/split.ts'
import { authorise } from '../people/policy.ts'
import type { Viewer } from '../people/viewer.ts'
import { deleteBlock, insertAfter, replaceBlock, swapBlocks } from './draft-edits.ts'
import { carryLinks, followBlocks } from './draft-links.ts'
import { align } from '../lineage/align.ts'
import { applyOverrides } from '../lineage/overrides.ts'
import { isSplit, splitDraft } from './draft-splits.ts'
import {
  blocksForLineage,
  beginWorkingDraft,
  blocksToRevise,
  deleteWorkingDraft,
  findWorkingDraft,
  latestEdition,
  lockWorkingDraft,
  saveWorkingDraft,
} from './edition.repository.ts'
import { withTransaction } from '../platform/db/transaction.ts'
import {
  carriedTranslations,
  oneSidedChanges,
  translationLanguagesOfGuide,
} from './translation.repository.ts'
import { fieldMessage, fieldMessageSaying } from '../platform/i18n/field-messages.ts'

/**
 * The working draft: the next edition as its editors shape it, one per guide, kept until it becomes an
 * edition or is discarded. Every change names the block it is for by position and content hash, so a
 * form loaded before someone else's change is refused instead of changing the wrong paragraph.
 */

/** The guide, when the viewer may edit it (401 for the public, 403 for others). */
export async function editableGuide(db: Db, viewer: Viewer, slug: string) {
  const guide = await findGuideBySlug(db, slug)
  if (!guide) throw notFound(`The guide "${slug}"`)
  authorise(viewer, 'edit', guide)
  const person = viewer.person
  if (!person) throw unauthenticated()
  return { guide, person }
}

async function newestEdition(db: Db, guide: GuideRow) {
  const newest = await latestEdition(db, guide.id)
  if (!newest) throw notFound(`An edition of "${guide.slug}"`)
  return newest
}

export interface DraftState {
  guide: GuideRow
  /** Stored; false for the draft `loadDraft(…, { begin: false })` only pictures from the newest edition. */
  saved: boolean
  /** The newest edition, which the draft revises. */
  base: { number: number; state: string }
  /** The edition the draft began from: the newest unless `outdated`. */
  baseEditionId: number
  source: string
  overrides: LineageOverride[]
  updatedAt: Date
  /** An edition was created after this draft began from an older one: it can only be discarded. */
  outdated: boolean
  /** The block deleted by the draft's last change, which can still be put back. */
  deleted: { number: string } | undefined
  /** Unchanged since it began: its blocks are the newest edition's, already stored. */
  unchanged: { editionId: number } | undefined
}

/**
 * The working draft, begun from the newest edition if there is none. With `begin: false` a missing
 * draft is only pictured, not saved: a request that may still be refused (making an edition from the
 * draft, previewing it) must leave nothing behind.
 */
export async function loadDraft(
  db: Db,
  viewer: Viewer,
  slug: string,
  { begin }: { begin: boolean } = { begin: true },
): Promise<DraftState> {
  const { guide, person } = await editableGuide(db, viewer, slug)
  const newest = await newestEdition(db, guide)
  let draft = await findWorkingDraft(db, guide.id)
  if (!draft && !begin)
    return {
      guide,
      saved: false,
      base: { number: newest.number, state: newest.state },
      baseEditionId: newest.id,
      source: newest.source,
      overrides: [],
      updatedAt: new Date(),
      outdated: false,
      deleted: undefined,
      unchanged: { editionId: newest.id },
    }
  if (!draft) {
    await beginWorkingDraft(db, {
      guideId: guide.id,
      baseEditionId: newest.id,
      source: newest.source,
      updatedBy: person.id,
    })
    draft = await findWorkingDraft(db, guide.id)
    if (!draft) throw new Error('The working draft just saved cannot be read back.')
  }
  return {
    guide,
    saved: true,
    base: { number: newest.number, state: newest.state },
    baseEditionId: draft.baseEditionId,
    source: draft.source,
    overrides: draft.overrides,
    updatedAt: draft.updatedAt,
    outdated: draft.baseEditionId !== newest.id,
    deleted: draft.undo ? { number: draft.undo.number } : undefined,
    unchanged:
      draft.baseEditionId === newest.id && draft.source === newest.source
        ? { editionId: newest.id }
        : undefined,
  }
}

/** What the draft page shows of each block. */
export type DraftBlock = Pick<SplitBlock, 'ordinal' | 'number' | 'text' | 'markdown' | 'html' | 'hash'> & {
  kind: string
}

/**
 * `GET /g/:slug/revise`: the working draft with its blocks, begun from the newest edition on first visit.
 * A draft nobody has changed yet shows the edition's stored blocks, while its split is made for the first
 * change.
 */
export async function openWorkingDraft(db: Db, viewer: Viewer, slug: string) {
  const draft = await loadDraft(db, viewer, slug)
  let blocks: readonly DraftBlock[]
  if (draft.unchanged && !isSplit(draft.source)) {
    // Only made ahead of time: if it fails, the first change splits again and answers with the reason.
    void splitDraft(draft.source)
    blocks = await blocksToRevise(db, draft.unchanged.editionId)
  } else blocks = (await splitDraft(draft.source)).blocks
  return { ...draft, blocks }
}

/** Plain text of the draft, to download, edit elsewhere and upload again. */
export const draftSource = async (db: Db, viewer: Viewer, slug: string) =>
  (await loadDraft(db, viewer, slug)).source

export interface DraftChanged {
  /** The position of the block to show after the change. */
  at: number
  /** The editor's lineage corrections were dropped because the text, and so the positions, changed. */
  clearedCorrections: number
}

interface Change {
  source: string
  /** Given with a change of text, these replace the corrections instead of clearing them (an undo). */
  overrides?: LineageOverride[]
  /**
   * A change of some blocks, not the whole text: the links follow their blocks to their new positions.
   * `edited`: the block at this position was edited in place, so what the edit wrote keeps its lineage.
   * `gone`: the block at this position was deleted, and its link with it.
   */
  follow?: { edited?: number; gone?: number }
  at: number
  /** What puts the change back: a deletion's only. */
  undo?: DraftUndo
}

/**
 * Where the draft's blocks at `ordinals` come from in the edition being revised, by key, as the preview
 * would say (the editor's links applied); `kept` unless one of them is a link the editor corrected.
 */
async function lineageOf(
  db: Db,
  baseEditionId: number,
  document: SplitDocument,
  overrides: readonly LineageOverride[],
  ordinals: readonly number[],
): Promise<{ from: string[]; kept: boolean }> {
  const linked = new Map(overrides.map((o) => [o.ordinal, o]))
  const kept = ordinals.every((i) => {
    const link = linked.get(i)
    return link === undefined || link.kept === true
  })
  if (ordinals.every((i) => linked.has(i)))
    return { from: [...new Set(ordinals.flatMap((i) => linked.get(i)?.from ?? []))], kept }
  const base = await blocksForLineage(db, baseEditionId)
  const ordinalOf = new Map(base.map((b) => [b.key, b.ordinal]))
  const positional = overrides.map((o) => ({
    ordinal: o.ordinal,
    from: o.from.flatMap((key) => ordinalOf.get(key) ?? []),
  }))
  const lineage = applyOverrides(base, document.blocks, align(base, document.blocks), positional)
  const from = new Set(ordinals.flatMap((i) => lineage.blocks[i]?.from ?? []))
  return { from: [...from].sort((x, y) => x - y).flatMap((i) => base[i]?.key ?? []), kept }
}

/**
 * The draft's links once its text became `after` by one change: each follows its block, and what an
 * edit of a block wrote (`edited`: the block editors changed in place, by hand or by accepting a
 * suggestion) keeps the lineage of what it rewrote (with any neighbour it joined), however far the
 * words moved from the edition's: the editor said which paragraph this is. `gone`: a deleted block,
 * whose link leaves with it.
 */
export async function linksAfterChange(
  tx: Db,
  draft: { baseEditionId: number; source: string; overrides: readonly LineageOverride[] },
  after: { source: string; document: SplitDocument },
  { edited, gone }: { edited?: number | undefined; gone?: number | undefined },
) {
  const before = await splitDraft(draft.source)
  const followed = followBlocks(
    { source: draft.source, blocks: before.blocks },
    { source: after.source, blocks: after.document.blocks },
  )
  const lineage =
    edited === undefined || followed.lost.length === 0
      ? undefined
      : await lineageOf(tx, draft.baseEditionId, before, draft.overrides, followed.lost)
  return carryLinks(draft.overrides, followed, {
    edited: lineage,
    gone: gone === undefined ? [] : [gone],
  })
}

/**
 * Changes the draft under a row lock, so two editors' changes queue instead of one undoing the other.
 * A change of text is checked like any source and split at once (so the page after it is quick), and
 * drops the corrections, whose positions it may have shifted. Every change forgets the deletion that
 * could be undone before it, since putting back the old text would now also undo this change.
 */
async function changeDraft(
  db: Db,
  viewer: Viewer,
  slug: string,
  change: (draft: {
    source: string
    document: SplitDocument
    overrides: LineageOverride[]
    baseEditionId: number
    undo: DraftUndo | null
    tx: Db
  }) => Promise<Change>,
): Promise<DraftChanged> {
  const { guide, person } = await editableGuide(db, viewer, slug)
  return withTransaction(db, async (tx) => {
    const draft = await lockWorkingDraft(tx, guide.id)
    if (!draft) {
      throw new DomainError(
        'no-working-draft',
        'There is no working draft any more: it was made into an edition or discarded. Nothing was changed.',
      )
    }
    const next = await change({
      source: draft.source,
      document: await splitDraft(draft.source),
      overrides: draft.overrides,
      baseEditionId: draft.baseEditionId,
      undo: draft.undo,
      tx,
    })
    const textChanged = next.source !== draft.source
    let overrides = next.overrides ?? (textChanged ? [] : draft.overrides)
    // Only the links the editor corrected are counted: one kept by an edit was not their correction.
    const corrections = draft.overrides.filter((o) => o.kept !== true).length
    let cleared = textChanged && next.overrides === undefined ? corrections : 0
    if (textChanged) {
      checkSource(next.source)
      const after = await splitDraft(next.source)
      if (next.overrides === undefined && next.follow) {
        const carried = await linksAfterChange(
          tx,
          draft,
          { source: next.source, document: after },
          next.follow,
        )
        overrides = carried.overrides
        cleared = carried.dropped
      }
    }
    await saveWorkingDraft(tx, {
      guideId: guide.id,
      baseEditionId: draft.baseEditionId,
      source: next.source,
      overrides,
      updatedBy: person.id,
      undo: next.undo,
    })
    return { at: next.at, clearedCorrections: cleared }
  })
}

/** Replaces the whole text (pasted or uploaded). */
export const replaceDraftText = (db: Db, viewer: Viewer, slug: string, source: string) =>
  changeDraft(db, viewer, slug, () => {
    if (source.trim() === '')
      throw invalid('The text is empty.', [
        { pointer: '/markdown', detail: fieldMessage('field.guideEmpty') },
      ])
    return Promise.resolve({ source, at: 0 })
  })

export type BlockChange =
  | { op: 'edit' | 'insert'; ordinal: number; hash: string; number?: string | undefined; markdown: string }
  | { op: 'delete' | 'up' | 'down'; ordinal: number; hash: string; number?: string | undefined }

/**
 * A form for a block the draft no longer has in that place, named by the number its page showed ("1.1"),
 * as the editor knows it; a form sent without one (an older page) says only that its block moved on.
 */
const staleForm = (shown: string | undefined) =>
  new DomainError(
    'stale-draft',
    shown
      ? fieldMessageSaying('field.staleBlock', { number: shown })
      : fieldMessage('field.staleBlockUnnamed'),
  )

const written = (markdown: string, detail: string) => {
  if (markdown.trim() === '') throw invalid(detail, [{ pointer: '/markdown', detail }])
  return markdown
}

/** The block the form was for, as long as the draft still has it in that place. */
function namedBlock(document: SplitDocument, ordinal: number, hash: string, shown?: string): SplitBlock {
  const block = document.blocks[ordinal]
  if (!block || block.hash !== hash) throw staleForm(shown)
  return block
}

/** The block a form names, as the draft page shows it, to ask about before deleting it (409 once it has changed). */
export async function draftBlock(
  db: Db,
  viewer: Viewer,
  slug: string,
  ordinal: number,
  hash: string,
  shown?: string,
): Promise<{ block: DraftBlock; guide: { lang: string } }> {
  const draft = await loadDraft(db, viewer, slug)
  const { number, text, markdown, html, kind } = namedBlock(
    await splitDraft(draft.source),
    ordinal,
    hash,
    shown,
  )
  return { block: { ordinal, hash, number, text, markdown, html, kind }, guide: { lang: draft.guide.lang } }
}

/** Edits, deletes, moves or inserts after one block of the draft. */
export const changeBlock = (db: Db, viewer: Viewer, slug: string, change: BlockChange) =>
  changeDraft(db, viewer, slug, async ({ source, document, overrides }) => {
    const block = namedBlock(document, change.ordinal, change.hash, change.number)
    const last = document.blocks.length - 1
    switch (change.op) {
      case 'edit':
        return {
          source: replaceBlock(
            source,
            block,
            written(change.markdown, 'Write the text, or delete the block.'),
          ),
          at: block.ordinal,
          follow: { edited: block.ordinal },
        }
      case 'insert':
        return {
          source: insertAfter(source, block, written(change.markdown, 'Write the new paragraph.')),
          at: block.ordinal + 1,
          follow: {},
        }
      case 'delete':
        return {
          source: deleteBlock(source, block),
          at: Math.max(0, Math.min(block.ordinal, last - 1)),
          undo: { source, overrides, ordinal: block.ordinal, number: block.number },
          follow: { gone: block.ordinal },
        }
      case 'up':
      case 'down': {
        const step = change.op === 'up' ? -1 : 1
        return {
          source: await moved(source, document, block, step),
          at: block.ordinal + step,
          follow: {},
        }
      }
    }
  })

/**
 * The source with a block and its neighbour swapped, checked by splitting it again: the two must have
 * traded places and nothing else moved (footnotes, for one, stay in the order they are called in).
 */
async function moved(source: string, document: SplitDocument, block: SplitBlock, step: -1 | 1) {
  const neighbour = document.blocks[block.ordinal + step]
  if (!neighbour) {
    throw invalid(step < 0 ? 'This is the first block already.' : 'This is the last block already.', [])
  }
  const swapped = swapBlocks(source, block, neighbour)
  const after = swapped === undefined ? undefined : await splitDraft(swapped)
  const hashes = after?.blocks.map((b) => b.hash)
  const expected = document.blocks.map((b) =>
    b.ordinal === block.ordinal ? neighbour.hash : b.ordinal === neighbour.ordinal ? block.hash : b.hash,
  )
  if (swapped === undefined || hashes?.join() !== expected.join()) {
    throw invalid(
      `Block ${block.number} cannot change places with block ${neighbour.number} without changing the text around them. Edit the text instead.`,
    )
  }
  return swapped
}

/** Puts back the block deleted by the draft's last change, with the corrections that deletion cleared. */
export const undoDeletion = (db: Db, viewer: Viewer, slug: string) =>
  changeDraft(db, viewer, slug, ({ undo }) => {
    if (!undo)
      throw new DomainError(
        'nothing-to-undo',
        'There is no deletion to undo: it was undone already, or the working draft has changed since. Nothing was changed.',
      )
    return Promise.resolve({ source: undo.source, overrides: undo.overrides, at: undo.ordinal })
  })

export const discardWorkingDraft = async (db: Db, viewer: Viewer, slug: string) => {
  const { guide } = await editableGuide(db, viewer, slug)
  await deleteWorkingDraft(db, guide.id)
}

/**
 * The editor's correction of one lineage link: the draft's block at `ordinal` comes from the paragraphs
 * numbered `from` in the edition being revised (none: it is new). Replaces any earlier correction of it.
 */
export const correctLink = (
  db: Db,
  viewer: Viewer,
  slug: string,
  input: { ordinal: number; hash: string; from: readonly string[] },
) =>
  changeDraft(db, viewer, slug, async ({ source, document, overrides, baseEditionId, tx }) => {
    namedBlock(document, input.ordinal, input.hash)
    const keyOf = new Map((await blocksForLineage(tx, baseEditionId)).map((b) => [b.number, b.key]))
    const unknown = input.from.filter((n) => !keyOf.has(n))
    if (unknown.length > 0) {
      const detail = `The edition being revised has no paragraph ${unknown.join(', ')}.`
      throw invalid(detail, [{ pointer: '/from', detail }])
    }
    const from = [...new Set(input.from.map((n) => keyOf.get(n) ?? ''))]
    return {
      source,
      at: input.ordinal,
      overrides: [
        ...overrides.filter((o) => o.ordinal !== input.ordinal),
        { ordinal: input.ordinal, from },
      ].sort((a, b) => a.ordinal - b.ordinal),
    }
  })

/** Takes back the correction of one link, so lineage decides it again. */
export const undoCorrection = (db: Db, viewer: Viewer, slug: string, ordinal: number) =>
  changeDraft(db, viewer, slug, ({ source, overrides }) =>
    Promise.resolve({ source, at: ordinal, overrides: overrides.filter((o) => o.ordinal !== ordinal) }),
  )

/** `GET /g/:slug/manage`: a guide's editions, newest last, with their texts' languages, and whether a working draft is under way. */
export async function editionsToManage(db: Db, viewer: Viewer, slug: string) {
  const { guide } = await editableGuide(db, viewer, slug)
  const [editions, draft, translations, oneSided, carried] = await Promise.all([
    editionsOfGuide(db, guide.id),
    findWorkingDraft(db, guide.id),
    translationLanguagesOfGuide(db, guide.id),
    oneSidedChanges(db, guide.id),
    carriedTranslations(db, guide.id),
  ])
  const newest = editions[editions.length - 1]
  return {
    guide,
    // Each edition with the languages of its texts, its own first.
    editions: editions.map((e) => ({
      ...e,
      texts: [guide.lang, ...translations.filter((t) => t.number === e.number).map((t) => t.lang)],
      oneSided: oneSided.filter((c) => c.number === e.number),
      // The edition before's texts in languages this one lacks, to carry along and change.
      carried: carried.filter((c) => c.number === e.number),
    })),
    draft: draft && { updatedAt: draft.updatedAt, outdated: draft.baseEditionId !== newest?.id },
  }
}
