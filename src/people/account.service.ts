import { sql } from 'kysely'
import type { z } from 'zod'
import type { Config } from '../config.ts'
import type { Db } from '../db/database.ts'
import { conflict, DomainError, forbidden, invalid, notFound } from '../errors.ts'
import { recordAudit } from '../audit/audit.repository.ts'
import { DUMMY_HASH, hashPassword, verifyPassword } from './password.ts'
import {
  countPeople,
  erasePerson,
  findPersonByEmail,
  findPersonById,
  insertPerson,
  insertSession,
  listSessions,
  readSetting,
  revokeSession,
  revokeSessionsOf,
  rolesOfPerson,
  setPasswordHash,
  updateProfile,
} from './people.repository.ts'
import type { NewAccount, PasswordChange, Profile, SignIn } from './people.schemas.ts'
import { hit } from './rate-limit.ts'
import { hashToken, newToken } from './tokens.ts'
import type { SignedInPerson, Viewer } from './viewer.ts'

export const SESSION_DAYS = 30

/** Whether the instance still waits for its first account (the setup page). */
export const needsSetup = async (db: Db) => (await countPeople(db)) === 0

/** Whether anyone may make an account without an invitation. */
export const signUpOpen = (db: Db) => readSetting(db, 'openSignUp', false)

export interface NewSession {
  token: string
  expiresAt: Date
}

const WRONG = () => new DomainError(401, 'sign-in-failed', 'That email and password do not match an account.')

export async function startSession(db: Db, personId: number, userAgent: string): Promise<NewSession> {
  const token = newToken()
  const expiresAt = new Date(Date.now() + SESSION_DAYS * 86_400_000)
  await insertSession(db, {
    personId,
    tokenHash: hashToken(token),
    userAgent: userAgent.slice(0, 200),
    expiresAt,
  })
  return { token, expiresAt }
}

/** The first account on an empty instance, made admin. Refused (409) once anyone exists. */
export async function setup(db: Db, input: z.infer<typeof NewAccount>, viewer: Viewer, userAgent: string) {
  const passwordHash = await hashPassword(input.password)
  return db.transaction().execute(async (tx) => {
    // Serialises concurrent setups: only the first to take the lock sees an empty table.
    await sql`select pg_advisory_xact_lock(1)`.execute(tx)
    if ((await countPeople(tx)) > 0) throw conflict('This instance is already set up.')
    const person = await insertPerson(tx, {
      email: input.email,
      displayName: input.displayName,
      passwordHash,
      isAdmin: true,
    })
    await recordAudit(tx, {
      actorId: person.id,
      action: 'instance.setup',
      subject: input.email,
      address: viewer.address,
    })
    return { personId: person.id, session: await startSession(tx, person.id, userAgent) }
  })
}

/**
 * Signs in. Limited per account and per address across processes; a wrong email and a wrong password
 * get the same answer after the same work, so neither reveals whether an email is registered.
 */
export async function signIn(
  db: Db,
  config: Config,
  input: z.infer<typeof SignIn>,
  viewer: Viewer,
  userAgent: string,
) {
  const limits = config.rateLimits
  if (limits.enabled) {
    await hit(db, {
      bucket: `sign-in:address:${viewer.address}`,
      max: limits.signInPerAddress,
      windowSeconds: limits.signInWindowSeconds,
    })
    await hit(db, {
      bucket: `sign-in:account:${input.email}`,
      max: limits.signInPerAccount,
      windowSeconds: limits.signInWindowSeconds,
    })
  }
  const person = await findPersonByEmail(db, input.email)
  const ok = await verifyPassword(input.password, person?.passwordHash ?? DUMMY_HASH)
  if (!person || !ok) {
    await recordAudit(db, {
      actorId: person?.id ?? null,
      action: 'sign-in.failed',
      subject: input.email,
      address: viewer.address,
    })
    throw WRONG()
  }
  await recordAudit(db, { actorId: person.id, action: 'sign-in', address: viewer.address })
  return { personId: person.id, session: await startSession(db, person.id, userAgent) }
}

export async function me(db: Db, person: SignedInPerson) {
  const row = await findPersonById(db, person.id)
  if (!row) throw notFound('Your account')
  return {
    id: String(row.id),
    email: row.email,
    displayName: row.displayName,
    organisation: row.organisation,
    description: row.description,
    isAdmin: row.isAdmin,
    roles: (await rolesOfPerson(db, row.id)).map((r) => ({ guide: r.slug, title: r.title, role: r.role })),
  }
}

export const changeProfile = (db: Db, person: SignedInPerson, input: z.infer<typeof Profile>) =>
  updateProfile(db, person.id, input)

/** A new password ends every other session of the account. */
export async function changePassword(db: Db, person: SignedInPerson, input: z.infer<typeof PasswordChange>) {
  const row = await findPersonById(db, person.id)
  if (!row?.passwordHash || !(await verifyPassword(input.currentPassword, row.passwordHash))) {
    throw invalid('Your current password is not right.', [
      { pointer: '/currentPassword', detail: 'This is not your current password.' },
    ])
  }
  await setPasswordHash(db, person.id, await hashPassword(input.newPassword))
  await revokeSessionsOf(db, person.id, person.sessionId)
  await recordAudit(db, { actorId: person.id, action: 'password.changed' })
}

export async function sessionsOf(db: Db, person: SignedInPerson) {
  return (await listSessions(db, person.id)).map((s) => ({
    id: String(s.id),
    userAgent: s.userAgent,
    createdAt: s.createdAt,
    lastSeenAt: s.lastSeenAt,
    expiresAt: s.expiresAt,
    current: s.id === person.sessionId,
  }))
}

export async function revoke(db: Db, person: SignedInPerson, sessionId: number) {
  const result = await revokeSession(db, person.id, sessionId)
  if (result.numUpdatedRows === 0n) throw notFound('That session')
}

export const signOut = (db: Db, person: SignedInPerson) => revokeSession(db, person.id, person.sessionId)

/** Erasure: what the person wrote stays, attributed to "a former participant"; their personal data goes. */
export async function erase(db: Db, person: SignedInPerson, password: string) {
  const row = await findPersonById(db, person.id)
  if (!row?.passwordHash || !(await verifyPassword(password, row.passwordHash))) {
    throw invalid('Your password is not right.', [
      { pointer: '/password', detail: 'This is not your password.' },
    ])
  }
  await db.transaction().execute(async (tx) => {
    await revokeSessionsOf(tx, person.id)
    await erasePerson(tx, person.id)
    await recordAudit(tx, { actorId: person.id, action: 'account.erased' })
  })
}

/** Open sign-up, when the instance allows it: an account with no role, who may comment on open guides. */
export async function signUp(db: Db, input: z.infer<typeof NewAccount>, viewer: Viewer, userAgent: string) {
  if (!(await signUpOpen(db))) throw forbidden('This instance takes new people by invitation only.')
  if (await findPersonByEmail(db, input.email))
    throw conflict('An account with that email already exists; sign in instead.')
  const passwordHash = await hashPassword(input.password)
  const person = await insertPerson(db, { email: input.email, displayName: input.displayName, passwordHash })
  await recordAudit(db, {
    actorId: person.id,
    action: 'account.created',
    subject: 'open sign-up',
    address: viewer.address,
  })
  return { personId: person.id, session: await startSession(db, person.id, userAgent) }
}
