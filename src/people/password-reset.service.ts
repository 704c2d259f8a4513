import type { Config } from '../config.ts'
import type { Db } from '../platform/db/database.ts'
import { DomainError, notFound } from '../kernel/errors.ts'
import { recordAudit } from '../audit/audit.repository.ts'
import {
  findUsableResetLink,
  insertResetLink,
  retireResetLinks,
  useResetLink,
} from './credentials.repository.ts'
import { hashPassword } from './password.ts'
import { findPersonById, revokeSessionsOf, setPasswordHash } from './people.repository.ts'
import { authoriseOnInstance } from './policy.ts'
import { countPasswordWork } from './sign-in-limits.ts'
import { hashToken, looksLikeToken, newToken } from './tokens.ts'
import type { Viewer } from './viewer.ts'
import { withTransaction } from '../platform/db/transaction.ts'

const unusable = () =>
  new DomainError('reset-unusable', 'This reset link has expired, been used or been replaced by a newer one.')

/** With no mail server, an admin makes a one-time link and hands it over; it replaces any earlier one. */
export async function makeResetLink(db: Db, viewer: Viewer, personId: number, origin: string) {
  authoriseOnInstance(viewer, 'manage-people')
  if (!(await findPersonById(db, personId))) throw notFound('That person')
  const token = newToken()
  const expiresAt = new Date(Date.now() + 86_400_000)
  await withTransaction(db, async (tx) => {
    await retireResetLinks(tx, personId)
    await insertResetLink(tx, {
      personId,
      tokenHash: hashToken(token),
      createdBy: viewer.person?.id ?? 0,
      expiresAt,
    })
    await recordAudit(tx, {
      actorId: viewer.person?.id ?? null,
      action: 'password.reset-link',
      subject: String(personId),
    })
  })
  return { url: `${origin}/reset/${token}`, token, expiresAt }
}

/**
 * Uses a reset link once: a new password, every session of the account ends, and every other link
 * made for it stops working. The link is checked, and the address counted, before the password is
 * hashed, so a made-up link costs the server nothing.
 */
export async function resetPassword(db: Db, config: Config, viewer: Viewer, token: string, password: string) {
  if (!looksLikeToken(token)) throw notFound('That reset link')
  const tokenHash = hashToken(token)
  if (!(await findUsableResetLink(db, tokenHash))) throw unusable()
  await countPasswordWork(db, config.rateLimits, viewer.address)
  const passwordHash = await hashPassword(password)
  await withTransaction(db, async (tx) => {
    const reset = await useResetLink(tx, tokenHash)
    if (!reset) throw unusable()
    await setPasswordHash(tx, reset.personId, passwordHash)
    await retireResetLinks(tx, reset.personId)
    await revokeSessionsOf(tx, reset.personId)
    await recordAudit(tx, { actorId: reset.personId, action: 'password.reset', address: viewer.address })
  })
}
