import type { GuideRole } from '../kernel/words.ts'
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
