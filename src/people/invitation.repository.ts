import { sql } from 'kysely'
import type { Db } from '../platform/db/database.ts'
import type { GuideRole } from '../kernel/words.ts'

export const insertInvitation = (
  db: Db,
  invitation: {
    guideId: number
    role: GuideRole
    tokenHash: string
    createdBy: number
    expiresAt: Date
    maxUses: number
    note: string
  },
) => db.insertInto('invitations').values(invitation).returning(['id']).executeTakeFirstOrThrow()

/** A guide's invitations, newest first, with who made each. */
export const invitationsOf = (db: Db, guideId: number) =>
  db
    .selectFrom('invitations')
    .innerJoin('people', 'people.id', 'invitations.createdBy')
    .select([
      'invitations.id',
      'invitations.role',
      'invitations.expiresAt',
      'invitations.maxUses',
      'invitations.uses',
      'invitations.revokedAt',
      'invitations.createdAt',
      'invitations.note',
      'people.displayName as createdBy',
    ])
    .where('invitations.guideId', '=', guideId)
    .orderBy('invitations.id', 'desc')
    .execute()

/** Withdraws a guide's invitation; false if there was none to withdraw. */
export const withdrawInvitation = async (db: Db, guideId: number, id: number) =>
  (
    await db
      .updateTable('invitations')
      .set({ revokedAt: new Date() })
      .where('id', '=', id)
      .where('guideId', '=', guideId)
      .where('revokedAt', 'is', null)
      .executeTakeFirst()
  ).numUpdatedRows > 0n

export const invitationByToken = (db: Db, tokenHash: string) =>
  db
    .selectFrom('invitations')
    .innerJoin('guides', 'guides.id', 'invitations.guideId')
    .select([
      'invitations.role',
      'invitations.expiresAt',
      'invitations.maxUses',
      'invitations.uses',
      'invitations.revokedAt',
      'invitations.guideId',
      'guides.slug',
      'guides.title',
      'guides.namesPublic',
      'guides.names',
    ])
    .where('invitations.tokenHash', '=', tokenHash)
    .executeTakeFirst()

/** Takes one use of a usable invitation in one statement, so two people cannot take its last use. */
export const useInvitation = (db: Db, tokenHash: string) =>
  db
    .updateTable('invitations')
    .set({ uses: sql`uses + 1` })
    .where('tokenHash', '=', tokenHash)
    .where('revokedAt', 'is', null)
    .where('expiresAt', '>', new Date())
    .where(sql<boolean>`uses < max_uses`)
    .returning(['id', 'guideId', 'role'])
    .executeTakeFirst()

export const roleIn = (db: Db, guideId: number, personId: number) =>
  db
    .selectFrom('roles')
    .select('role')
    .where('guideId', '=', guideId)
    .where('personId', '=', personId)
    .executeTakeFirst()
