import type { Db } from '../../src/platform/db/database.ts'

const CHUNK = 1000

/**
 * Published comments spread evenly over an edition's blocks, written straight into the database:
 * the benchmarks measure reading them, not posting them.
 */
export async function seedComments(
  db: Db,
  options: { slug: string; number: number; count: number },
): Promise<void> {
  const edition = await db
    .selectFrom('editions')
    .innerJoin('guides', 'guides.id', 'editions.guideId')
    .select(['editions.id', 'editions.guideId'])
    .where('guides.slug', '=', options.slug)
    .where('editions.number', '=', options.number)
    .executeTakeFirstOrThrow()
  const blocks = await db
    .selectFrom('blocks')
    .select('key')
    .where('editionId', '=', edition.id)
    .orderBy('ordinal')
    .execute()
  if (blocks.length === 0) throw new Error(`${options.slug} edition ${options.number} has no blocks`)
  const author = await db
    .insertInto('people')
    .values({ email: `bench-${Date.now()}@example.org`, displayName: 'Bench reviewer', passwordHash: null })
    .returning('id')
    .executeTakeFirstOrThrow()
  for (let start = 0; start < options.count; start += CHUNK) {
    const rows = Array.from({ length: Math.min(CHUNK, options.count - start) }, (_, i) => {
      const n = start + i
      const body = `Seeded comment ${n}: this paragraph could say more plainly what it asks of the reader.`
      return {
        guideId: edition.guideId,
        editionId: edition.id,
        blockKey: blocks[n % blocks.length]?.key ?? null,
        parentId: null,
        authorId: author.id,
        kind: 'comment' as const,
        body,
        html: `<p>${body}</p>`,
        quote: null,
        state: 'published' as const,
        hiddenReason: null,
        idempotencyKey: null,
      }
    })
    await db.insertInto('comments').values(rows).execute()
  }
}
