import { sql, type ExpressionBuilder } from 'kysely'
import type { DB } from '../platform/db/schema.ts'

/**
 * A notice stays only while its subject is still the person's to see, decided as each list is read (in
 * the list's one query): a comment hidden or withdrawn since is gone, and so is anything on a draft
 * edition once the person is no longer an admin or an editor of its guide (the rule of
 * people/policy.ts), or on anything once they are erased. The list, the unread count and the mail
 * that carries notices all use this one rule.
 */
export const stillVisible = (eb: ExpressionBuilder<DB, 'notices'>) =>
  eb.and([
    eb.not(
      eb.exists(
        eb
          .selectFrom('comments')
          .select('comments.id')
          .where(sql<boolean>`comments.id = (notices.subject ->> 'commentId')::int`)
          .where((c) =>
            c.or([
              c('comments.state', '<>', 'published'),
              // Kept for the editors since: no longer anyone else's to see (src/people/policy.ts).
              c.and([
                c('comments.public', '=', false),
                c('comments.authorId', '<>', c.ref('notices.personId')),
              ]),
            ]),
          ),
      ),
    ),
    sql<boolean>`exists (
      select 1 from editions e join people p on p.id = notices.person_id
      where e.guide_id = notices.guide_id and e.number = (notices.subject ->> 'editionNumber')::int
        and p.erased_at is null
        and (e.state <> 'draft' or p.is_admin or exists (
          select 1 from roles r
          where r.person_id = p.id and r.guide_id = notices.guide_id and r.role = 'editor'))
    )`,
  ])
