import type { Db } from '../platform/db/database.ts'
import { pageOf } from '../platform/http/cursor.ts'
import { conflict, DomainError, notFound, unauthenticated } from '../kernel/errors.ts'
import { listAudit, recordAudit } from '../audit/audit.repository.ts'
import { withTransaction } from '../platform/db/transaction.ts'
import { findGuideBySlug } from '../guides/guide.repository.ts'
import { findKnownGuide } from '../guides/reading.service.ts'
import { changeGuideSettings as changeSettings } from '../guides/settings.service.ts'
import { signUpOpen } from './account.service.ts'
import {
  findPersonByEmail,
  findPersonById,
  insertPerson,
  listPeople,
  peopleAfter,
  participantsOf,
  removeRole,
  setAdmin,
  setIntroduction,
  setRole,
  writeSetting,
} from './people.repository.ts'
import { authorise, authoriseOnInstance, may } from './policy.ts'
import type { Viewer } from './viewer.ts'
import type { GuideRole } from '../kernel/words.ts'
import { anonymousLabel, pseudonymLabel } from './shown-name.ts'

export async function people(db: Db, viewer: Viewer) {
  authoriseOnInstance(viewer, 'manage-people')
  return (await listPeople(db)).map((p) => ({ ...p, id: String(p.id) }))
}

export const PEOPLE_PAGE = 100

/** A page of everyone (admins), oldest account first, after the `next` of the page before. */
export async function peoplePage(db: Db, viewer: Viewer, cursor: string | undefined) {
  authoriseOnInstance(viewer, 'manage-people')
  const rows = await peopleAfter(db, cursor === undefined ? undefined : Number(cursor), PEOPLE_PAGE + 1)
  return pageOf(
    rows.map((p) => ({ ...p, id: String(p.id) })),
    PEOPLE_PAGE,
  )
}

export async function changeAdmin(db: Db, viewer: Viewer, personId: number, isAdmin: boolean) {
  authoriseOnInstance(viewer, 'manage-people')
  if (!(await findPersonById(db, personId))) throw notFound('That person')
  if (!isAdmin && personId === viewer.person?.id) {
    throw new DomainError('last-admin', 'You cannot remove your own admin role; ask another admin.')
  }
  // Each change here commits with its audit entry, or neither is kept.
  await withTransaction(db, async (tx) => {
    await setAdmin(tx, personId, isAdmin)
    await recordAudit(tx, {
      actorId: viewer.person?.id ?? null,
      action: isAdmin ? 'role.admin-granted' : 'role.admin-removed',
      subject: String(personId),
    })
  })
}

async function guideFor(db: Db, slug: string) {
  const guide = await findGuideBySlug(db, slug)
  if (!guide) throw notFound(`The guide "${slug}"`)
  return guide
}

export async function changeRole(
  db: Db,
  viewer: Viewer,
  slug: string,
  personId: number,
  role: GuideRole | null,
) {
  const guide = await guideFor(db, slug)
  authorise(viewer, 'manage-roles', guide)
  if (!(await findPersonById(db, personId))) throw notFound('That person')
  await withTransaction(db, async (tx) => {
    if (role === null) await removeRole(tx, guide.id, personId)
    else await setRole(tx, guide.id, personId, role)
    await recordAudit(tx, {
      actorId: viewer.person?.id ?? null,
      action: 'role.changed',
      guideId: guide.id,
      subject: String(personId),
      detail: { role },
    })
  })
}

/**
 * Who takes part in a guide. Where names are for editors only, the public and reviewers see how many
 * people take part and in which role, not who.
 */
export async function participants(db: Db, viewer: Viewer, slug: string) {
  // A draft-only guide's title and people are for those with a part in it.
  const guide = await findKnownGuide(db, viewer, slug)
  const named = guide.namesPublic || may(viewer, 'read-participants-names', guide)
  const rows = await participantsOf(db, guide.id)
  return {
    guide: { slug: guide.slug, title: guide.title, namesPublic: guide.namesPublic, names: guide.names },
    named,
    items: rows.map((p) =>
      named || p.id === viewer.person?.id
        ? {
            id: String(p.id),
            displayName: p.displayName,
            organisation: p.organisation,
            description: p.description,
            role: p.role,
            introduction: p.introduction,
          }
        : {
            id: null,
            // A guide that shows pseudonyms shows them here too, as its comments do; never more.
            displayName:
              guide.names === 'pseudonym' && p.pseudonym !== null
                ? pseudonymLabel(p.pseudonym, viewer.lang)
                : anonymousLabel(viewer.lang),
            organisation: '',
            description: '',
            role: p.role,
            introduction: '',
          },
    ),
    next: null,
  }
}

export async function introduce(db: Db, viewer: Viewer, slug: string, introduction: string) {
  const guide = await guideFor(db, slug)
  const person = viewer.person
  if (!person) throw unauthenticated()
  if (!viewer.roles.has(guide.id))
    throw new DomainError(
      'not-a-participant',
      'Only people taking part in this guide can introduce themselves here.',
    )
  await setIntroduction(db, guide.id, person.id, introduction)
}

/** `PATCH /api/guides/:slug/settings`: the guides' own rule (guides/settings.service.ts), answered as the API has it. */
export async function changeGuideSettings(
  db: Db,
  viewer: Viewer,
  slug: string,
  settings: Parameters<typeof changeSettings>[3],
) {
  const saved = await changeSettings(db, viewer, slug, settings)
  return { ...saved, namesPublic: saved.names === 'full' }
}

export async function audit(db: Db, viewer: Viewer, before: number | undefined) {
  authoriseOnInstance(viewer, 'read-audit')
  const limit = 100
  const rows = await listAudit(db, { before, limit })
  return {
    items: rows.map((r) => ({ ...r, id: String(r.id) })),
    next: rows.length === limit ? String(rows[rows.length - 1]?.id) : null,
  }
}

export async function instanceSettings(db: Db, viewer: Viewer) {
  authoriseOnInstance(viewer, 'manage-settings')
  return { openSignUp: await signUpOpen(db) }
}

export async function changeInstanceSettings(db: Db, viewer: Viewer, settings: { openSignUp: boolean }) {
  authoriseOnInstance(viewer, 'manage-settings')
  await withTransaction(db, async (tx) => {
    await writeSetting(tx, 'openSignUp', settings.openSignUp)
    await recordAudit(tx, {
      actorId: viewer.person?.id ?? null,
      action: 'instance.settings',
      detail: settings,
    })
  })
  return settings
}

/**
 * `gloss user add`: an account made on the server's own machine, so no viewer is asked for permission;
 * audited with the command as its subject.
 */
export async function addAccountFromCommandLine(
  db: Db,
  account: { email: string; displayName: string; passwordHash: string; isAdmin: boolean },
) {
  if (await findPersonByEmail(db, account.email))
    throw conflict(`There is already an account for ${account.email}.`)
  return withTransaction(db, async (tx) => {
    const person = await insertPerson(tx, account)
    await recordAudit(tx, {
      actorId: null,
      action: 'account.created',
      subject: 'gloss user add',
      detail: { person: person.id, admin: account.isAdmin },
    })
    return person
  })
}
