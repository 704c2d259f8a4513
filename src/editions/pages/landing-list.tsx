import type { DraftPreview, LandingComment } from '../draft-preview.service.ts'
import type { Lang } from '../../platform/i18n/languages.ts'
import { decisionLabelIn, kindLabelIn, translator } from '../../platform/i18n/messages.ts'
import { requestLanguage } from '../../platform/http/language.tsx'
import { withoutMarks } from '../../comments/comment-markdown.ts'

const firstWords = (text: string, count = 24) => {
  const words = text.trim().split(/\s+/)
  return words.length > count ? `${words.slice(0, count).join(' ')} …` : words.join(' ')
}

/** Mid-sentence, a label reads in lower case: "accepted", "suggested wording" ("derbyniwyd"). */
const lower = (label: string) => label.charAt(0).toLowerCase() + label.slice(1)

/** Where the comments listed go, as the list's summary says it. */
export type LandingWhat = 'onBlock' | 'showHere' | 'toRemoved' | 'stayRemoved'

/** The comments that will show on a block (or under "comments on removed text"), in a few words each. */
export const LandingList = (p: {
  ids: readonly string[]
  comments: DraftPreview['comments']
  what: LandingWhat
  language?: Lang | undefined
}) => {
  const language = p.language ?? requestLanguage()
  const found = p.ids.flatMap((id) => {
    const c = p.comments.get(id)
    return c ? [c] : []
  })
  if (found.length === 0) return null
  return (
    <details class="landing" open={found.length <= 5}>
      <summary>{translator(language)('landing.count', { count: found.length, what: p.what })}</summary>
      <ul>
        {found.map((c) => (
          <LandingItem c={c} language={language} />
        ))}
      </ul>
    </details>
  )
}

const LandingItem = ({ c, language }: { c: LandingComment; language: Lang }) => {
  const t = translator(language)
  return (
    <li>
      <strong>{c.author}</strong>{' '}
      <span class="muted">
        {t('landing.meta', { number: c.writtenOn, kind: lower(kindLabelIn(language, c.kind)) })}
      </span>
      <span class="muted">
        {c.state === 'published' ? '' : `, ${t('landing.state', { state: c.state })}`}
        {/* An open comment has no decision yet, so nothing is said of one. */}
        {c.decision !== 'open' ? `, ${lower(decisionLabelIn(language, c.decision))}` : ''})
      </span>
      {/* The comment's own words, in whatever language its author wrote them. */}
      {c.excerpt ? (
        <>
          :{' '}
          <span class="comment-body" dir="auto">
            {firstWords(withoutMarks(c.excerpt))}
          </span>
        </>
      ) : null}
    </li>
  )
}
