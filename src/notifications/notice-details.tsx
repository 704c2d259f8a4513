import type { NoticeType } from '../kernel/words.ts'
import type { Lang } from '../platform/i18n/languages.ts'
import { decisionLabelIn, translator } from '../platform/i18n/messages.ts'
import type { RedlinePart } from '../lineage/redline.ts'
import { trimRedline } from '../lineage/redline-trim.ts'
import type { Subject } from './notice-view.ts'
import { Redline } from '../site/redline.tsx'

/** What a notice shows beneath its sentence: a revised paragraph's redline and the decisions on the person's comments. */
export interface NoticeDetails {
  redline: { parts: RedlinePart[]; label: string } | null
  comments: { line: string; response: string | null }[]
}

/**
 * The details of a `block.revised` notice in the person's language (SPEC journey 9), null for other
 * notices or one written before they were kept. The redline is shortened to the words around each
 * change, as a glance; the link goes to the whole of it. Only decisions are shown, and they are
 * released ones: the writer reads them from the comment, where a draft never is.
 */
export function noticeDetails(type: NoticeType, s: Subject, lang: Lang): NoticeDetails | null {
  if (type !== 'block.revised') return null
  const t = translator(lang)
  const edition = s.editionNumber ?? 1
  const redline =
    s.redline && s.redline.length > 0
      ? {
          parts: trimRedline(s.redline),
          label: t('notices.redline', {
            number: s.blockNumber ?? '',
            from: s.fromEdition ?? edition - 1,
            to: edition,
          }),
        }
      : null
  const comments = (s.comments ?? []).flatMap((c) =>
    c.decision === undefined
      ? []
      : [
          {
            line:
              c.carried === false
                ? t('notices.yourCommentKept', {
                    edition: s.fromEdition ?? edition - 1,
                    decision: decisionLabelIn(lang, c.decision),
                  })
                : t('notices.yourComment', {
                    place: c.blockNumber
                      ? t('noticeText.paragraph', { number: c.blockNumber })
                      : t('noticeText.removedText'),
                    decision: decisionLabelIn(lang, c.decision),
                  }),
            response: c.response ? t('notices.response', { response: c.response }) : null,
          },
        ],
  )
  return redline === null && comments.length === 0 ? null : { redline, comments }
}

/** A redline in plain text, as a text part of an email reads it: [-taken out-] and [+put in+]. */
export const redlineAsText = (parts: readonly RedlinePart[]) =>
  parts
    .map((part) =>
      part.change === 'del' ? `[-${part.text}-]` : part.change === 'ins' ? `[+${part.text}+]` : part.text,
    )
    .join('')

/** The details as the text part of an email sets them out, each line indented by `indent`. */
export function noticeDetailsAsText(details: NoticeDetails, lang: Lang, indent = ''): string {
  const t = translator(lang)
  const lines: string[] = []
  if (details.redline) {
    lines.push(`${details.redline.label}:`, redlineAsText(details.redline.parts), t('mail.redlineLegend'))
  }
  for (const c of details.comments) lines.push(c.line, ...(c.response ? [c.response] : []))
  return lines.map((line) => `${indent}${line}`).join('\n')
}

/**
 * A notice's redline and the decisions on the person's comments, as the notices page and the HTML
 * email both show them: words taken out in `<del>`, put in in `<ins>`, which a mail program marks
 * without a stylesheet.
 */
export const NoticeDetailsView = (p: { details: NoticeDetails | null; cues?: boolean }) =>
  p.details ? (
    <div class="notice-details">
      {p.details.redline ? (
        <Redline parts={p.details.redline.parts} label={p.details.redline.label} cues={p.cues === true} />
      ) : null}
      {p.details.comments.map((c) => (
        <p class="notice-decision">
          {c.line}
          {c.response ? (
            <>
              <br />
              {c.response}
            </>
          ) : null}
        </p>
      ))}
    </div>
  ) : null
