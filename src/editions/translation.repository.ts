import { sql } from 'kysely'
import type { Db } from '../platform/db/database.ts'
import type { TranslatedBlock } from '../platform/db/schema.ts'

export interface TranslationRow {
  editionId: number
  lang: string
  title: string
  source: string
  blocks: TranslatedBlock[]
  pageHtml: string
  createdBy: number | null
}

/**
 * Stores an edition's text in a language, replacing the one it had in that language, and its blocks
 * for search: three statements, so the caller holds them in one transaction.
 */
export async function saveTranslation(db: Db, row: TranslationRow) {
  await upsertTranslation(db, row)
  await db
    .deleteFrom('translationBlocks')
    .where('editionId', '=', row.editionId)
    .where('lang', '=', row.lang)
    .execute()
  // From one JSON parameter, however many blocks: a guide's worth of rows as parameters passes the
  // protocol's 65,535.
  await sql`
    insert into translation_blocks (edition_id, lang, key, ordinal, text)
    select ${row.editionId}, ${row.lang}, b.value ->> 'key', (b.ordinality - 1)::integer, b.value ->> 'text'
    from jsonb_array_elements(${JSON.stringify(row.blocks)}::jsonb) with ordinality as b(value, ordinality)
  `.execute(db)
}

const upsertTranslation = (db: Db, row: TranslationRow) =>
  db
    .insertInto('editionTranslations')
    .values({ ...row, blocks: JSON.stringify(row.blocks) })
    .onConflict((oc) =>
      oc.columns(['editionId', 'lang']).doUpdateSet((eb) => ({
        title: eb.ref('excluded.title'),
        source: eb.ref('excluded.source'),
        blocks: eb.ref('excluded.blocks'),
        pageHtml: eb.ref('excluded.pageHtml'),
        createdBy: eb.ref('excluded.createdBy'),
        createdAt: new Date(),
      })),
    )
    .execute()

/**
 * The languages an edition's text is in besides its own, what a reading page offers to switch to, each
 * with when its text was last sent (a page kept for the text before is not served for it).
 */
export const translationLanguages = (db: Db, editionId: number) =>
  db
    .selectFrom('editionTranslations')
    .select(['lang', 'createdAt'])
    .where('editionId', '=', editionId)
    .orderBy('lang')
    .execute()

/** An edition's text in one language, as its reading page shows it. */
export const translationPage = (db: Db, editionId: number, lang: string) =>
  db
    .selectFrom('editionTranslations')
    .select(['title', 'pageHtml', 'blocks'])
    .where('editionId', '=', editionId)
    .where('lang', '=', lang)
    .executeTakeFirst()

/** The languages each edition of a guide has a text in besides its own, in one query for its editions page. */
export const translationLanguagesOfGuide = (db: Db, guideId: number) =>
  db
    .selectFrom('editionTranslations')
    .innerJoin('editions', 'editions.id', 'editionTranslations.editionId')
    .select(['editions.number', 'editionTranslations.lang'])
    .where('editions.guideId', '=', guideId)
    .orderBy('editions.number')
    .orderBy('editionTranslations.lang')
    .execute()

/**
 * Paragraphs changed since the edition before in one text but not the other (SPEC.md: a block changed
 * in one language but not the other is flagged to the editor): for each edition of a guide (or one) and
 * each language both it and the edition before have a text in, the blocks kept by key whose edition
 * text changed while the translation did not (`edition`), or the reverse (`translation`). One query.
 */
export const oneSidedChanges = (db: Db, guideId: number, editionNumber?: number) =>
  sql<{ number: number; lang: string; blockNumber: string; changed: 'edition' | 'translation' }>`
    select e.number, tb.lang, b.number as block_number,
           case when b.text <> pb.text then 'edition' else 'translation' end as changed
    from editions e
    join translation_blocks tb on tb.edition_id = e.id
    join blocks b on b.edition_id = e.id and b.key = tb.key
    join editions pe on pe.guide_id = e.guide_id and pe.number = e.number - 1
    join blocks pb on pb.edition_id = pe.id and pb.key = tb.key
    join translation_blocks ptb on ptb.edition_id = pe.id and ptb.lang = tb.lang and ptb.key = tb.key
    where e.guide_id = ${guideId}
      ${editionNumber === undefined ? sql`` : sql`and e.number = ${editionNumber}`}
      and (b.text <> pb.text) <> (tb.text <> ptb.text)
    order by e.number, tb.lang, b.ordinal`
    .execute(db)
    .then((result) => result.rows)

/**
 * For each edition of a guide without a text in a language the edition before has one in: that text's
 * source, which the editor's form offers to carry along to be changed where the revision changed.
 */
export const carriedTranslations = (db: Db, guideId: number) =>
  sql<{ number: number; lang: string; source: string }>`
    select e.number, t.lang, t.source
    from editions e
    join editions pe on pe.guide_id = e.guide_id and pe.number = e.number - 1
    join edition_translations t on t.edition_id = pe.id
    where e.guide_id = ${guideId}
      and not exists (select 1 from edition_translations mine where mine.edition_id = e.id and mine.lang = t.lang)
    order by e.number, t.lang`
    .execute(db)
    .then((result) => result.rows)
