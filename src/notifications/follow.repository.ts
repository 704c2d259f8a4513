import { sql } from 'kysely'
import type { Db } from '../platform/db/database.ts'

/** Follows a guide (blockKey null) or one of its paragraphs; following twice is following once. */
export const insertFollow = (db: Db, personId: number, guideId: number, blockKey: string | null) =>
  db
    .insertInto('follows')
    .values({ personId, guideId, blockKey })
    .onConflict((oc) => oc.doNothing())
    .execute()

export const deleteFollow = (db: Db, personId: number, guideId: number, blockKey: string | null) =>
  db
    .deleteFrom('follows')
    .where('personId', '=', personId)
    .where('guideId', '=', guideId)
    .where((eb) => (blockKey === null ? eb('blockKey', 'is', null) : eb('blockKey', '=', blockKey)))
    .execute()

/** Whether the person follows the guide itself and which of these paragraphs. */
export const followsOf = (db: Db, personId: number, guideId: number) =>
  db
    .selectFrom('follows')
    .select('blockKey')
    .where('personId', '=', personId)
    .where('guideId', '=', guideId)
    .execute()

/** Who follows these paragraphs of a guide, by key. */
export const paragraphFollowers = (db: Db, guideId: number, keys: readonly string[]) =>
  keys.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('follows')
        .select(['personId', 'blockKey'])
        .where('guideId', '=', guideId)
        .where('blockKey', 'in', keys)
        .execute()

/**
 * A new edition's blocks that carry on old keys under new ones (the pieces of a split, a merge): each
 * follower of an old key follows the new one too, so following holds along lineage.
 */
export async function followAlongLineage(db: Db, guideId: number, editionId: number): Promise<void> {
  await sql`
    insert into follows (person_id, guide_id, block_key)
    select distinct f.person_id, f.guide_id, l.block_key
    from lineage l
    join follows f on f.guide_id = ${guideId} and f.block_key = any (l.from_keys)
    where l.edition_id = ${editionId} and l.change <> 'removed' and l.block_key <> f.block_key
    on conflict do nothing`.execute(db)
}
