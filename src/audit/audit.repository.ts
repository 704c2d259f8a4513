import type { Db } from '../db/database.ts'

export interface AuditEntry {
  actorId: number | null
  action: string
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

export const listAudit = (db: Db, options: { before?: number | undefined; limit: number }) => {
  let query = db
    .selectFrom('auditLog')
    .leftJoin('people', 'people.id', 'auditLog.actorId')
    .leftJoin('guides', 'guides.id', 'auditLog.guideId')
    .select([
      'auditLog.id',
      'auditLog.at',
      'auditLog.action',
      'auditLog.subject',
      'auditLog.detail',
      'auditLog.address',
      'people.displayName as actorName',
      'guides.slug as guideSlug',
    ])
    .orderBy('auditLog.id', 'desc')
    .limit(options.limit)
  if (options.before !== undefined) query = query.where('auditLog.id', '<', options.before)
  return query.execute()
}
