import { sql } from 'kysely'
import type { Db } from '../../../src/platform/db/database.ts'

/**
 * What would show that a write was cut in half: each query lists rows that only a partly stored
 * edition or comment leaves behind. An edition is stored in one transaction with its blocks, its
 * lineage and its audit entry; a comment in one statement with its event.
 */
const CHECKS: Record<string, ReturnType<typeof sql<{ problem: string }>>> = {
  'an edition whose blocks are not all there': sql`
    select 'edition ' || e.id || ': ' || e.block_count || ' blocks promised, ' || count(b.ordinal) || ' stored' as problem
    from editions e left join blocks b on b.edition_id = e.id
    group by e.id having e.block_count <> count(b.ordinal)`,
  'a revised edition with a block that has no lineage': sql`
    select 'edition ' || e.id || ', block ' || b.key as problem
    from editions e join blocks b on b.edition_id = e.id
    left join lineage l on l.edition_id = e.id and l.block_key = b.key
    where e.number > 1 and l.block_key is null`,
  'lineage that names a block the edition does not have': sql`
    select 'edition ' || l.edition_id || ', key ' || l.block_key as problem
    from lineage l left join blocks b on b.edition_id = l.edition_id and b.key = l.block_key
    where l.change <> 'removed' and b.key is null`,
  'a guide whose edition numbers have a gap': sql`
    select 'guide ' || guide_id as problem from editions group by guide_id having count(*) <> max(number)`,
  'a revised edition without its audit entry': sql`
    select 'edition ' || e.id as problem
    from editions e join guides g on g.id = e.guide_id
    where e.number > 1 and not exists (
      select 1 from audit_log a where a.action = 'edition.created' and a.subject = g.slug || ' ' || e.number)`,
  'an audit entry for an edition that is not there': sql`
    select a.subject as problem from audit_log a
    where a.action = 'edition.created' and not exists (
      select 1 from editions e join guides g on g.id = e.guide_id where a.subject = g.slug || ' ' || e.number)`,
  'a comment without the event that announced it': sql`
    select 'comment ' || c.id as problem from comments c
    where not exists (select 1 from events ev where ev.comment_id = c.id and ev.type = 'comment.created')`,
}

/** Every sign of a half-written edition or comment, as "what: where" lines; empty when there is none. */
export async function halfWritten(db: Db): Promise<string[]> {
  const found: string[] = []
  for (const [what, query] of Object.entries(CHECKS))
    for (const row of (await query.execute(db)).rows) found.push(`${what}: ${row.problem}`)
  return found
}
