import type { RedlinePart } from '../lineage/redline.ts'

/**
 * A word-level redline: words taken out struck through, words put in underlined (not colour alone).
 * `lang` is the guide's text's, where the page around it is in another (a Welsh reader's page of an
 * English guide), so a screen reader speaks the words in their own language.
 */
export const Redline = (p: { parts: readonly RedlinePart[]; label?: string; lang?: string | undefined }) => (
  <p class="redline" dir="auto" aria-label={p.label} lang={p.lang}>
    {p.parts.map((part) =>
      part.change === 'del' ? (
        <del>{part.text}</del>
      ) : part.change === 'ins' ? (
        <ins>{part.text}</ins>
      ) : (
        part.text
      ),
    )}
  </p>
)
