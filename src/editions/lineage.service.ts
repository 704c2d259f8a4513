import type { Db } from '../platform/db/database.ts'
import { blocksOfEdition, editionsOfGuide } from '../guides/guide.repository.ts'
import { getEdition, readableStates } from '../guides/reading.service.ts'
import { blockWords } from '../lineage/block-words.ts'
import { describe } from '../lineage/align.ts'
import { containment, dice } from '../lineage/similarity.ts'
import type { Viewer } from '../people/viewer.ts'
import type { z } from 'zod'
import type { EditionLineage } from './edition.schemas.ts'
import { blocksForLineage, lineageOf, lineageStepsBetween } from './edition.repository.ts'

/**
 * `GET /api/guides/:slug/editions/:n/lineage`: the `gloss diff --json` shape, each block also with its
 * key and the keys it came from. It compares the edition with the one before it; for someone who may
 * not read drafts, with the newest earlier edition they may read, so a draft between the two shows
 * nothing of itself. With no earlier edition to compare (edition 1), all its blocks are new.
 */
export async function editionLineage(
  db: Db,
  viewer: Viewer,
  slug: string,
  number: number,
): Promise<z.infer<typeof EditionLineage>> {
  const { guide, edition } = await getEdition(db, slug, number, viewer)
  const readable = readableStates(viewer, guide.id)
  const base = (await editionsOfGuide(db, guide.id))
    .filter((e) => e.number < number && readable.includes(e.state))
    .reduce<{ id: number; number: number } | undefined>(
      (newest, e) => (newest && newest.number > e.number ? newest : e),
      undefined,
    )
  const rows = base && base.number === number - 1 ? await lineageOf(db, edition.id) : []
  if (!base || (base.number === number - 1 && rows.length === 0)) {
    const blocks = await blocksOfEdition(db, edition.id)
    return {
      base: base?.number ?? null,
      blocks: blocks.map((b) => ({
        ordinal: b.ordinal,
        change: 'new' as const,
        from: [],
        similarity: 0,
        key: b.key,
        fromKeys: [],
      })),
      removed: [],
    }
  }
  if (base.number < number - 1)
    return { base: base.number, ...(await composedLineage(db, guide.id, base, edition)) }
  return {
    base: base.number,
    blocks: rows
      .filter((r) => r.change !== 'removed')
      .map((r) => ({
        ordinal: r.ordinal,
        change: r.change,
        from: r.fromOrdinals,
        similarity: r.similarity,
        key: r.blockKey,
        fromKeys: r.fromKeys,
      })),
    removed: rows
      .filter((r) => r.change === 'removed')
      .map((r) => ({ ordinal: r.ordinal, key: r.blockKey }))
      .sort((a, b) => a.ordinal - b.ordinal),
  }
}

const unique = <T>(items: readonly T[]) => [...new Set(items)]

/**
 * The lineage of `edition` against an earlier `base` across editions between: each block's keys walked
 * back step by step through the stored lineage to the blocks of `base`, then named and scored by the
 * two editions' own words alone, as `gloss diff` would name them. Three queries.
 */
async function composedLineage(
  db: Db,
  guideId: number,
  base: { id: number; number: number },
  edition: { id: number; number: number },
) {
  const [before, after, rows] = await Promise.all([
    blocksForLineage(db, base.id),
    blocksForLineage(db, edition.id),
    lineageStepsBetween(db, guideId, base.number, edition.number),
  ])
  const steps = new Map<number, Map<string, string[]>>()
  for (const row of rows) {
    if (row.change === 'removed') continue
    const step = steps.get(row.number) ?? new Map<string, string[]>()
    step.set(row.blockKey, row.fromKeys)
    steps.set(row.number, step)
  }
  const ordinalOf = new Map(before.map((b) => [b.key, b.ordinal]))
  const sources = after.map((block) => {
    let keys = [block.key]
    for (let n = edition.number; n > base.number; n--) {
      const step = steps.get(n)
      keys = unique(keys.flatMap((k) => step?.get(k) ?? []))
    }
    return keys.flatMap((k) => {
      const ordinal = ordinalOf.get(k)
      return ordinal === undefined ? [] : [ordinal]
    })
  })
  const uses = new Map<number, number>()
  for (const from of sources) for (const i of from) uses.set(i, (uses.get(i) ?? 0) + 1)
  const oldWords = before.map(blockWords)
  const scores = after.map((block, j) => {
    const from = sources[j] ?? []
    const mine = blockWords(block)
    const theirs = new Set(from.flatMap((i) => [...(oldWords[i] ?? [])]))
    // A piece of a split is scored by how much of it lies in its old block, as align scores it.
    return from.length === 1 && (uses.get(from[0] ?? -1) ?? 0) > 1
      ? containment(mine, theirs)
      : dice(theirs, mine)
  })
  const lineage = describe(before, after, sources, scores)
  return {
    blocks: lineage.blocks.map((b) => ({
      ...b,
      key: after[b.ordinal]?.key ?? '',
      fromKeys: b.from.map((i) => before[i]?.key ?? ''),
    })),
    removed: lineage.removed.map((r) => ({ ordinal: r.ordinal, key: before[r.ordinal]?.key ?? '' })),
  }
}
