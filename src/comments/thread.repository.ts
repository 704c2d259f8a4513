import { sql } from 'kysely'
import type { Db } from '../platform/db/database.ts'

/**
 * The block a thread page shows above its comments: its number, and its HTML as rendered at import;
 * and its source, which a suggestion's wording is applied to.
 */
/** An edition's Markdown source, as it was published. */
export const editionSource = async (db: Db, editionId: number) =>
  (await db.selectFrom('editions').select('source').where('id', '=', editionId).executeTakeFirst())?.source

export const findBlock = (db: Db, editionId: number, key: string) =>
  db
    .selectFrom('blocks')
    .select(['key', 'number', 'kind', 'html', 'text', 'markdown'])
    .where('editionId', '=', editionId)
    .where('key', '=', key)
    .executeTakeFirst()

/**
 * A block's words in each of the edition's translations, with its HTML where the translation kept it
 * (a translation's blocks line up with the edition's, by ordinal), in one query.
 */
export const blockTranslations = (db: Db, editionId: number, key: string) =>
  db
    .selectFrom('translationBlocks as tb')
    .innerJoin('editionTranslations as et', (join) =>
      join.onRef('et.editionId', '=', 'tb.editionId').onRef('et.lang', '=', 'tb.lang'),
    )
    .select(['tb.lang', 'tb.text', sql<string | null>`et.blocks -> tb.ordinal ->> 'html'`.as('html')])
    .where('tb.editionId', '=', editionId)
    .where('tb.key', '=', key)
    .orderBy('tb.lang')
    .execute()

/** A block's words in the edition's own text and in each of its translations, in one query. */
export const blockWords = (db: Db, editionId: number, key: string) =>
  db
    .selectFrom('blocks')
    .select((eb) => [
      'blocks.text',
      sql<string[]>`array(select tb.text from translation_blocks tb
        where tb.edition_id = ${eb.ref('blocks.editionId')} and tb.key = ${eb.ref('blocks.key')})`.as(
        'translations',
      ),
    ])
    .where('editionId', '=', editionId)
    .where('key', '=', key)
    .executeTakeFirst()

export type ThreadBlock = NonNullable<Awaited<ReturnType<typeof findBlock>>>
