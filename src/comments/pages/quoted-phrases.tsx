import type { PhraseInText } from '../quoted-phrases.service.ts'
import type { Lang } from '../../platform/i18n/languages.ts'
import { translator } from '../../platform/i18n/messages.ts'
import { requestLanguage } from '../../platform/http/language.tsx'

/**
 * The paragraph's quoted phrases, in the order they appear, each linking to the first comment quoting
 * it: what the highlights give a reader with JavaScript, as a list for one without. The phrases keep the
 * language of the text they are in (`lang`, said where it is not the page's), the words around them the page's.
 */
export const QuotedPhrases = (p: {
  quotes: readonly PhraseInText[]
  language?: Lang | undefined
  /** The language of the text a phrase is in. */
  lang: (words: string) => string
}) => {
  if (p.quotes.length === 0) return null
  const language = p.language ?? requestLanguage()
  const t = translator(language)
  return (
    <section class="quoted-phrases" aria-labelledby="quoted-title">
      <h2 id="quoted-title">{t('quoted.heading')}</h2>
      <ol>
        {p.quotes.map((q) => (
          <li>
            <mark lang={p.lang(q.exact) === language ? undefined : p.lang(q.exact)}>{q.exact}</mark>:{' '}
            <a href={`#c${q.commentIds[0] ?? ''}`}>{t('quoted.count', { count: q.commentIds.length })}</a>
          </li>
        ))}
      </ol>
    </section>
  )
}
