import type { RedlinePart } from '../lineage/redline.ts'
import type { Lang } from '../platform/i18n/languages.ts'
import { translator } from '../platform/i18n/messages.ts'
import { requestLanguage } from '../platform/http/language.tsx'

/**
 * A word-level redline: words taken out struck through, words put in underlined (not colour alone).
 * Not every screen reader says where a `del` or `ins` starts, so each change also carries words only they
 * hear ("[removed: …]", "[added: …]", in the reader's language), as the panel's redlines do
 * (web/components/gloss-redline.ts); else old and new words run together. Its label, when given, is
 * heard first, the same way (a label on a paragraph is one screen readers skip). `lang` is the guide's
 * text's, where the page around it is in another (a Welsh reader's page of an English guide), so a
 * screen reader speaks the words in their own language; the cues and label are the page's. An email,
 * which has no style sheet to hide them, leaves the cues out (`cues` false).
 */
export const Redline = (p: {
  parts: readonly RedlinePart[]
  label?: string | undefined
  lang?: string | undefined
  language?: Lang | undefined
  cues?: boolean | undefined
}) => {
  const language = p.language ?? requestLanguage()
  const t = translator(language)
  const cue = (words: string) =>
    p.cues === false ? null : (
      <span class="visually-hidden redline-cue" lang={language}>
        {words}
      </span>
    )
  return (
    <p class="redline" dir="auto" lang={p.lang} aria-label={p.cues === false ? p.label : undefined}>
      {p.label && p.cues !== false ? cue(`${p.label}: `) : null}
      {p.parts.map((part) =>
        part.change === 'del' ? (
          <>
            {cue(` ${t('redline.cueRemoved')} `)}
            <del>{part.text}</del>
            {cue(`${t('redline.cueEnd')} `)}
          </>
        ) : part.change === 'ins' ? (
          <>
            {cue(` ${t('redline.cueAdded')} `)}
            <ins>{part.text}</ins>
            {cue(`${t('redline.cueEnd')} `)}
          </>
        ) : (
          part.text
        ),
      )}
    </p>
  )
}
