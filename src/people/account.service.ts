import type { z } from 'zod'
import type { Config } from '../config.ts'
import type { Db } from '../platform/db/database.ts'
import { conflict, DomainError, forbidden, invalid, notFound } from '../kernel/errors.ts'
import { recordAudit } from '../audit/audit.repository.ts'
import { eraseAccount } from '../privacy/erasure.repository.ts'
import { retireResetLinks } from './credentials.repository.ts'
import { knownDevice, newDeviceToken } from './known-device.service.ts'
import { DUMMY_HASH, hashPassword, verifyPassword } from './password.ts'
import {
  countPeople,
  lockSetup,
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
import { beforePasswordCheck, countPasswordWork } from './sign-in-limits.ts'
import { hashToken, newToken } from './tokens.ts'
import { languageJoinedIn, type SignedInPerson, type Viewer } from './viewer.ts'
import { withTransaction } from '../platform/db/transaction.ts'
import { fieldMessage } from '../platform/i18n/field-messages.ts'

export const SESSION_DAYS = 30

/** Whether the instance still waits for its first account (the setup page). */
export const needsSetup = async (db: Db) => (await countPeople(db)) === 0

/** Whether anyone may make an account without an invitation. */
export const signUpOpen = (db: Db) => readSetting(db, 'openSignUp', false)

export interface NewSession {
  token: string
  expiresAt: Date
  /** The known-browser cookie for this person (src/people/known-device.service.ts). */
  device: string
}

const WRONG = () => new DomainError('sign-in-failed', 'That email and password do not match an account.')
const SET_UP = () => conflict('This instance is already set up.')

/**
 * Refuses a new account for an email that has one. Sign-up and invitations have no mail to prove an
 * address, so this answer is the one thing that tells a registered email; it comes only after every
 * other check and the per-address limit, and says the same however the request was made.
 */
export const emailTaken = () =>
  new DomainError(
    'email-taken',
    'An account cannot be made with that email address. If it is yours, sign in with it instead.',
    [{ pointer: '/email', detail: fieldMessage('field.emailTaken') }],
  )

export async function startSession(db: Db, personId: number, userAgent: string): Promise<NewSession> {
  const token = newToken()
  const expiresAt = new Date(Date.now() + SESSION_DAYS * 86_400_000)
  await insertSession(db, {
    personId,
    tokenHash: hashToken(token),
    userAgent: userAgent.slice(0, 200),
    expiresAt,
  })
  return { token, expiresAt, device: await newDeviceToken(db, personId) }
}

/** The first account on an empty instance, made admin. Refused (409) once anyone exists. */
export async function setup(
  db: Db,
  config: Config,
  input: z.infer<typeof NewAccount>,
  viewer: Viewer,
  userAgent: string,
) {
  if (!(await needsSetup(db))) throw SET_UP()
  await countPasswordWork(db, config.rateLimits, viewer.address)
  const passwordHash = await hashPassword(input.password)
  return withTransaction(db, async (tx) => {
    await lockSetup(tx)
    if ((await countPeople(tx)) > 0) throw SET_UP()
    const person = await insertPerson(tx, {
      email: input.email,
      displayName: input.displayName,
      passwordHash,
      isAdmin: true,
      language: languageJoinedIn(viewer),
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
 * Signs in. Limited as src/people/sign-in-limits.ts explains, across processes; a wrong email and a
 * wrong password get the same answer after the same work, so neither reveals whether an email is
 * registered. `deviceToken` is the browser's known-browser cookie, if any.
 */
export async function signIn(
  db: Db,
  config: Config,
  input: z.infer<typeof SignIn>,
  viewer: Viewer,
  userAgent: string,
  deviceToken?: string,
) {
  const person = await findPersonByEmail(db, input.email)
  const device = await knownDevice(db, deviceToken, person?.id)
  const check = await beforePasswordCheck(db, config.rateLimits, {
    email: input.email,
    address: viewer.address,
    device,
  })
  const ok = await verifyPassword(input.password, person?.passwordHash ?? DUMMY_HASH)
  if (!person || !ok) {
    await recordAudit(db, {
      actorId: person?.id ?? null,
      action: 'sign-in.failed',
      // An address typed for no account is someone else's, or a guess: not kept (the entry says only that).
      subject: person ? input.email : '',
      address: viewer.address,
    })
    throw WRONG()
  }
  await check.passed()
  return withTransaction(db, async (tx) => {
    await recordAudit(tx, { actorId: person.id, action: 'sign-in', address: viewer.address })
    return { personId: person.id, session: await startSession(tx, person.id, userAgent) }
  })
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
    language: row.language,
    roles: (await rolesOfPerson(db, row.id)).map((r) => ({ guide: r.slug, title: r.title, role: r.role })),
  }
}

export const changeProfile = (db: Db, person: SignedInPerson, input: z.infer<typeof Profile>) =>
  updateProfile(db, person.id, input)

/**
 * Checks a signed-in person's password before something only they may do. Guesses count, and are
 * audited, as failed sign-ins are, so a stolen session is not an unlimited way to learn the password.
 */
async function confirmPassword(
  db: Db,
  config: Config,
  person: SignedInPerson,
  address: string,
  password: string,
  refusal: () => DomainError,
) {
  const row = await findPersonById(db, person.id)
  const check = await beforePasswordCheck(db, config.rateLimits, { email: person.email, address })
  if (!row?.passwordHash || !(await verifyPassword(password, row.passwordHash))) {
    await recordAudit(db, { actorId: person.id, action: 'password.check-failed', address })
    throw refusal()
  }
  await check.passed()
  return row
}

/** A new password ends every other session of the account, and every reset link made for it. */
export async function changePassword(
  db: Db,
  config: Config,
  person: SignedInPerson,
  address: string,
  input: z.infer<typeof PasswordChange>,
) {
  await confirmPassword(db, config, person, address, input.currentPassword, () =>
    invalid('Your current password is not right.', [
      { pointer: '/currentPassword', detail: fieldMessage('field.currentPasswordWrong') },
    ]),
  )
  const passwordHash = await hashPassword(input.newPassword)
  await withTransaction(db, async (tx) => {
    await setPasswordHash(tx, person.id, passwordHash)
    await retireResetLinks(tx, person.id)
    await revokeSessionsOf(tx, person.id, person.sessionId)
    await recordAudit(tx, { actorId: person.id, action: 'password.changed' })
  })
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

/**
 * Erasure: what the person wrote stays, attributed to "a former participant"; their personal data goes,
 * their email included from the audit log and the sign-in counters.
 */
export async function erase(
  db: Db,
  config: Config,
  person: SignedInPerson,
  address: string,
  password: string,
) {
  const row = await confirmPassword(db, config, person, address, password, () =>
    invalid('Your password is not right.', [
      { pointer: '/password', detail: fieldMessage('field.passwordWrong') },
    ]),
  )
  await withTransaction(db, async (tx) => {
    await eraseAccount(tx, person.id, row.email)
    await recordAudit(tx, { actorId: person.id, action: 'account.erased' })
  })
}

/** Open sign-up, when the instance allows it: an account with no role, who may comment on open guides. */
export async function signUp(
  db: Db,
  config: Config,
  input: z.infer<typeof NewAccount>,
  viewer: Viewer,
  userAgent: string,
) {
  if (!(await signUpOpen(db))) throw forbidden('This instance takes new people by invitation only.')
  await countPasswordWork(db, config.rateLimits, viewer.address)
  if (await findPersonByEmail(db, input.email)) throw emailTaken()
  const passwordHash = await hashPassword(input.password)
  // The account, its audit entry and its first session commit together, or none is kept.
  return withTransaction(db, async (tx) => {
    const person = await insertPerson(tx, {
      email: input.email,
      displayName: input.displayName,
      passwordHash,
      language: languageJoinedIn(viewer),
    })
    await recordAudit(tx, {
      actorId: person.id,
      action: 'account.created',
      subject: 'open sign-up',
      address: viewer.address,
    })
    return { personId: person.id, session: await startSession(tx, person.id, userAgent) }
  })
}
