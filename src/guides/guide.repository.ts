import { sql } from 'kysely'
import type { Db } from '../platform/db/database.ts'
import type { NewBlock } from '../platform/db/schema.ts'
import type { EditionState, ModerationMode, NamesShown } from '../kernel/words.ts'

export const findGuideBySlug = (db: Db, slug: string) =>
  db.selectFrom('guides').selectAll().where('slug', '=', slug).executeTakeFirst()

/** A guide by slug, with whether any of its editions is in `states`: one query. */
export const findGuideWithEditionIn = (db: Db, slug: string, states: readonly EditionState[]) =>
  db
    .selectFrom('guides')
    .select((eb) => [
      'id',
      eb
        .exists(
          eb
            .selectFrom('editions')
            .select('editions.id')
            .whereRef('editions.guideId', '=', 'guides.id')
            .where('editions.state', 'in', states),
        )
        .as('hasEdition'),
    ])
    .where('slug', '=', slug)
    .executeTakeFirst()

/** A guide by id: a comment, an invitation or a role names its guide this way. */
export const findGuideById = (db: Db, id: number) =>
  db.selectFrom('guides').selectAll().where('id', '=', id).executeTakeFirstOrThrow()

export const slugExists = async (db: Db, slug: string) =>
  (await db.selectFrom('guides').select('id').where('slug', '=', slug).executeTakeFirst()) !== undefined

export const countGuides = async (db: Db) =>
  (
    await db
      .selectFrom('guides')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n

/** Guides with at least one edition in the given states, with their newest such edition. */
export const listGuidesWithEditions = (db: Db, states: readonly EditionState[]) =>
  db
    .selectFrom('guides')
    .innerJoin('editions', 'editions.guideId', 'guides.id')
    .where('editions.state', 'in', states)
    .distinctOn('guides.id')
    .select([
      'guides.id',
      'guides.slug',
      'guides.title',
      'guides.summary',
      'guides.lang',
      'editions.number as editionNumber',
      'editions.state as editionState',
      'editions.opensAt',
      'editions.closesAt',
      'editions.title as editionTitle',
      'editions.blockCount',
    ])
    .orderBy('guides.id')
    .orderBy('editions.number', 'desc')
    .execute()

export const updateGuideSettings = (
  db: Db,
  guideId: number,
  values: {
    title?: string
    names?: NamesShown
    moderation?: ModerationMode
    publishByDefault?: boolean
    moderationPolicy?: string | null
    retentionDays?: number | null
  },
) => db.updateTable('guides').set(values).where('id', '=', guideId).execute()

export const insertGuide = (db: Db, guide: { slug: string; title: string; summary: string; lang: string }) =>
  db.insertInto('guides').values(guide).returning(['id', 'slug']).executeTakeFirstOrThrow()

export interface NewEdition {
  guideId: number
  number: number
  state: EditionState
  title: string
  source: string
  contentHash: string
  pageHtml: string
  blockCount: number
  publishedAt: Date | null
}

export const insertEdition = (db: Db, edition: NewEdition) =>
  db.insertInto('editions').values(edition).returning(['id', 'number']).executeTakeFirstOrThrow()

/** Inserts blocks in chunks: one statement per chunk keeps 20,000-block guides under the parameter limit. */
export async function insertBlocks(
  db: Db,
  blocks: NewBlock[],
  onChunk?: (done: number) => void,
): Promise<void> {
  const CHUNK = 500
  for (let start = 0; start < blocks.length; start += CHUNK) {
    await db
      .insertInto('blocks')
      .values(blocks.slice(start, start + CHUNK))
      .execute()
    onChunk?.(Math.min(start + CHUNK, blocks.length))
  }
}

export const editionsOfGuide = (db: Db, guideId: number) =>
  db
    .selectFrom('editions')
    .select([
      'id',
      'number',
      'state',
      'title',
      'opensAt',
      'closesAt',
      'createdAt',
      'publishedAt',
      'blockCount',
    ])
    .where('guideId', '=', guideId)
    .orderBy('number')
    .execute()

/** An edition without its source and page, which only the pages that show them fetch. */
export const findEdition = (db: Db, guideId: number, number: number) =>
  db
    .selectFrom('editions')
    .select([
      'id',
      'guideId',
      'number',
      'state',
      'title',
      'opensAt',
      'closesAt',
      'contentHash',
      'blockCount',
      'createdAt',
      'publishedAt',
    ])
    .where('guideId', '=', guideId)
    .where('number', '=', number)
    .executeTakeFirst()

export const pageHtmlOf = async (db: Db, editionId: number) =>
  (await db.selectFrom('editions').select('pageHtml').where('id', '=', editionId).executeTakeFirstOrThrow())
    .pageHtml

/** What the reading page needs of each block: its key and number, and the text of headings for the contents. */
export const marginsOfEdition = (db: Db, editionId: number) =>
  db
    .selectFrom('blocks')
    .select((eb) => [
      'key',
      'number',
      'kind',
      eb.case().when('kind', '=', 'heading').then(eb.ref('text')).else(null).end().as('headingText'),
      sql<number>`cardinality(section_path)`.as('depth'),
    ])
    .where('editionId', '=', editionId)
    .orderBy('ordinal')
    .execute()

export const blocksOfEdition = (db: Db, editionId: number) =>
  db
    .selectFrom('blocks')
    .select(['ordinal', 'key', 'kind', 'number', 'text', 'html', 'sectionPath'])
    .where('editionId', '=', editionId)
    .orderBy('ordinal')
    .execute()

/** The newest edition in `states` holding a key, for permalinks. */
export const newestEditionWithKey = (db: Db, guideId: number, key: string, states: readonly EditionState[]) =>
  db
    .selectFrom('blocks')
    .innerJoin('editions', 'editions.id', 'blocks.editionId')
    .select(['editions.number', 'blocks.number as blockNumber'])
    .where('editions.guideId', '=', guideId)
    .where('editions.state', 'in', states)
    .where('blocks.key', '=', key)
    .orderBy('editions.number', 'desc')
    .limit(1)
    .executeTakeFirst()
