import { definedFields } from './defined-fields.ts'
import { sql } from 'kysely'
import type { Db } from '../platform/db/database.ts'
import { prepared } from '../platform/db/prepared.ts'
import { perTurn } from '../platform/db/per-turn.ts'
import type { GuideRole } from '../kernel/words.ts'
import type { Lang } from '../platform/i18n/languages.ts'

/** Serialises setting up an instance until the transaction ends: only the first to hold it sees no people. */
export const lockSetup = async (db: Db) => {
  await sql`select pg_advisory_xact_lock(1)`.execute(db)
}

export const countPeople = async (db: Db) =>
  (
    await db
      .selectFrom('people')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n

export const findPersonByEmail = (db: Db, email: string) =>
  db
    .selectFrom('people')
    .selectAll()
    .where('email', '=', email)
    .where('erasedAt', 'is', null)
    .executeTakeFirst()

export const findPersonById = (db: Db, id: number) =>
  db.selectFrom('people').selectAll().where('id', '=', id).where('erasedAt', 'is', null).executeTakeFirst()

export const insertPerson = (
  db: Db,
  person: {
    email: string
    displayName: string
    passwordHash: string
    isAdmin?: boolean
    /** The interface language they joined in, which their mail is written in until they choose another. */
    language?: Lang | undefined
  },
) => db.insertInto('people').values(person).returning(['id']).executeTakeFirstOrThrow()

export const updateProfile = (
  db: Db,
  id: number,
  profile: {
    displayName?: string | undefined
    organisation?: string | undefined
    description?: string | undefined
    language?: Lang | undefined
  },
) => {
  const values = definedFields(profile)
  return Object.keys(values).length === 0
    ? Promise.resolve()
    : db.updateTable('people').set(values).where('id', '=', id).execute()
}

export const setPasswordHash = (db: Db, id: number, passwordHash: string) =>
  db.updateTable('people').set({ passwordHash }).where('id', '=', id).execute()

export const setAdmin = (db: Db, id: number, isAdmin: boolean) =>
  db.updateTable('people').set({ isAdmin }).where('id', '=', id).execute()

/** Erasure keeps the row (comments point at it) and removes everything that identifies the person. */
export const erasePerson = (db: Db, id: number) =>
  db
    .updateTable('people')
    .set({
      email: null,
      displayName: 'a former participant',
      organisation: '',
      description: '',
      passwordHash: null,
      isAdmin: false,
      erasedAt: new Date(),
    })
    .where('id', '=', id)
    .execute()

export const listPeople = (db: Db) =>
  db
    .selectFrom('people')
    .select(['id', 'email', 'displayName', 'organisation', 'isAdmin', 'createdAt'])
    .where('erasedAt', 'is', null)
    .orderBy('id')
    .execute()

/** Up to `limit` people after the id `after` (from the first without it), oldest account first. */
export const peopleAfter = (db: Db, after: number | undefined, limit: number) =>
  db
    .selectFrom('people')
    .select(['id', 'email', 'displayName', 'organisation', 'isAdmin', 'createdAt'])
    .where('erasedAt', 'is', null)
    .$if(after !== undefined, (q) => q.where('id', '>', after ?? 0))
    .orderBy('id')
    .limit(limit)
    .execute()

// Sessions

export const insertSession = (
  db: Db,
  session: { personId: number; tokenHash: string; userAgent: string; expiresAt: Date },
) => db.insertInto('sessions').values(session).returning(['id']).executeTakeFirstOrThrow()

/** Live sessions joined to their people, each with every guide role they hold: one query, whatever the count. */
const liveSessionPeople = (db: Db, now: Date) =>
  db
    .selectFrom('sessions')
    .innerJoin('people', 'people.id', 'sessions.personId')
    .select((eb) => [
      'sessions.id as sessionId',
      'sessions.lastSeenAt',
      'people.id',
      'people.email',
      'people.displayName',
      'people.isAdmin',
      'people.language',
      sql<
        { guideId: number; role: GuideRole }[]
      >`coalesce((select json_agg(json_build_object('guideId', r.guide_id, 'role', r.role)) from roles r where r.person_id = ${eb.ref('people.id')}), '[]'::json)`.as(
        'roles',
      ),
    ])
    .where('sessions.revokedAt', 'is', null)
    .where('sessions.expiresAt', '>', now)
    .where('people.erasedAt', 'is', null)

/** The people behind live session tokens, each with every guide role they hold. */
const sessionPeople = prepared((db, p: { tokenHashes: string[]; now: Date }) =>
  liveSessionPeople(db, p.now)
    .select('sessions.tokenHash')
    .where(sql<boolean>`sessions.token_hash = any(${p.tokenHashes}::text[])`),
)

/**
 * The person behind a live session token, with every guide role they hold. Every request signed in
 * asks this first, so it is a prepared statement (prepared.ts), asked for the turn's requests together
 * (per-turn.ts).
 */
export const findSessionPerson = perTurn(async (db, tokenHashes: readonly string[]) => {
  const { rows } = await sessionPeople(db, { tokenHashes: [...tokenHashes], now: new Date() })
  const byHash = new Map(rows.map(({ tokenHash, ...person }) => [tokenHash, person]))
  return tokenHashes.map((hash) => byHash.get(hash))
})

/**
 * The people behind those of these sessions still live: how open event streams re-check who they are
 * serving (see src/live/viewer-watch.ts).
 */
export const findLiveSessionPeople = (db: Db, sessionIds: readonly number[]) =>
  sessionIds.length === 0
    ? Promise.resolve([])
    : liveSessionPeople(db, new Date()).where('sessions.id', 'in', sessionIds).execute()

export const touchSession = (db: Db, id: number) =>
  db.updateTable('sessions').set({ lastSeenAt: new Date() }).where('id', '=', id).execute()

export const listSessions = (db: Db, personId: number) =>
  db
    .selectFrom('sessions')
    .select(['id', 'userAgent', 'createdAt', 'lastSeenAt', 'expiresAt'])
    .where('personId', '=', personId)
    .where('revokedAt', 'is', null)
    .where('expiresAt', '>', new Date())
    .orderBy('lastSeenAt', 'desc')
    .execute()

export const revokeSession = (db: Db, personId: number, sessionId: number) =>
  db
    .updateTable('sessions')
    .set({ revokedAt: new Date() })
    .where('id', '=', sessionId)
    .where('personId', '=', personId)
    .where('revokedAt', 'is', null)
    .executeTakeFirst()

export const revokeSessionsOf = (db: Db, personId: number, except?: number) => {
  let query = db
    .updateTable('sessions')
    .set({ revokedAt: new Date() })
    .where('personId', '=', personId)
    .where('revokedAt', 'is', null)
  if (except !== undefined) query = query.where('id', '!=', except)
  return query.execute()
}

// Roles

export const setRole = (db: Db, guideId: number, personId: number, role: GuideRole) =>
  db
    .insertInto('roles')
    .values({ guideId, personId, role })
    .onConflict((oc) => oc.columns(['guideId', 'personId']).doUpdateSet({ role }))
    .execute()

export const removeRole = (db: Db, guideId: number, personId: number) =>
  db.deleteFrom('roles').where('guideId', '=', guideId).where('personId', '=', personId).executeTakeFirst()

export const setIntroduction = (db: Db, guideId: number, personId: number, introduction: string) =>
  db
    .updateTable('roles')
    .set({ introduction })
    .where('guideId', '=', guideId)
    .where('personId', '=', personId)
    .executeTakeFirst()

export const participantsOf = (db: Db, guideId: number) =>
  db
    .selectFrom('roles')
    .innerJoin('people', 'people.id', 'roles.personId')
    .select([
      'people.id',
      'people.displayName',
      'people.organisation',
      'people.description',
      'roles.role',
      'roles.introduction',
      // Their stable pseudonym in the guide, once they have one (they get it when first they comment).
      (eb) =>
        eb
          .selectFrom('pseudonyms')
          .select('pseudonyms.number')
          .whereRef('pseudonyms.personId', '=', 'people.id')
          .where('pseudonyms.guideId', '=', guideId)
          .as('pseudonym'),
    ])
    .where('roles.guideId', '=', guideId)
    .where('people.erasedAt', 'is', null)
    .orderBy('roles.role')
    .orderBy('people.displayName')
    .execute()

export const rolesOfPerson = (db: Db, personId: number) =>
  db
    .selectFrom('roles')
    .innerJoin('guides', 'guides.id', 'roles.guideId')
    .select(['guides.slug', 'guides.title', 'roles.role'])
    .where('roles.personId', '=', personId)
    .orderBy('guides.title')
    .execute()

// Settings

export async function readSetting<T>(db: Db, key: string, fallback: T): Promise<T> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst()
  return row ? (row.value as T) : fallback
}

export const writeSetting = (db: Db, key: string, value: unknown) =>
  db
    .insertInto('settings')
    .values({ key, value: JSON.stringify(value) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value) }))
    .execute()
