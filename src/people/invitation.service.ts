import type { z } from 'zod'
import type { Config } from '../config.ts'
import type { Db } from '../platform/db/database.ts'
import { DomainError, invalid, notFound } from '../kernel/errors.ts'
import { recordAudit } from '../audit/audit.repository.ts'
import { findGuideBySlug, findGuideById, findGuideWithEditionIn } from '../guides/guide.repository.ts'
import { PUBLIC_STATES } from '../guides/reading.service.ts'
import { hashPassword } from './password.ts'
import { findPersonByEmail, insertPerson, setRole } from './people.repository.ts'
import type { AcceptInvitation, NewInvitation } from './people.schemas.ts'
import { authorise } from './policy.ts'
import { hashToken, looksLikeToken, newToken } from './tokens.ts'
import { emailTaken, startSession } from './account.service.ts'
import { countPasswordWork } from './sign-in-limits.ts'
import { languageJoinedIn, type Viewer } from './viewer.ts'
import { withTransaction } from '../platform/db/transaction.ts'
import { queueInvitationMail } from '../mail/invitation-mail.service.ts'
import {
  insertInvitation,
  invitationByToken,
  invitationsOf,
  roleIn,
  useInvitation,
  withdrawInvitation,
} from './invitation.repository.ts'
import { fieldMessage } from '../platform/i18n/field-messages.ts'

const gone = () =>
  new DomainError('invitation-unusable', 'This invitation has expired, been used up or been withdrawn.')

async function guideFor(db: Db, slug: string) {
  const guide = await findGuideBySlug(db, slug)
  if (!guide) throw notFound(`The guide "${slug}"`)
  return guide
}

/**
 * How many people may join by an invitation its maker left unbounded: one for an editor's, so a link
 * forwarded on cannot make more editors than were invited; a group's worth for a reviewer's.
 */
export const DEFAULT_USES = { editor: 1, reviewer: 50 } as const

/** An invitation link for a role on a guide; the token is shown once, only its hash is kept. */
export async function createInvitation(
  db: Db,
  viewer: Viewer,
  slug: string,
  input: z.infer<typeof NewInvitation>,
  origin: string,
  /** Whom the link is for, in the editors' words; only they see it. */
  note = '',
  /** Whether the instance has a mail server to send the link to `input.emails` with. */
  mailEnabled = false,
) {
  const guide = await guideFor(db, slug)
  authorise(viewer, 'invite', guide)
  const person = viewer.person
  if (!person) throw notFound('You')
  const emails = [...new Set(input.emails ?? [])]
  if (emails.length > 0 && !mailEnabled)
    throw invalid('This site has no mail server, so the link cannot be sent by email: copy it instead.', [
      { pointer: '/emails', detail: fieldMessage('field.noMail') },
    ])
  const maxUses = input.maxUses ?? DEFAULT_USES[input.role]
  const token = newToken()
  const expiresAt = new Date(Date.now() + input.expiresInDays * 86_400_000)
  // The invitation and its audit entry commit together, or neither is kept.
  const row = await withTransaction(db, async (tx) => {
    const made = await insertInvitation(tx, {
      guideId: guide.id,
      role: input.role,
      tokenHash: hashToken(token),
      createdBy: person.id,
      expiresAt,
      maxUses,
      note,
    })
    await recordAudit(tx, {
      actorId: person.id,
      action: 'invitation.created',
      guideId: guide.id,
      subject: input.role,
      detail: { invitation: made.id, maxUses },
    })
    return made
  })
  const url = `${origin}/invitations/${token}`
  if (emails.length > 0)
    await queueInvitationMail(db, {
      invitationId: row.id,
      url,
      emails,
      guideTitle: guide.title,
      role: input.role,
      inviterName: person.displayName,
      expiresAt: expiresAt.toISOString(),
      // The mail is written in the language the inviter is using: the invitee has not chosen one yet.
      language: viewer.lang ?? 'en',
    })
  return {
    id: String(row.id),
    url,
    token,
    role: input.role,
    expiresAt,
    maxUses,
    uses: 0,
    note,
    ...(emails.length > 0 ? { emailed: emails } : {}),
  }
}

export const listInvitations = async (db: Db, viewer: Viewer, slug: string) =>
  (await guideInvitations(db, viewer, slug)).invitations

/** A guide's invitations with the guide they invite to, for its invitations page. */
export async function guideInvitations(db: Db, viewer: Viewer, slug: string) {
  const guide = await guideFor(db, slug)
  authorise(viewer, 'invite', guide)
  const rows = await invitationsOf(db, guide.id)
  return { guide, invitations: rows.map((r) => ({ ...r, id: String(r.id) })) }
}

export async function revokeInvitation(db: Db, viewer: Viewer, slug: string, id: number) {
  const guide = await guideFor(db, slug)
  authorise(viewer, 'invite', guide)
  await withTransaction(db, async (tx) => {
    if (!(await withdrawInvitation(tx, guide.id, id))) throw notFound('That invitation')
    await recordAudit(tx, {
      actorId: viewer.person?.id ?? null,
      action: 'invitation.revoked',
      guideId: guide.id,
      detail: { invitation: id },
    })
  })
}

