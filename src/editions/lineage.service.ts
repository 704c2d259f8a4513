import type { Db } from '../platform/db/database.ts'
import { blocksOfEdition } from '../guides/guide.repository.ts'
import { getEdition } from '../guides/reading.service.ts'
import type { Viewer } from '../people/viewer.ts'
import { lineageOf } from './edition.repository.ts'

/**
 * `GET /api/guides/:slug/editions/:n/lineage`: the `gloss diff --json` shape, each block also with its
 * key and the keys it came from. Edition 1 has no predecessor, so all its blocks are new.
 */
export async function editionLineage(db: Db, viewer: Viewer, slug: string, number: number) {
  const { edition } = await getEdition(db, slug, number, viewer)
  const rows = await lineageOf(db, edition.id)
  if (rows.length === 0) {
    const blocks = await blocksOfEdition(db, edition.id)
    return {
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
  return {
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
