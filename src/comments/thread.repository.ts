import type { Db } from '../platform/db/database.ts'

/**
 * The block a thread page shows above its comments: its number, and its HTML as rendered at import;
 * and its source, which a suggestion's wording is applied to.
 */
export const findBlock = (db: Db, editionId: number, key: string) =>
  db
    .selectFrom('blocks')
    .select(['key', 'number', 'kind', 'html', 'text', 'markdown'])
    .where('editionId', '=', editionId)
    .where('key', '=', key)
    .executeTakeFirst()

export type ThreadBlock = NonNullable<Awaited<ReturnType<typeof findBlock>>>
