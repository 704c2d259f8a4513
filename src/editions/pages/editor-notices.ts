import type { Context } from 'hono'
import type { DraftChanged } from '../working-draft.service.ts'
import { editorPaths } from '../urls.ts'
import { isLang, type Lang } from '../../platform/i18n/languages.ts'
import { translator, type MessageKey } from '../../platform/i18n/messages.ts'

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

/** What the editions page says after a transition (`?done=open&n=2`), from the catalogues. */
const TRANSITION_DONE: Record<string, MessageKey> = {
  open: 'editor.done.open',
  closed: 'editor.done.closed',
  published: 'editor.done.published',
  created: 'editor.done.created',
  discarded: 'editor.done.discarded',
  imported: 'editor.done.imported',
}

/** What the working draft and the preview say after a change (`?done=edit`). */
const DRAFT_DONE: Record<string, MessageKey> = {
  edit: 'editor.done.edit',
  insert: 'editor.done.insert',
  delete: 'editor.done.delete',
  undelete: 'editor.done.undelete',
  up: 'editor.done.up',
  down: 'editor.done.down',
  text: 'editor.done.text',
  corrected: 'editor.done.corrected',
  undone: 'editor.done.undone',
}

const known = (table: Record<string, MessageKey>, done: string | undefined) =>
  done !== undefined && Object.hasOwn(table, done) ? table[done] : undefined

/** The editions page's notice after a transition, in the language, or undefined for none known. */
export function transitionNotice(lang: Lang, c: Context): string | undefined {
  const n = whole(c.req.query('n'))
  if (c.req.query('done') === 'translated') {
    // `?done=translated&n=2&lang=cy`: which text was added to which edition, in a language Gloss names.
    const added = c.req.query('lang')
    return isLang(added) && !Number.isNaN(n)
      ? translator(lang)('editor.done.translated', { lang: added, number: n })
      : undefined
  }
  const key = known(TRANSITION_DONE, c.req.query('done'))
  return key && translator(lang)(key, { number: Number.isNaN(n) ? '' : String(n) })
}

export const doneUrl = (path: string, done: string, changed: DraftChanged, anchor: string) =>
  `${path}?done=${done}${changed.clearedCorrections > 0 ? `&cleared=${String(changed.clearedCorrections)}` : ''}#${anchor}${String(changed.at)}`

/** The working draft's or the preview's notice after a change, in the language, or undefined. */
export function draftNotice(lang: Lang, c: Context): string | undefined {
  const key = known(DRAFT_DONE, c.req.query('done'))
  if (!key) return undefined
  const t = translator(lang)
  const cleared = whole(c.req.query('cleared'))
  // The text changed and the blocks' positions with it, so the editor's corrections went too.
  return cleared > 0 ? `${t(key)} ${t('editor.done.cleared', { count: cleared })}` : t(key)
}
