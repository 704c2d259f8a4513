import type { Lang } from '../platform/i18n/languages.ts'
import type { Db } from '../platform/db/database.ts'
import { findComment } from './comment.repository.ts'
import { blockTranslations, findBlock, type ThreadBlock } from './thread.repository.ts'
import { chooseText, translatedBlockHtml } from '../editions/translation.service.ts'
import { squashSpace } from '../platform/markdown/text.ts'
import { flagsByComment } from '../moderation/flag.repository.ts'
import { findPersonById } from '../people/people.repository.ts'

/**
 * What a thread's page reads beside the thread itself: the block it is on, who flagged its comments and
 * why (for the guide's moderators alone: the page asks only for them), and which guide a comment is in.
 */
export const threadBlock = (db: Db, editionId: number, key: string) => findBlock(db, editionId, key)

export const flagsOnComments = (db: Db, commentIds: readonly number[], lang: Lang) =>
  flagsByComment(db, commentIds, lang)

/** The guide a comment belongs to, to refuse an action sent through another guide's address; none if no such comment. */
export const guideOfComment = async (db: Db, id: number) => (await findComment(db, id))?.guideId

/** The organisation on a person's profile, which their comment forms offer to respond for. */
export const profileOrganisation = async (db: Db, personId: number) =>
  (await findPersonById(db, personId))?.organisation ?? ''

/** A thread's paragraph as the reader reads it: in the text chosen for them, and that text's language. */
export type ShownParagraph = Pick<ThreadBlock, 'number' | 'kind' | 'html' | 'text'> & { lang: string }

/**
 * The paragraph in the text the reading page would show this reader (`?text=`, else their language's
 * where the edition has it, else its own: chosenText's rule), and which text a quote's words are in, so
 * the page marks each quote with its own language (a Welsh reader quotes the Welsh). Words in no text of
 * this edition (gone, or waiting for their text) are left to the caller. One query.
 */
export async function paragraphAsRead(
  db: Db,
  editionId: number,
  block: Pick<ThreadBlock, 'key' | 'number' | 'kind' | 'html' | 'text'>,
  guideLang: string,
  asked: string | undefined,
  readerLang: string,
) {
  const translations = await blockTranslations(db, editionId, block.key)
  const lang = chooseText(
    translations.map((t) => t.lang),
    guideLang,
    asked,
    readerLang,
  )
  const shown = translations.find((t) => t.lang === lang)
  const texts = [
    { lang: guideLang, words: squashSpace(block.text) },
    ...translations.map((t) => ({ lang: t.lang, words: squashSpace(t.text) })),
  ]
  const paragraph: ShownParagraph = shown
    ? {
        number: block.number,
        kind: block.kind,
        text: shown.text,
        html: translatedBlockHtml(shown),
        lang: shown.lang,
      }
    : { number: block.number, kind: block.kind, text: block.text, html: block.html, lang: guideLang }
  return {
    paragraph,
    /** The text chosen: undefined for the edition's own. */
    text: lang,
    quoteLang: (words: string) => {
      const squashed = squashSpace(words)
      return texts.find((t) => t.words.includes(squashed))?.lang
    },
  }
}
