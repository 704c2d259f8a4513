import { DECISION_LABELS } from '../../kernel/decision-label.ts'
import { DecisionFields } from '../../decisions/pages/triage-forms.tsx'
import type { TriageCampaign } from '../campaign-triage.service.ts'
import { MEMBERS_LISTED } from '../campaign-triage.service.ts'
import { campaignDecidePath, campaignSplitPath } from '../urls.ts'

const count = (n: number, one: string, many: string) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`

/** A comment's first words, enough to tell members apart. */
const opening = (body: string) => {
  const words = body.replace(/\s+/g, ' ').trim()
  return words.length > 140 ? `${words.slice(0, 140).replace(/\s+\S*$/, '')}…` : words
}

interface Props {
  campaigns: TriageCampaign[]
  slug: string
  number: number
  /** The edition's blocks, for the numbers of the paragraphs a campaign touches. */
  blocks: readonly { key: string; number: string }[]
  /** The filters to keep in each form's action. */
  keep: string
}

/**
 * Campaigns on the triage page: each one item with its text, its headcount, the paragraphs it touches
 * and one decision form for all its comments; its members in a <details> (no script needed), each with
 * a button that splits it out.
 */
export const TriageCampaigns = (p: Props) => {
  if (p.campaigns.length === 0) return null
  const numberOf = new Map(p.blocks.map((b) => [b.key, b.number]))
  const order = new Map(p.blocks.map((b, i) => [b.key, i]))
  // In reading order, the general discussion last.
  const inOrder = (keys: (string | null)[]) =>
    [...keys].sort(
      (a, b) => (a === null ? Infinity : (order.get(a) ?? 0)) - (b === null ? Infinity : (order.get(b) ?? 0)),
    )
  const place = (key: string | null) =>
    key === null ? 'the general discussion' : `¶ ${numberOf.get(key) ?? '?'}`
  return (
    <section class="triage-section triage-campaigns" id="campaigns" aria-labelledby="campaigns-title">
      <header class="triage-section-head">
        <h2 id="campaigns-title">Campaigns</h2>
        <p class="triage-links">
          Near-identical comments from three or more people: each is answered once, and its comments are not
          listed again below.
        </p>
      </header>
      <ol class="triage-comments">
        {p.campaigns.map((k) => {
          const prefix = `k${k.id}-`
          const decided = k.decision
          return (
            <li class="triage-comment triage-campaign" id={`k${k.id}`} aria-labelledby={`k${k.id}-title`}>
              <h3 id={`k${k.id}-title`} class="triage-campaign-head">
                Campaign: {count(k.people, 'person', 'people')}
                {k.size === k.people ? '' : `, ${count(k.size, 'comment', 'comments')}`}
              </h3>
              <p class="triage-campaign-places">On {inOrder(k.blockKeys).map(place).join(', ')}</p>
              <blockquote class="triage-campaign-text" dir="auto">
                {k.representative
                  .split(/\n\s*\n/)
                  .filter((para) => para.trim() !== '')
                  .map((para) => (
                    <p>{para}</p>
                  ))}
              </blockquote>
              <p class="triage-campaign-decision">
                {decided
                  ? `${decided.draft ? 'Draft decision' : 'Decision'} for all: ${DECISION_LABELS[decided.decision]}`
                  : 'No decision for the campaign yet.'}
              </p>
              <form
                method="post"
                action={`${campaignDecidePath(p.slug, p.number, k.id)}${p.keep}`}
                class="triage-decide"
                aria-label={`Decide once for the ${count(k.size, 'comment', 'comments')} of this campaign`}
              >
                <DecisionFields
                  prefix={prefix}
                  values={{ decision: decided?.decision ?? 'open', response: decided?.response ?? '' }}
                />
                <button type="submit" class="button">
                  Save the decision for all {count(k.size, 'comment', 'comments')}
                </button>{' '}
                <button type="submit" name="draft" value="1" class="button button-secondary">
                  Save as draft
                </button>
              </form>
              <details class="triage-campaign-members">
                <summary>
                  Its {count(k.size, 'comment', 'comments')}
                  {k.size > MEMBERS_LISTED
                    ? ` (the first ${String(MEMBERS_LISTED)}; all are in the CSV)`
                    : ''}
                </summary>
                <ol>
                  {k.members.map((m) => (
                    <li id={`c${m.id}`}>
                      <p>
                        <strong>{m.author}</strong>, on {place(m.blockKey)} (no. {m.id}):{' '}
                        <span dir="auto">{opening(m.body)}</span>
                      </p>
                      <form method="post" action={`${campaignSplitPath(p.slug, p.number, k.id)}${p.keep}`}>
                        <input type="hidden" name="commentId" value={m.id} />
                        <button type="submit" class="button button-secondary">
                          Not part of this campaign: take no. {m.id} out
                        </button>
                      </form>
                    </li>
                  ))}
                </ol>
              </details>
            </li>
          )
        })}
      </ol>
    </section>
  )
}
