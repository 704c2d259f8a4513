import type { Db } from '../platform/db/database.ts'
import { withTransaction } from '../platform/db/transaction.ts'
import { recordAudit } from '../audit/audit.repository.ts'
import { findComment } from '../comments/comment.repository.ts'
import { findEdition, findGuideById, findGuideBySlug } from '../guides/guide.repository.ts'
import { invalid, notFound } from '../kernel/errors.ts'
import { authorise } from '../people/policy.ts'
import type { Viewer } from '../people/viewer.ts'
import {
  deleteTheme,
  findTheme,
  insertTheme,
  nameTaken,
  setCommentThemes,
  tagComments,
  taggableComments,
  themesIn,
  themesOfComments,
  themesOfGuide,
  untagComments,
  updateTheme,
} from './theme.repository.ts'
import { suggestionsFor } from './theme-triage.service.ts'
import { fieldMessage, fieldMessageSaying } from '../platform/i18n/field-messages.ts'

/** A theme as the API shows it. */
export interface ThemeView {
  id: string
  name: string
  description: string
  response: string
  count: number
  updatedAt: string
}

type ThemeRow = Awaited<ReturnType<typeof findTheme>> & object

const view = (row: ThemeRow, count: number): ThemeView => ({
  id: String(row.id),
  name: row.name,
  description: row.description,
  response: row.response,
  count,
  updatedAt: row.updatedAt.toISOString(),
})

/** The guide, for its editors: themes are how they work through feedback, not part of the record yet. */
async function editorsGuide(db: Db, viewer: Viewer, slug: string) {
  const guide = await findGuideBySlug(db, slug)
  if (!guide) throw notFound(`The guide "${slug}"`)
  authorise(viewer, 'decide', guide)
  return guide
}

async function themeOf(db: Db, guideId: number, id: number) {
  const theme = await findTheme(db, guideId, id)
  if (!theme) throw notFound('That theme')
  return theme
}

const taken = () =>
  invalid('Another theme of this guide has that name.', [
    { pointer: '/name', detail: fieldMessage('field.themeNameTaken') },
  ])

async function countOf(db: Db, guideId: number, themeId: number) {
  const all = await themesOfGuide(db, guideId)
  return Number(all.find((t) => t.id === themeId)?.count ?? 0)
}

export async function listThemes(db: Db, viewer: Viewer, slug: string) {
  const guide = await editorsGuide(db, viewer, slug)
  const rows = await themesOfGuide(db, guide.id)
  return { items: rows.map((row) => view(row, Number(row.count))), next: null }
}

/**
 * A new theme, gathering at once the comments named (how a suggested theme is accepted): ids that are
 * not top-level comments of this guide are refused, so a typo never tags someone else's guide.
 */
export async function createTheme(
  db: Db,
  viewer: Viewer,
  slug: string,
  input: { name: string; description?: string | undefined; commentIds?: readonly string[] | undefined },
) {
  const guide = await editorsGuide(db, viewer, slug)
  const ids = [...new Set((input.commentIds ?? []).map(Number))]
  const by = viewer.person?.id ?? 0
  const created = await withTransaction(db, async (tx) => {
    if (await nameTaken(tx, guide.id, input.name)) throw taken()
    await checkComments(tx, guide.id, ids)
    const theme = await insertTheme(tx, {
      guideId: guide.id,
      name: input.name,
      description: input.description ?? '',
      createdBy: by,
    })
    const tagged = await tagComments(tx, theme.id, ids, by)
    await recordAudit(tx, {
      actorId: by,
      action: 'theme.created',
      guideId: guide.id,
      subject: String(theme.id),
      detail: { name: theme.name, comments: tagged },
    })
    return view(theme, tagged)
  })
  return created
}

async function checkComments(db: Db, guideId: number, ids: readonly number[]) {
  const found = new Set(await taggableComments(db, guideId, ids))
  const missing = ids.filter((id) => !found.has(id))
  if (missing.length > 0)
    throw invalid('Some of these are not comments on this guide that a theme can gather.', [
      {
        pointer: '/commentIds',
        detail: fieldMessageSaying('field.notTopLevelComments', {
          ids: `${missing.slice(0, 10).join(', ')}${missing.length > 10 ? '…' : ''}`,
        }),
      },
    ])
}

