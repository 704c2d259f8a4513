import type { RedlinePart } from '../lineage/redline.ts'

/** A word-level redline: words taken out struck through, words put in underlined (not colour alone). */
export const Redline = (p: { parts: readonly RedlinePart[]; label?: string }) => (
  <p class="redline" dir="auto" aria-label={p.label}>
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
