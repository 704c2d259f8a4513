import type { Db } from '../platform/db/database.ts'
import type { GuideRow, LineageOverride } from '../platform/db/schema.ts'
import { DomainError, conflict, invalid, notFound, type FieldError } from '../kernel/errors.ts'
import { recordAudit } from '../audit/audit.repository.ts'
import { findGuideBySlug } from '../guides/guide.repository.ts'
import { storeEdition } from '../guides/guide.service.ts'
import { newKey } from '../kernel/keys.ts'
import { align, type Lineage } from '../lineage/align.ts'
import { carryKeys } from '../lineage/carry-keys.ts'
import { applyOverrides } from '../lineage/overrides.ts'
import { splitOffThread } from '../platform/markdown/split-off-thread.ts'
import type { SplitDocument } from '../platform/markdown/split.ts'
import { authorise } from '../people/policy.ts'
import type { Viewer } from '../people/viewer.ts'
import {
  blocksForLineage,
  commentsLocatedIn,
  deleteWorkingDraft,
  insertLineage,
  insertPlacements,
  keysOfGuide,
  latestEdition,
  type LineageRow,
} from './edition.repository.ts'
import { landingOf } from './landing.ts'
import { showsWhenCarried } from '../comments/carried-shown.repository.ts'
import { withTransaction } from '../platform/db/transaction.ts'
import type { LocatedQuote } from './quote-locator.ts'
import { locateInLanguage, NO_TRANSLATIONS } from './quote-language.ts'
import { quoteLanguages } from './quote-language.repository.ts'
import { carryFollows } from '../notifications/follow.service.ts'
import { noticeRevisedBlocks } from '../notifications/notice-writers.service.ts'
import { announceNotices } from '../notifications/notice-announce.ts'
import { fieldMessage } from '../platform/i18n/field-messages.ts'

export interface Revision {
  markdown: string
  overrides?: LineageOverride[] | undefined
  /** The edition the editor revised; when given and no longer the newest, creating answers 409. */
  base?: number | undefined
  /** `markdown` already split (the working draft keeps its split), so it is not split again. */
  document?: SplitDocument | undefined
}

/**
 * Everything a revision would be, computed and not stored: the next edition's blocks with their keys,
 * the lineage (with the editor's overrides), and where each comment showing in the base edition lands.
 */
export interface RevisionPlan {
  guide: GuideRow
  base: { id: number; number: number; blocks: Awaited<ReturnType<typeof blocksForLineage>> }
  document: SplitDocument
  lineage: Lineage
  keys: string[]
  source: string
  /** Each comment showing in the base edition: its block there, and the key it lands on (null: removed text). */
  landings: Landing[]
}

export interface Landing {
  commentId: number
  fromKey: string | null
  toKey: string | null
  /**
   * Its quote found again in the block it lands on; gone when it lands on removed text; waiting (no
   * status) when taken from a translation, which the new edition does not have yet.
   */
  quote: LocatedQuote | null
  /**
   * Whether it will show in the new edition's threads there (`showsWhenCarried`): open, or on removed
   * text. A decided comment is still placed, so its paragraph's way can be followed, but stays with its
   * decision in the edition it was decided in.
   */
  shows: boolean
}

async function editableGuide(db: Db, viewer: Viewer, slug: string) {
  const guide = await findGuideBySlug(db, slug)
  if (!guide) throw notFound(`The guide "${slug}"`)
  authorise(viewer, 'edit', guide)
  return guide
}

