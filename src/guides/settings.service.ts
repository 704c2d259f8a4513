import type { Db } from '../platform/db/database.ts'
import { notFound } from '../kernel/errors.ts'
import type { ModerationMode } from '../kernel/words.ts'
import { recordAudit } from '../audit/audit.repository.ts'
import { definedFields } from '../people/defined-fields.ts'
import { authorise } from '../people/policy.ts'
import type { Viewer } from '../people/viewer.ts'
import { findGuideBySlug, updateGuideSettings } from './guide.repository.ts'

/** What a guide's editors choose for it: its title, whether the public sees reviewers' names, moderation. */
export type GuideSettings = {
  title: string
  namesPublic: boolean
  moderation: ModerationMode
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
    namesPublic: guide.namesPublic,
    moderation: guide.moderation,
  }
  return { slug: guide.slug, settings }
}

/** Changes the settings given (the rest stay as they are), audited; the settings as they now stand. */
export async function changeGuideSettings(
  db: Db,
  viewer: Viewer,
  slug: string,
  changes: Partial<GuideSettings>,
): Promise<GuideSettings> {
  const guide = await editableGuide(db, viewer, slug)
  const values = definedFields(changes) as Partial<GuideSettings>
  if (Object.keys(values).length > 0) await updateGuideSettings(db, guide.id, values)
  await recordAudit(db, {
    actorId: viewer.person?.id ?? null,
    action: 'guide.settings',
    guideId: guide.id,
    detail: values,
  })
  return {
    title: values.title ?? guide.title,
    namesPublic: values.namesPublic ?? guide.namesPublic,
    moderation: values.moderation ?? guide.moderation,
  }
}
