import { sql } from 'kysely'
import type { Db } from '../platform/db/database.ts'
import type { AuditAction } from './audit-actions.ts'

export interface AuditEntry {
  actorId: number | null
  action: AuditAction
  guideId?: number | null
  subject?: string
  detail?: Record<string, unknown>
  address?: string
}

/** Appends to the audit log (the table refuses updates and deletes). */
export const recordAudit = (db: Db, entry: AuditEntry) =>
  db
    .insertInto('auditLog')
    .values({
      actorId: entry.actorId,
      action: entry.action,
      guideId: entry.guideId ?? null,
      subject: entry.subject ?? '',
      detail: JSON.stringify(entry.detail ?? {}),
      address: entry.address ?? '',
    })
    .execute()

/**
 * A page of the log, newest first, with the names its sentences need in the same query: whose comment
 * a moderation or decision was about, whose role was changed (their subjects hold the row's id).
 */
export const listAudit = (db: Db, options: { before?: number | undefined; limit: number }) => {
  let query = db
    .selectFrom('auditLog')
    .leftJoin('people', 'people.id', 'auditLog.actorId')
    .leftJoin('guides', 'guides.id', 'auditLog.guideId')
    .leftJoin('comments', (join) =>
      join
        .on('auditLog.action', 'like', 'comment.%')
        .on(sql<string>`cast(${sql.ref('comments.id')} as text)`, '=', sql.ref('auditLog.subject')),
    )
    .leftJoin('people as commentAuthor', 'commentAuthor.id', 'comments.authorId')
    .leftJoin('people as rolePerson', (join) =>
      join
        .on('auditLog.action', 'like', 'role.%')
        .on(sql<string>`cast(${sql.ref('rolePerson.id')} as text)`, '=', sql.ref('auditLog.subject')),
    )
    .select([
      'auditLog.id',
      'auditLog.at',
      'auditLog.action',
      'auditLog.subject',
      'auditLog.detail',
      'auditLog.address',
      'people.displayName as actorName',
      // Erasure leaves "a former participant" as the name, in English: the page says it in its reader's language.
      sql<boolean>`${sql.ref('people.erasedAt')} is not null`.as('actorErased'),
      'guides.slug as guideSlug',
      sql<
        string | null
      >`case when ${sql.ref('commentAuthor.erasedAt')} is null then ${sql.ref('commentAuthor.displayName')} end`.as(
        'commentAuthorName',
      ),
      'rolePerson.displayName as subjectPersonName',
      sql<boolean>`${sql.ref('rolePerson.erasedAt')} is not null`.as('subjectPersonErased'),
    ])
    .orderBy('auditLog.id', 'desc')
    .limit(options.limit)
  if (options.before !== undefined) query = query.where('auditLog.id', '<', options.before)
  return query.execute()
}

/**
 * Takes an erased person's email out of every entry naming it (failed sign-ins and setup record the
 * email typed), leaving the entries. Run inside the erasure's transaction: the log's trigger lets this
 * one change through only while `gloss.audit_erasure` is set, and only for that transaction.
 */
export async function forgetEmailInAudit(db: Db, email: string, replacement: string): Promise<void> {
  // Emails are stored lower-cased, and jsonb writes a string's characters as JSON.stringify does.
  const inJson = JSON.stringify(email).slice(1, -1)
  await sql`select set_config('gloss.audit_erasure', 'on', true)`.execute(db)
  await sql`
    update audit_log set
      subject = replace(subject, ${email}, ${replacement}),
      detail = replace(detail::text, ${inJson}, ${replacement})::jsonb
    where strpos(subject, ${email}) > 0 or strpos(detail::text, ${inJson}) > 0`.execute(db)
  await sql`select set_config('gloss.audit_erasure', 'off', true)`.execute(db)
}

/**
 * Blanks the network address of every entry recorded before `before` (address expiry,
 * src/privacy/address-expiry.service.ts). The log's trigger lets only this change through, and only
 * while `gloss.audit_address_expiry` is set, for the caller's transaction alone.
 */
export async function forgetAddressesInAudit(db: Db, before: Date): Promise<number> {
  await sql`select set_config('gloss.audit_address_expiry', 'on', true)`.execute(db)
  const { numAffectedRows } = await sql`
    update audit_log set address = '' where at < ${before} and address <> ''`.execute(db)
  await sql`select set_config('gloss.audit_address_expiry', 'off', true)`.execute(db)
  return Number(numAffectedRows ?? 0)
}