export async function planRevision(db: Db, guide: GuideRow, revision: Revision): Promise<RevisionPlan> {
  const baseEdition = await latestEdition(db, guide.id)
  if (!baseEdition) throw notFound(`An edition of "${guide.slug}"`)
  if (revision.base !== undefined && revision.base !== baseEdition.number) {
    throw conflict(
      `Edition ${String(baseEdition.number)} was created since you started from edition ${String(revision.base)}; look at it and revise again.`,
    )
  }
  const [blocks, document] = await Promise.all([
    blocksForLineage(db, baseEdition.id),
    revision.document ?? splitOffThread(revision.markdown),
  ])
  const overrides = ordinalOverrides(revision.overrides ?? [], blocks, document.blocks.length)
  const lineage = applyOverrides(blocks, document.blocks, align(blocks, document.blocks), overrides)
  const taken = await keysOfGuide(db, guide.id)
  const keys = carryKeys(
    blocks,
    document.blocks,
    lineage,
    blocks.map((b) => b.key),
    () => newKey(taken),
  )

  // Where each comment goes: the successors of its block, chosen between by its quote in a split.
  const successors = new Map<number, { key: string; text: string }[]>()
  for (const entry of lineage.blocks)
    for (const i of entry.from)
      successors.set(i, [
        ...(successors.get(i) ?? []),
        { key: keys[entry.ordinal] ?? '', text: document.blocks[entry.ordinal]?.text ?? '' },
      ])
  const ordinalOfKey = new Map(blocks.map((b) => [b.key, b.ordinal]))
  const textOfKey = new Map(keys.map((key, ordinal) => [key, document.blocks[ordinal]?.text ?? '']))
  const located = await commentsLocatedIn(db, baseEdition.id)
  // A new edition has no translations yet: words quoted from one wait for its text in their language.
  const languages = await quoteLanguages(
    db,
    located.filter((c) => c.quote !== null).map((c) => c.id),
  )
  const landings = located.map((comment): Landing => {
    const at = comment.blockKey === null ? undefined : ordinalOfKey.get(comment.blockKey)
    const toKey =
      at === undefined || comment.blockKey === null
        ? null
        : landingOf(successors.get(at) ?? [], comment.blockKey, comment.quote)
    return {
      commentId: comment.id,
      fromKey: comment.blockKey,
      toKey,
      shows: showsWhenCarried({ toKey, decision: comment.decision }),
      quote:
        comment.quote &&
        locateInLanguage(
          comment.quote,
          languages.get(comment.id) ?? null,
          toKey === null ? undefined : { text: textOfKey.get(toKey) ?? '', translations: NO_TRANSLATIONS },
        ),
    }
  })
  return {
    guide,
    base: { id: baseEdition.id, number: baseEdition.number, blocks },
    document,
    lineage,
    keys,
    source: revision.markdown,
    landings,
  }
}

/** Overrides name old blocks by key (what the editor sees); lineage works on positions. */
function ordinalOverrides(
  overrides: readonly LineageOverride[],
  old: readonly { key: string; ordinal: number }[],
  nextCount: number,
) {
  const byKey = new Map(old.map((b) => [b.key, b.ordinal]))
  const errors: FieldError[] = []
  const seen = new Set<number>()
  const result = overrides.map((o, index) => {
    if (o.ordinal >= nextCount)
      errors.push({
        pointer: `/overrides/${String(index)}/ordinal`,
        detail: fieldMessage('field.noBlockAtPosition'),
      })
    if (seen.has(o.ordinal))
      errors.push({
        pointer: `/overrides/${String(index)}/ordinal`,
        detail: fieldMessage('field.overriddenTwice'),
      })
    seen.add(o.ordinal)
    const from = o.from.map((key, k) => {
      const ordinal = byKey.get(key)
      if (ordinal === undefined)
        errors.push({
          pointer: `/overrides/${String(index)}/from/${String(k)}`,
          detail: `"${key}" is not a paragraph of the edition being revised.`,
        })
      return ordinal ?? -1
    })
    return { ordinal: o.ordinal, from }
  })
  if (errors.length > 0) throw invalid('Some overrides do not fit these two editions.', errors)
  return result
}

/** The `gloss diff --json` shape, each block also with its key and where it came from by key. */
export function lineageView(plan: Pick<RevisionPlan, 'lineage' | 'keys' | 'base'>) {
  const oldKey = (i: number) => plan.base.blocks[i]?.key ?? ''
  return {
    blocks: plan.lineage.blocks.map((b) => ({
      ...b,
      key: plan.keys[b.ordinal] ?? '',
      fromKeys: b.from.map(oldKey),
    })),
    removed: plan.lineage.removed.map((r) => ({ ordinal: r.ordinal, key: oldKey(r.ordinal) })),
  }
}

/** `POST /api/guides/:slug/editions/preview`: the lineage and the comments' landings, creating nothing. */
export async function previewRevision(db: Db, viewer: Viewer, slug: string, revision: Revision) {
  const plan = await planRevision(db, await editableGuide(db, viewer, slug), revision)
  return { plan, view: previewView(plan) }
}

