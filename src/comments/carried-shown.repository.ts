import { sql } from 'kysely'
import type { Decision } from '../kernel/words.ts'

/**
 * The one rule for where a comment carried into a later edition shows there. Threads and their counts,
 * "comments on removed text", triage, the lineage preview, the `block.revised` notice and the exports
 * all ask this, so no two views disagree about where a comment went and none loses it. A carried
 * comment shows in an edition when
 * - it is under "comments on removed text" there: those are never dropped;
 * - an editor placed it there: their explicit act wins over its decision, so placing a decided comment
 *   shows it where it was put rather than hiding it;
 * - it is still open (no released decision): feedback still waiting follows its paragraph;
 * - it was decided once that edition had been made: a decision taken on this edition's pages (its
 *   triage, its threads) stays on them, rather than the comment vanishing from where it was decided.
 * Otherwise (decided before the edition was made) it stays with its decision in the edition it was
 * decided in, and the later edition does not show it.
 */
export const carriedShows = (placements: string, top: string) =>
  sql<boolean>`(${sql.ref(`${placements}.blockKey`)} is null
    or ${sql.ref(`${placements}.placedBy`)} = 'editor'
    or ${sql.ref(`${top}.decision`)} = 'open'
    or ${sql.ref(`${top}.decidedAt`)} >= (select shown_in.created_at from editions shown_in
      where shown_in.id = ${sql.ref(`${placements}.editionId`)}))`

/**
 * The same rule for an edition about to be made (the lineage preview): nobody has placed anything in it
 * and nothing has been decided since it was made, so a comment shows there when it lands on removed
 * text or is open.
 */
export const showsWhenCarried = (landing: { toKey: string | null; decision: Decision }) =>
  landing.toKey === null || landing.decision === 'open'
