import type { Assets } from '../../platform/http/assets.ts'
import { HIDE_REASON_LABELS } from '../../kernel/hide-reason-label.ts'
import { editionPath } from '../../guides/urls.ts'
import { Layout } from '../../site/layout.tsx'
import { Time } from '../../site/form.tsx'
import type { LogEntry } from '../moderation-log.service.ts'
import { moderationLogPath } from '../urls.ts'

export interface ModerationLogProps {
  assets: Assets
  guide: { slug: string; title: string }
  policy: string
  ownPolicy: boolean
  items: LogEntry[]
  next: string | null
  /** Whether this page continues an earlier one (a cursor was given). */
  continued: boolean
}

const Where = ({ slug, entry }: { slug: string; entry: LogEntry }) =>
  entry.blockKey === null ? (
    <>General discussion of edition {entry.edition}</>
  ) : (
    <a href={editionPath(slug, entry.edition, entry.blockKey)}>
      Paragraph {entry.number ?? '(no longer numbered)'}, edition {entry.edition}
    </a>
  )

/**
 * A guide's moderation policy and its public log: each hiding with when, where and why. The words
 * hidden and their author are never on it; the reasons are the ones moderators gave, which their
 * form says anyone can read here.
 */
export const ModerationLogPage = (p: ModerationLogProps) => (
  <Layout title={`Moderation log · ${p.guide.title} · Gloss`} assets={p.assets} guide={p.guide}>
    <h1>Moderation log</h1>
    <p class="lede">
      <a href={`/g/${p.guide.slug}`}>{p.guide.title}</a>
    </p>
    <section aria-labelledby="policy-title">
      <h2 id="policy-title">How this guide is moderated</h2>
      {p.policy.split(/\n{2,}/).map((paragraph) => (
        <p>{paragraph}</p>
      ))}
      {p.ownPolicy ? null : (
        <p class="muted">This is the policy every guide here follows unless its editors write their own.</p>
      )}
    </section>
    <section aria-labelledby="log-title">
      <h2 id="log-title">Comments hidden{p.continued ? ', earlier' : ''}</h2>
      {p.items.length === 0 ? (
        <p>{p.continued ? 'Nothing earlier.' : 'No comment on this guide has been hidden.'}</p>
      ) : (
        <table class="moderation-log">
          <caption class="visually-hidden">Each hidden comment: when, where, and why</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Where</th>
              <th scope="col">Reason</th>
              <th scope="col">What the moderator said</th>
            </tr>
          </thead>
          <tbody>
            {p.items.map((entry) => (
              <tr>
                <td>
                  <Time at={entry.at} />
                </td>
                <td>
                  <Where slug={p.guide.slug} entry={entry} />
                </td>
                <td>{HIDE_REASON_LABELS[entry.reasonCode]}</td>
                <td dir="auto">{entry.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {p.next ? (
        <p>
          <a href={moderationLogPath(p.guide.slug, p.next)}>Earlier entries</a>
        </p>
      ) : null}
    </section>
  </Layout>
)