export async function changeTheme(
  db: Db,
  viewer: Viewer,
  slug: string,
  id: number,
  change: { name?: string | undefined; description?: string | undefined; response?: string | undefined },
) {
  const guide = await editorsGuide(db, viewer, slug)
  return withTransaction(db, async (tx) => {
    const before = await themeOf(tx, guide.id, id)
    if (change.name !== undefined && (await nameTaken(tx, guide.id, change.name, id))) throw taken()
    const theme = await updateTheme(tx, id, change)
    await recordAudit(tx, {
      actorId: viewer.person?.id ?? null,
      action:
        change.response !== undefined && change.response !== before.response
          ? 'theme.answered'
          : 'theme.changed',
      guideId: guide.id,
      subject: String(id),
      detail: { name: theme.name, ...(before.name !== theme.name ? { was: before.name } : {}) },
    })
    return view(theme, await countOf(tx, guide.id, id))
  })
}

export async function removeTheme(db: Db, viewer: Viewer, slug: string, id: number) {
  const guide = await editorsGuide(db, viewer, slug)
  await withTransaction(db, async (tx) => {
    const theme = await themeOf(tx, guide.id, id)
    await deleteTheme(tx, id)
    await recordAudit(tx, {
      actorId: viewer.person?.id ?? null,
      action: 'theme.deleted',
      guideId: guide.id,
      subject: String(id),
      detail: { name: theme.name },
    })
  })
}

/** Gathers comments under a theme in bulk: one statement however many. */
export async function tagThemeComments(
  db: Db,
  viewer: Viewer,
  slug: string,
  id: number,
  commentIds: readonly string[],
) {
  const guide = await editorsGuide(db, viewer, slug)
  const ids = [...new Set(commentIds.map(Number))]
  return withTransaction(db, async (tx) => {
    const theme = await themeOf(tx, guide.id, id)
    await checkComments(tx, guide.id, ids)
    const changed = await tagComments(tx, id, ids, viewer.person?.id ?? 0)
    // One entry however many were tagged: who gathered how many under which theme.
    if (changed > 0)
      await recordAudit(tx, {
        actorId: viewer.person?.id ?? null,
        action: 'theme.tagged',
        guideId: guide.id,
        subject: String(id),
        detail: { name: theme.name, count: changed },
      })
    return { changed, theme: view(theme, await countOf(tx, guide.id, id)) }
  })
}

export async function untagThemeComment(db: Db, viewer: Viewer, slug: string, id: number, commentId: number) {
  const guide = await editorsGuide(db, viewer, slug)
  return withTransaction(db, async (tx) => {
    const theme = await themeOf(tx, guide.id, id)
    const changed = await untagComments(tx, id, [commentId])
    if (changed > 0)
      await recordAudit(tx, {
        actorId: viewer.person?.id ?? null,
        action: 'theme.untagged',
        guideId: guide.id,
        subject: String(id),
        detail: { name: theme.name, commentId },
      })
    return { changed, theme: view(theme, await countOf(tx, guide.id, id)) }
  })
}

/** `PUT /api/comments/:id/themes`: the comment's themes become exactly those named, all of its guide. */
export async function setThemesOfComment(
  db: Db,
  viewer: Viewer,
  commentId: number,
  themeIds: readonly string[],
) {
  const comment = await findComment(db, commentId, viewer.person?.id)
  if (!comment) throw notFound('That comment')
  const guide = await findGuideById(db, comment.guideId)
  authorise(viewer, 'decide', guide)
  if (comment.parentId !== null)
    throw invalid('Themes gather comments, not replies.', [
      { pointer: '/themeIds', detail: fieldMessage('field.tagParent') },
    ])
  const ids = [...new Set(themeIds.map(Number))]
  await withTransaction(db, async (tx) => {
    const known = new Set(await themesIn(tx, guide.id, ids))
    const unknown = ids.filter((id) => !known.has(id))
    if (unknown.length > 0)
      throw invalid('Some of these are not themes of this guide.', [
        { pointer: '/themeIds', detail: fieldMessageSaying('field.noThemes', { ids: unknown.join(', ') }) },
      ])
    await setCommentThemes(tx, commentId, ids, viewer.person?.id ?? 0)
  })
  const themes = await themesOfComments(db, [commentId])
  return { themes: themes.map((t) => ({ id: String(t.id), name: t.name })) }
}

/**
 * Suggested themes for an edition, from the words its comments share; comments already gathered under a
 * theme are left out, so each suggestion is about what is still unsorted.
 */
export async function themeSuggestions(db: Db, viewer: Viewer, slug: string, number: number) {
  const guide = await editorsGuide(db, viewer, slug)
  const edition = await findEdition(db, guide.id, number)
  if (!edition) throw notFound(`Edition ${number}`)
  const suggestions = await suggestionsFor(db, guide.id, edition.id)
  return {
    items: suggestions.map((s) => ({ phrase: s.phrase, commentIds: s.commentIds.map(String) })),
    next: null,
  }
}
