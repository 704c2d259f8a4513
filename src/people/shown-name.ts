import type { NamesShown } from '../kernel/words.ts'
import type { Lang } from '../platform/i18n/languages.ts'
import { translator } from '../platform/i18n/messages.ts'

/**
 * How an author's name shows, in one place for every route that shows one (threads, pages, feeds,
 * exports, search, the report, live events): their name, the guide's stable pseudonym for them
 * ("Reviewer 17", numbered as people first took part, never worked out from their id), or no name.
 * Someone who erased their account is "a former participant" to those who read full names (a guide that
 * shows them, its editors); where the guide hides names, saying so would single out who left, so they
 * show as everyone else does (their pseudonym, or no name). The labels
 * are said in the reader's language ("Adolygydd 17" to a Welsh reader): the same person either way.
 */
export interface AuthorFacts {
  authorId: number
  authorName: string | null
  authorOrganisation?: string
  authorErasedAt: Date | null
  /** The author's pseudonym number in the comment's guide; null only before they were given one. */
  pseudonym: number | null
}

export const pseudonymLabel = (n: number, lang: Lang = 'en') => translator(lang)('names.pseudonym', { n })

export const anonymousLabel = (lang: Lang = 'en') => translator(lang)('names.anonymous')

export interface ShownAuthor {
  id: string | null
  displayName: string
  organisation: string
  /** The pseudonym too, for those who see the real name of a guide that uses pseudonyms. */
  pseudonym?: string
}

export function shownAuthor(
  row: AuthorFacts,
  shown: NamesShown,
  guideNames: NamesShown,
  lang: Lang = 'en',
): ShownAuthor {
  if (row.authorErasedAt && shown === 'full')
    return { id: null, displayName: translator(lang)('names.former'), organisation: '' }
  if (shown === 'full')
    return {
      id: String(row.authorId),
      displayName: row.authorName ?? anonymousLabel(lang),
      organisation: row.authorOrganisation ?? '',
      ...(guideNames === 'pseudonym' && row.pseudonym !== null
        ? { pseudonym: pseudonymLabel(row.pseudonym, lang) }
        : {}),
    }
  if (shown === 'pseudonym' && row.pseudonym !== null)
    return { id: null, displayName: pseudonymLabel(row.pseudonym, lang), organisation: '' }
  return { id: null, displayName: anonymousLabel(lang), organisation: '' }
}

/** Just the name, for feeds, exports and the report. */
export const shownName = (
  row: AuthorFacts,
  shown: NamesShown,
  guideNames: NamesShown = shown,
  lang: Lang = 'en',
) => shownAuthor(row, shown, guideNames, lang).displayName