/** What an invitation offers, for the page that accepts it (no secrets). */
export async function describeInvitation(db: Db, token: string) {
  if (!looksLikeToken(token)) throw notFound('That invitation')
  const row = await invitationByToken(db, hashToken(token))
  if (!row) throw notFound('That invitation')
  const usable = !row.revokedAt && row.expiresAt > new Date() && row.uses < row.maxUses
  // Whoever joins is told beforehand whether the public will read their name beside their comments.
  return {
    guide: row.slug,
    title: row.title,
    role: row.role,
    namesPublic: row.namesPublic,
    names: row.names,
    usable,
  }
}

/**
 * The part a signed-in person already has in the guide an invitation is to, where it covers what the
 * invitation offers (an editor invited as reviewer stays editor). Opening their link again must not take
 * a place another invitee needs, nor ask them to join what they take part in.
 */
export async function partAlreadyHeld(db: Db, viewer: Viewer, token: string) {
  if (!viewer.person || !looksLikeToken(token)) return undefined
  const row = await invitationByToken(db, hashToken(token))
  const held = row ? viewer.roles.get(row.guideId) : undefined
  return row && (held === 'editor' || held === row.role)
    ? { personId: viewer.person.id, role: held, guide: row.slug, title: row.title }
    : undefined
}

/**
 * An invitation for the page that accepts it, with whether its guide has an edition anyone may read: if
 * not, the guide's own pages are not found by anyone without a part in it, so the page leads to none.
 */
export async function invitationToJoin(db: Db, token: string) {
  const invitation = await describeInvitation(db, token)
  const found = await findGuideWithEditionIn(db, invitation.guide, PUBLIC_STATES)
  return { ...invitation, guideReadable: found?.hasEdition === true }
}

/**
 * The guide a usable invitation is to, for its holder to read about before joining (its privacy notice):
 * the token stands in for the part in the guide they do not have yet.
 */
export async function invitedGuide(db: Db, token: string) {
  const invitation = await invitationToJoin(db, token)
  if (!invitation.usable) throw gone()
  return { guide: await guideFor(db, invitation.guide), guideReadable: invitation.guideReadable }
}

/**
 * The new account a signed-out person joins with, checked and its password hashed. An existing account
 * is never signed in to here, and no password is checked: its owner signs in first (where guesses are
 * limited and audited), then accepts.
 */
async function newAccount(db: Db, config: Config, viewer: Viewer, input: z.infer<typeof AcceptInvitation>) {
  const { email, password, displayName } = input
  const problems = [
    ...(email ? [] : [{ pointer: '/email', detail: fieldMessage('field.yourEmail') }]),
    ...(password === undefined || password.length < 10
      ? [{ pointer: '/password', detail: fieldMessage('field.passwordChoose') }]
      : []),
    ...(displayName ? [] : [{ pointer: '/displayName', detail: fieldMessage('field.nameEmpty') }]),
  ]
  if (!email || password === undefined || !displayName || problems.length > 0)
    throw invalid('Give your email, a password and your name to join, or sign in first.', problems)
  await countPasswordWork(db, config.rateLimits, viewer.address)
  if (await findPersonByEmail(db, email)) throw emailTaken()
  return {
    email,
    displayName,
    passwordHash: await hashPassword(password),
    language: languageJoinedIn(viewer),
  }
}

/**
 * Joins through an invitation: signed in, the role is added to the current account; signed out, a new
 * account is made. Everything is checked (the invitation, the fields, the address's limit, that the
 * email is free) before the password is hashed. Uses are counted atomically. An editor invited as
 * reviewer stays editor.
 */
export async function acceptInvitation(
  db: Db,
  config: Config,
  viewer: Viewer,
  token: string,
  input: z.infer<typeof AcceptInvitation>,
  userAgent: string,
) {
  const held = await partAlreadyHeld(db, viewer, token)
  if (held) return { personId: held.personId, role: held.role, guide: held.guide, session: undefined }
  if (!(await describeInvitation(db, token)).usable) throw gone()
  const joiner: { personId: number } | { account: Awaited<ReturnType<typeof newAccount>> } = viewer.person
    ? { personId: viewer.person.id }
    : { account: await newAccount(db, config, viewer, input) }
  return withTransaction(db, async (tx) => {
    const invitation = await useInvitation(tx, hashToken(token))
    if (!invitation) throw gone()
    const personId = 'personId' in joiner ? joiner.personId : (await insertPerson(tx, joiner.account)).id
    const current = await roleIn(tx, invitation.guideId, personId)
    const role = current?.role === 'editor' ? 'editor' : invitation.role
    await setRole(tx, invitation.guideId, personId, role)
    await recordAudit(tx, {
      actorId: personId,
      action: 'invitation.accepted',
      guideId: invitation.guideId,
      subject: role,
      detail: { invitation: invitation.id, newAccount: 'account' in joiner },
      address: viewer.address,
    })
    const session = viewer.person ? undefined : await startSession(tx, personId, userAgent)
    const guide = await findGuideById(tx, invitation.guideId)
    return { personId, role, guide: guide.slug, session }
  })
}
