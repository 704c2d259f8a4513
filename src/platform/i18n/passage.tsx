import type { Child } from 'hono/jsx'
import type { Lang } from './languages.ts'
import type { MessageKey, Translate } from './messages.ts'

/** A mark no message holds, put where the passage goes and cut out again. */
const MARK = '\u0000'

/**
 * A message whose one argument is words in another language (a guide's title or section, written in
 * the guide's language): the message in the reader's language with that argument in a `lang` span, so
 * a screen reader says each in its own voice. No span when both are the same language.
 */
export function withPassage(
  t: Translate,
  key: MessageKey,
  values: Record<string, string | number>,
  passage: { name: string; text: string; lang: string; reader: Lang },
): Child {
  const [before, after = ''] = t(key, { ...values, [passage.name]: MARK }).split(MARK)
  if (passage.lang === passage.reader || passage.lang.split('-')[0] === passage.reader)
    return `${before}${passage.text}${after}`
  return (
    <>
      {before}
      <span lang={passage.lang} dir="auto">
        {passage.text}
      </span>
      {after}
    </>
  )
}
