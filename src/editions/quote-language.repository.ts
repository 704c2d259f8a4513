import { sql } from 'kysely'
import type { Db } from '../platform/db/database.ts'
import type { LocatedQuote } from './quote-locator.ts'
import { quoteLanguage } from './quote-language.ts'

/**
 * The language of each quote among these comments (quote-language.ts): null for the edition's own text.
 * One query however many: the words each comment quoted, and its paragraph's texts in the edition it
 * was written on, which is where it took them from.
 */
export async function quoteLanguages(
  db: Db,
  commentIds: readonly number[],
): Promise<Map<number, string | null>> {
  const languages = new Map<number, string | null>()
  // In slices, each well inside the protocol's 65,535 parameters however many comments a revision carries.
  for (let start = 0; start < commentIds.length; start += SLICE) {
    for (const row of await originsOf(db, commentIds.slice(start, start + SLICE))) {
      if (!row.quote) continue
      const translations = new Map(row.langs.map((lang, i) => [lang, row.texts[i] ?? '']))
      languages.set(row.id, quoteLanguage(row.quote, { text: row.text, translations }))
    }
  }
  return languages
}

const SLICE = 5000

const originsOf = (db: Db, commentIds: readonly number[]) =>
  db
    .selectFrom('comments')
    .innerJoin('blocks', (join) =>
      join.onRef('blocks.editionId', '=', 'comments.editionId').onRef('blocks.key', '=', 'comments.blockKey'),
    )
    .select((eb) => [
      'comments.id',
      'comments.quote',
      'blocks.text',
      sql<string[]>`array(select tb.lang from translation_blocks tb
        where tb.edition_id = ${eb.ref('comments.editionId')} and tb.key = ${eb.ref('comments.blockKey')}
        order by tb.lang)`.as('langs'),
      sql<string[]>`array(select tb.text from translation_blocks tb
        where tb.edition_id = ${eb.ref('comments.editionId')} and tb.key = ${eb.ref('comments.blockKey')}
        order by tb.lang)`.as('texts'),
    ])
    .where('comments.id', 'in', commentIds)
    .where('comments.quote', 'is not', null)
    .execute()

/** A block of an edition in each of the edition's translations: language to text. */
export const translationsOfBlock = async (db: Db, editionId: number, key: string) =>
  new Map(
    (
      await db
        .selectFrom('translationBlocks')
        .select(['lang', 'text'])
        .where('editionId', '=', editionId)
        .where('key', '=', key)
        .execute()
    ).map((row) => [row.lang, row.text]),
  )

/** The comments carried into an edition onto a block with a quote: the words as last looked for. */
export const quotedPlacements = (db: Db, editionId: number) =>
  db
    .selectFrom('placements')
    .select(['commentId', 'blockKey', 'quote'])
    .where('editionId', '=', editionId)
    .where('blockKey', 'is not', null)
    .where('quote', 'is not', null)
    .execute()

/**
 * Where quotes were found again in an edition, in one statement however many, each recorded as an
 * event of the edition, so an open page's margin and threads follow, as they do an editor's placing.
 */
export async function saveFoundQuotes(
  db: Db,
  editionId: number,
  found: readonly { commentId: number; quote: LocatedQuote }[],
): Promise<void> {
  if (found.length === 0) return
  const rows = found.map((f) => ({ commentId: f.commentId, quote: f.quote.quote, status: f.quote.status }))
  await sql`
    with found as (
      select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        as f("commentId" integer, quote jsonb, status text)
    ), moved as (
      update placements set quote = found.quote, quote_status = found.status
      from found
      where placements.edition_id = ${editionId} and placements.comment_id = found."commentId"
      returning placements.comment_id
    )
    insert into events (edition_id, type, comment_id)
    select ${editionId}, 'comment.placed', comment_id from moved
  `.execute(db)
}
