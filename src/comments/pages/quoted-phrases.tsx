import type { PhraseInText } from '../quoted-phrases.service.ts'

/**
 * The paragraph's quoted phrases, in the order they appear, each linking to the first comment quoting
 * it: what the highlights give a reader with JavaScript, as a list for one without.
 */
export const QuotedPhrases = (p: { quotes: readonly PhraseInText[] }) =>
  p.quotes.length === 0 ? null : (
    <section class="quoted-phrases" aria-labelledby="quoted-title">
      <h2 id="quoted-title">Quoted in this paragraph</h2>
      <ol>
        {p.quotes.map((q) => (
          <li>
            <mark>{q.exact}</mark>:{' '}
            <a href={`#c${q.commentIds[0] ?? ''}`}>
              {q.commentIds.length === 1 ? '1 comment' : `${String(q.commentIds.length)} comments`}
            </a>
          </li>
        ))}
      </ol>
    </section>
  )
