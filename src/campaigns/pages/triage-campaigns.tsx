import type { Lang } from '../../platform/i18n/languages.ts'
import { decisionLabelIn, formatNumber, translator } from '../../platform/i18n/messages.ts'
import { rich, slot } from '../../site/rich-message.tsx'
import { DecisionFields } from '../../decisions/pages/triage-forms.tsx'
import type { TriageCampaign } from '../campaign-triage.service.ts'
import { MEMBERS_LISTED } from '../campaign-triage.service.ts'
import { campaignDecidePath, campaignSplitPath } from '../urls.ts'

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
  /** The interface language. */
  language: Lang
}

/**
 * Campaigns on the triage page: each one item with its text, its headcount, the paragraphs it touches
 * and one decision form for all its comments; its members in a <details> (no script needed), each with
 * a button that splits it out.
 */
export const TriageCampaigns = (p: Props) => {
  if (p.campaigns.length === 0) return null
  const t = translator(p.language)
  const numberOf = new Map(p.blocks.map((b) => [b.key, b.number]))
  const order = new Map(p.blocks.map((b, i) => [b.key, i]))
  // In reading order, the general discussion last.
  const inOrder = (keys: (string | null)[]) =>
    [...keys].sort(
      (a, b) => (a === null ? Infinity : (order.get(a) ?? 0)) - (b === null ? Infinity : (order.get(b) ?? 0)),
    )
  const place = (key: string | null) =>
    key === null ? t('themes.generalDiscussion') : t('themes.paragraph', { number: numberOf.get(key) ?? '?' })
  return (
    <section class="triage-section triage-campaigns" id="campaigns" aria-labelledby="campaigns-title">
      <header class="triage-section-head">
        <h2 id="campaigns-title">{t('campaigns.title')}</h2>
        <p class="triage-links">{t('campaigns.hint')}</p>
      </header>
      <ol class="triage-comments">
        {p.campaigns.map((k) => {
          const prefix = `k${k.id}-`
          const decided = k.decision
          return (
            <li class="triage-comment triage-campaign" id={`k${k.id}`} aria-labelledby={`k${k.id}-title`}>
              <h3 id={`k${k.id}-title`} class="triage-campaign-head">
                {t('campaigns.head', { people: k.people })}
                {k.size === k.people ? '' : `, ${t('triage.comments', { count: k.size })}`}
              </h3>
              <p class="triage-campaign-places">
                {t('campaigns.places', { places: inOrder(k.blockKeys).map(place).join(', ') })}
              </p>
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
                  ? t(decided.draft ? 'campaigns.draftDecision' : 'campaigns.decision', {
                      decision: decisionLabelIn(p.language, decided.decision),
                    })
                  : t('campaigns.noDecision')}
              </p>
              <form
                method="post"
                action={`${campaignDecidePath(p.slug, p.number, k.id)}${p.keep}`}
                class="triage-decide"
                aria-label={t('campaigns.decideLabel', { count: k.size })}
              >
                <DecisionFields
                  prefix={prefix}
                  values={{ decision: decided?.decision ?? 'open', response: decided?.response ?? '' }}
                  language={p.language}
                />
                <button type="submit" class="button">
                  {t('campaigns.save', { count: k.size })}
                </button>{' '}
                <button type="submit" name="draft" value="1" class="button button-secondary">
                  {t('triage.saveDraft')}
                </button>
              </form>
              <details class="triage-campaign-members">
                <summary>
                  {t('campaigns.members', { count: k.size })}
                  {k.size > MEMBERS_LISTED
                    ? t('campaigns.membersFirst', { count: formatNumber(p.language, MEMBERS_LISTED) })
                    : ''}
                </summary>
                <ol>
                  {k.members.map((m) => (
                    <li id={`c${m.id}`}>
                      <p>
                        {rich(
                          t('campaigns.member', {
                            author: slot('author'),
                            place: place(m.blockKey),
                            id: m.id,
                          }),
                          { author: <strong>{m.author}</strong> },
                        )}{' '}
                        <span dir="auto">{opening(m.body)}</span>
                      </p>
                      <form method="post" action={`${campaignSplitPath(p.slug, p.number, k.id)}${p.keep}`}>
                        <input type="hidden" name="commentId" value={m.id} />
                        <button type="submit" class="button button-secondary">
                          {t('campaigns.split', { id: m.id })}
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
