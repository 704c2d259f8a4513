import type { Db } from '../platform/db/database.ts'
import { notFound } from '../kernel/errors.ts'
import type { ModerationMode, NamesShown } from '../kernel/words.ts'
import { recordAudit } from '../audit/audit.repository.ts'
import { definedFields } from '../people/defined-fields.ts'
import { authorise } from '../people/policy.ts'
import type { Viewer } from '../people/viewer.ts'
import { findGuideBySlug, updateGuideSettings } from './guide.repository.ts'
import { withTransaction } from '../platform/db/transaction.ts'
import { refuseFullNamesAfterRetention } from '../privacy/retention.service.ts'

/**
 * What a guide's editors choose for it: its title, how the public sees reviewers' names, moderation,
 * whether comments may be published unless their authors say otherwise.
 */
export type GuideSettings = {
  title: string
  names: NamesShown
  moderation: ModerationMode
  publishByDefault: boolean
  /** Its own moderation policy; null for the default. */
  policy: string | null
  /** Days personal data is kept after the consultation ends (src/privacy/); null for no period. */
  retentionDays: number | null
}

async function editableGuide(db: Db, viewer: Viewer, slug: string) {
  const guide = await findGuideBySlug(db, slug)
  if (!guide) throw notFound(`The guide "${slug}"`)
  authorise(viewer, 'edit', guide)
  return guide
}

/** A guide's settings as they stand, for its editors. */
export async function guideSettings(db: Db, viewer: Viewer, slug: string) {
  const guide = await editableGuide(db, viewer, slug)
  const settings: GuideSettings = {
    title: guide.title,
    names: guide.names,
    moderation: guide.moderation,
    publishByDefault: guide.publishByDefault,
    policy: guide.moderationPolicy,
    retentionDays: guide.retentionDays,
  }
  // Once retention has put pseudonyms in place of names, full names are no longer a choice.
  return { slug: guide.slug, settings, fullNamesGone: guide.retentionAppliedAt !== null }
}

/** The settings given, as they stood before the change. */
const settingsBefore = (
  guide: NonNullable<Awaited<ReturnType<typeof findGuideBySlug>>>,
  given: Partial<GuideSettings>,
) => {
  const now: GuideSettings = {
    title: guide.title,
    names: guide.names,
    moderation: guide.moderation,
    publishByDefault: guide.publishByDefault,
    policy: guide.moderationPolicy,
    retentionDays: guide.retentionDays,
  }
  return Object.fromEntries(Object.keys(given).map((key) => [key, now[key as keyof GuideSettings]]))
}

/** Changes the settings given (the rest stay as they are), audited; the settings as they now stand. */
export async function changeGuideSettings(
  db: Db,
  viewer: Viewer,
  slug: string,
  changes: Partial<GuideSettings> & { namesPublic?: boolean | undefined },
): Promise<GuideSettings> {
  const guide = await editableGuide(db, viewer, slug)
  const { namesPublic, ...given } = changes
  // The older yes/no: full names, or none.
  const names = given.names ?? (namesPublic === undefined ? undefined : namesPublic ? 'full' : 'none')
  refuseFullNamesAfterRetention(guide, names)
  const values = definedFields({ ...given, names }) as Partial<GuideSettings>
  const { policy, ...rest } = values
  // The change and its audit entry commit together: a change the log does not show is never kept.
  await withTransaction(db, async (tx) => {
    if (Object.keys(values).length > 0)
      await updateGuideSettings(tx, guide.id, {
        ...rest,
        ...(policy !== undefined ? { moderationPolicy: policy } : {}),
      })
    await recordAudit(tx, {
      actorId: viewer.person?.id ?? null,
      action: 'guide.settings',
      guideId: guide.id,
      // What each changed setting was, so the log can say "moderation: post → pre", not only what it became.
      detail: { ...values, was: settingsBefore(guide, values) },
    })
  })
  return {
    title: values.title ?? guide.title,
    names: values.names ?? guide.names,
    moderation: values.moderation ?? guide.moderation,
    publishByDefault: values.publishByDefault ?? guide.publishByDefault,
    policy: policy !== undefined ? policy : guide.moderationPolicy,
    retentionDays: values.retentionDays !== undefined ? values.retentionDays : guide.retentionDays,
  }
}
