import type { Context } from 'hono'
import type { DraftChanged } from '../working-draft.service.ts'
import { editorPaths } from '../urls.ts'

/** Where the editor's forms lead back to, and what the page says after a change (`?done=`). */

/** A whole number from a form or path; anything else is NaN, which the schemas refuse. */
export const whole = (value: string | undefined) =>
  value !== undefined && /^\d{1,9}$/.test(value) ? Number(value) : NaN

/** The page a form under `path` belongs to, to come back to. */
export function pageOfPath(path: string): string {
  const match = /^\/g\/([^/]+)\/(manage|revise)(\/(?:preview|links|create)\b)?/.exec(path)
  if (!match) return '/'
  const paths = editorPaths(match[1] ?? '')
  return match[2] === 'manage' ? paths.manage : match[3] ? paths.preview : paths.revise
}

export const TRANSITION_DONE: Record<string, (n: string) => string> = {
  open: (n) => `Edition ${n} is open for consultation.`,
  closed: (n) => `The consultation on edition ${n} is closed.`,
  published: (n) => `Edition ${n} is published.`,
  created: (n) => `Edition ${n} created as a draft.`,
  discarded: () => 'The working draft is discarded.',
  imported: () =>
    'The guide is imported as edition 1, a draft only its editors see. Invite reviewers, then open it for consultation.',
}

const DRAFT_DONE: Record<string, string> = {
  edit: 'The block is saved.',
  insert: 'The new paragraph is inserted.',
  delete: 'The block is deleted.',
  undelete: 'The deleted block is back where it was.',
  up: 'The block is moved up.',
  down: 'The block is moved down.',
  text: 'The whole text is replaced.',
  corrected: 'The link is corrected.',
  undone: 'The correction is undone: lineage decides that link again.',
}

export const doneUrl = (path: string, done: string, changed: DraftChanged, anchor: string) =>
  `${path}?done=${done}${changed.clearedCorrections > 0 ? `&cleared=${String(changed.clearedCorrections)}` : ''}#${anchor}${String(changed.at)}`

export function draftNotice(c: Context): string | undefined {
  const done = DRAFT_DONE[c.req.query('done') ?? '']
  const cleared = whole(c.req.query('cleared'))
  if (!done) return undefined
  return cleared > 0
    ? `${done} Your ${cleared === 1 ? 'correction of a link was' : `${String(cleared)} corrections of links were`} cleared, since the text changed and the blocks’ positions with it.`
    : done
}
