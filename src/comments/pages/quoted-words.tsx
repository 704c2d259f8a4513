import type { Quote } from '../../platform/db/schema.ts'
import type { Anchor } from '../anchor.ts'
import type { Lang } from '../../platform/i18n/languages.ts'
import { translator } from '../../platform/i18n/messages.ts'
import { requestLanguage } from '../../platform/http/language.tsx'

/**
 * The words a comment quoted, as they stand in the edition shown: a carried comment's quote as found
 * there (reworded words shown as they now read), or, when they are gone, the words as written with a
 * line saying so, since the reader can no longer find them in the paragraph above.
 */
export const QuotedWords = (p: {
  quote: Quote | null
  anchor?: Anchor | undefined
  mine: boolean
  language?: Lang | undefined
  /** The language of the text the words are in. */
  langOf: (words: string) => string | undefined
}) => {
  const found = p.anchor?.quote
  if (!found)
    return p.quote ? (
      <blockquote class="comment-quote" lang={p.langOf(p.quote.exact)}>
        {p.quote.exact}
      </blockquote>
    ) : null
  if (found.status === 'gone')
    return (
      <>
        <blockquote class="comment-quote quote-gone" lang={p.langOf(p.quote?.exact ?? found.exact)}>
          {p.quote?.exact ?? found.exact}
        </blockquote>
        <p class="comment-context muted quote-gone-note">
          {translator(p.language ?? requestLanguage())(p.mine ? 'quoted.goneMine' : 'quoted.gone')}
        </p>
      </>
    )
  return (
    <blockquote class="comment-quote" data-quote-status={found.status} lang={p.langOf(found.exact)}>
      {found.exact}
    </blockquote>
  )
}
