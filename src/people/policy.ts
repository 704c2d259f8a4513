import type { CommentState, GuideRole, NamesShown } from '../kernel/words.ts'
import { forbidden, unauthenticated } from '../kernel/errors.ts'
import type { Viewer } from './viewer.ts'

/**
 * Everything a person may do to a guide, decided in one place. Every route asks here (through
 * `authorise`), so a rule changes once.
 */
export type GuideAction =
  | 'read-drafts'
  | 'comment'
  | 'edit'
  | 'invite'
  | 'moderate'
  | 'decide'
  | 'manage-roles'
  | 'read-participants-names'

export type InstanceAction =
  'import-guide' | 'manage-people' | 'read-audit' | 'manage-settings' | 'export-instance'

const EDITOR_ONLY: readonly GuideAction[] = [
  'read-drafts',
  'edit',
  'invite',
  'moderate',
  'decide',
  'manage-roles',
  'read-participants-names',
]

export interface GuideContext {
  id: number
  /** Open sign-up lets anyone signed in comment on guides open for consultation. */
  openSignUp?: boolean
}

export function roleOn(viewer: Viewer, guideId: number): GuideRole | undefined {
  return viewer.roles.get(guideId)
}

export function may(viewer: Viewer, action: GuideAction, guide: GuideContext): boolean {
  const person = viewer.person
  if (!person) return false
  if (person.isAdmin) return true
  const role = roleOn(viewer, guide.id)
  if (EDITOR_ONLY.includes(action)) return role === 'editor'
  // action === 'comment'
  return role === 'editor' || role === 'reviewer' || guide.openSignUp === true
}

export function mayOnInstance(viewer: Viewer, action: InstanceAction): boolean {
  const person = viewer.person
  if (!person) return false
  if (person.isAdmin) return true
  // Editors of any guide may start a new one; everything else on the instance is for admins.
  return action === 'import-guide' && [...viewer.roles.values()].includes('editor')
}

/** Throws 401 for the public and 403 for people without the right. */
export function authorise(viewer: Viewer, action: GuideAction, guide: GuideContext): void {
  if (!viewer.person) throw unauthenticated()
  if (!may(viewer, action, guide)) throw forbidden()
}

export function authoriseOnInstance(viewer: Viewer, action: InstanceAction): void {
  if (!viewer.person) throw unauthenticated()
  if (!mayOnInstance(viewer, action)) throw forbidden()
}

/** What of a comment decides who may read it. */
export interface CommentAudience {
  authorId: number
  state: CommentState
  /** Whether its author lets it be published. */
  public: boolean
  /** The author of the comment it replies to, if it is a reply: they read a reply kept for the editors too. */
  parentAuthorId?: number | null | undefined
}

/**
 * Who may read a comment: the guide's editors (and admins) every one; its author their own; anyone
 * else only a published one (a withdrawn one shows as a placeholder) whose author let it be published.
 * Queries that list comments for someone who is not an editor hold the same rule in SQL (`state` in
 * published/withdrawn and `public`, or the viewer's own, or a reply to the viewer's own): see `listComments`.
 */
export function maySeeComment(viewer: Viewer, guide: GuideContext, comment: CommentAudience): boolean {
  if (viewer.person && comment.authorId === viewer.person.id) return true
  if (may(viewer, 'moderate', guide)) return true
  const shown = comment.state === 'published' || comment.state === 'withdrawn'
  // A reply kept for the editors is also for the person it answers.
  if (shown && viewer.person && comment.parentAuthorId === viewer.person.id) return true
  return comment.public && shown
}

/** Whether a comment reaches people beyond its author and the guide's editors (notices, counts, feeds). */
export const isPublished = (comment: Pick<CommentAudience, 'state' | 'public'>) =>
  comment.public && comment.state === 'published'

/**
 * How a viewer sees the names of a guide's reviewers, the one rule every route that names an author
 * follows: each person sees their own name; everyone else sees the guide's choice (full names,
 * pseudonyms, or none), except its editors (and admins), who see full names until the guide's
 * retention has run and its record keeps pseudonyms only, and pseudonyms from then on, so they can
 * still tell people apart.
 */
export function namesFor(
  viewer: Viewer,
  guide: GuideContext & { names: NamesShown; retentionAppliedAt: Date | null },
  authorId?: number | null,
): NamesShown {
  if (authorId !== undefined && authorId !== null && viewer.person?.id === authorId) return 'full'
  if (!may(viewer, 'read-participants-names', guide)) return guide.names
  return guide.retentionAppliedAt ? 'pseudonym' : 'full'
}