export function previewView(plan: RevisionPlan) {
  const view = lineageView(plan)
  // Grouped once: filtering every landing for every block costs blocks × comments on a big guide.
  const landed = new Map<string, string[]>()
  const removedWith = new Map<string, string[]>()
  // Only the comments that will show there: the preview says what the new edition's threads will hold.
  for (const l of plan.landings) {
    if (!l.shows) continue
    const [map, key] = l.toKey === null ? [removedWith, l.fromKey] : [landed, l.toKey]
    if (key === null) continue
    const list = map.get(key)
    if (list) list.push(String(l.commentId))
    else map.set(key, [String(l.commentId)])
  }
  const landingsOn = (key: string) => landed.get(key) ?? []
  const removedFrom = (key: string) => removedWith.get(key) ?? []
  return {
    base: plan.base.number,
    edition: plan.base.number + 1,
    title: plan.document.title,
    blocks: view.blocks.map((b) => {
      const block = plan.document.blocks[b.ordinal]
      return {
        ...b,
        kind: block?.kind ?? '',
        number: block?.number ?? '',
        text: block?.text ?? '',
        fromNumbers: b.from.map((i) => plan.base.blocks[i]?.number ?? ''),
        comments: landingsOn(b.key),
      }
    }),
    removed: view.removed.map((r) => {
      const block = plan.base.blocks[r.ordinal]
      return { ...r, number: block?.number ?? '', text: block?.text ?? '', comments: removedFrom(r.key) }
    }),
    /** Every comment that lands under "comments on removed text", including those already there. */
    commentsOnRemovedText: plan.landings.filter((l) => l.toKey === null).map((l) => String(l.commentId)),
  }
}

/** `POST /api/guides/:slug/editions`: the next edition (a draft) with its lineage, in one transaction. */
export async function createRevision(db: Db, viewer: Viewer, slug: string, revision: Revision) {
  const guide = await editableGuide(db, viewer, slug)
  return storeRevision(db, await planRevision(db, guide, revision), viewer.person?.id ?? null)
}

/** `gloss revise`: the same, by whoever runs the command line. */
export async function reviseFromCommandLine(db: Db, slug: string, markdown: string) {
  const guide = await findGuideBySlug(db, slug)
  if (!guide) throw notFound(`The guide "${slug}"`)
  const plan = await planRevision(db, guide, { markdown })
  const edition = await storeRevision(db, plan, null)
  const counts: Record<string, number> = {}
  for (const b of plan.lineage.blocks) counts[b.change] = (counts[b.change] ?? 0) + 1
  if (plan.lineage.removed.length > 0) counts.removed = plan.lineage.removed.length
  return { edition, counts }
}

async function storeRevision(db: Db, plan: RevisionPlan, actorId: number | null) {
  const number = plan.base.number + 1
  const view = lineageView(plan)
  let told: number[] = []
  try {
    await withTransaction(db, async (tx) => {
      const edition = await storeEdition(tx, {
        guideId: plan.guide.id,
        number,
        state: 'draft',
        source: plan.source,
        document: plan.document,
        keys: plan.keys,
      })
      const rows: LineageRow[] = [
        ...view.blocks.map((b) => ({
          editionId: edition.id,
          blockKey: b.key,
          ordinal: b.ordinal,
          change: b.change,
          fromKeys: b.fromKeys,
          fromOrdinals: b.from,
          similarity: b.similarity,
        })),
        ...view.removed.map((r) => ({
          editionId: edition.id,
          blockKey: r.key,
          ordinal: r.ordinal,
          change: 'removed' as const,
          fromKeys: [r.key],
          fromOrdinals: [r.ordinal],
          similarity: 0,
        })),
      ]
      await insertLineage(tx, rows)
      await insertPlacements(
        tx,
        plan.landings.map((l) => ({
          commentId: l.commentId,
          editionId: edition.id,
          blockKey: l.toKey,
          quote: l.quote,
        })),
      )
      // Following holds along lineage; followers who read drafts hear of their paragraphs' changes now.
      await carryFollows(tx, plan.guide.id, edition.id)
      told = await noticeRevisedBlocks(tx, edition.id, actorId)
      await deleteWorkingDraft(tx, plan.guide.id)
      await recordAudit(tx, {
        actorId,
        action: 'edition.created',
        guideId: plan.guide.id,
        subject: `${plan.guide.slug} ${String(number)}`,
        detail: {
          base: plan.base.number,
          blocks: plan.document.blocks.length,
          comments: plan.landings.length,
        },
      })
    })
  } catch (error) {
    if ((error as { code?: unknown }).code === '23505')
      throw new DomainError(
        'edition-exists',
        `Someone else created edition ${String(number)} at the same time; look at it and revise again.`,
      )
    throw error
  }
  announceNotices(db, told)
  return { slug: plan.guide.slug, number, state: 'draft' as const, blockCount: plan.document.blocks.length }
}
