import type { DraftPreview, LandingComment } from '../draft-preview.service.ts'
import { plural } from '../../kernel/plural.ts'
import { withoutMarks } from '../../comments/comment-markdown.ts'

const firstWords = (text: string, count = 24) => {
  const words = text.trim().split(/\s+/)
  return words.length > count ? `${words.slice(0, count).join(' ')} …` : words.join(' ')
}

const DECISION: Record<string, string> = {
  accepted: 'accepted',
  'partly-accepted': 'partly accepted',
  'not-accepted': 'not accepted',
  noted: 'noted',
  'out-of-scope': 'out of scope',
  duplicate: 'duplicate',
}

/** The comments that will show on a block (or under "comments on removed text"), in a few words each. */
export const LandingList = (p: {
  ids: readonly string[]
  comments: DraftPreview['comments']
  what: string
}) => {
  const found = p.ids.flatMap((id) => {
    const c = p.comments.get(id)
    return c ? [c] : []
  })
  if (found.length === 0) return null
  return (
    <details class="landing" open={found.length <= 5}>
      <summary>
        {plural(found.length, 'comment')} {p.what}
      </summary>
      <ul>
        {found.map((c) => (
          <LandingItem c={c} />
        ))}
      </ul>
    </details>
  )
}

const LandingItem = ({ c }: { c: LandingComment }) => (
  <li>
    <strong>{c.author}</strong>{' '}
    <span class="muted">
      (edition {c.writtenOn}, {c.kind}
    </span>
    <span class="muted">
      {c.state === 'published' ? '' : `, ${c.state}`}
      {DECISION[c.decision] ? `, ${DECISION[c.decision] ?? ''}` : ''})
    </span>
    {c.excerpt ? <>: {firstWords(withoutMarks(c.excerpt))}</> : null}
  </li>
)
