import type { Assets } from '../../platform/http/assets.ts'
import type { Lang } from '../../platform/i18n/languages.ts'
import { translator, type Translate } from '../../platform/i18n/messages.ts'
import { rich, slot } from '../../site/rich-message.tsx'
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
  /** The interface language; a policy the editors wrote stays in their words. */
  language: Lang
}

const Where = ({ slug, entry, t }: { slug: string; entry: LogEntry; t: Translate }) =>
  entry.blockKey === null ? (
    <>{t('modlog.general', { edition: entry.edition })}</>
  ) : (
    <a href={editionPath(slug, entry.edition, entry.blockKey)}>
      {t('modlog.paragraph', { number: entry.number ?? t('modlog.noNumber'), edition: entry.edition })}
    </a>
  )

/**
 * A guide's moderation policy and its public log: each hiding with when, where and why. The words
 * hidden and their author are never on it; the reasons are the ones moderators gave, which their
 * form says anyone can read here. The policy every guide follows unless its editors write their own is
 * the catalogue's, so it reads in the reader's language (the API gives its English).
 */
export const ModerationLogPage = (p: ModerationLogProps) => {
  const t = translator(p.language)
  const policy = p.ownPolicy ? p.policy : t('modlog.defaultPolicy')
  return (
    <Layout
      title={t('modlog.title', { title: p.guide.title })}
      assets={p.assets}
      language={p.language}
      guide={p.guide}
    >
      <h1>{t('modlog.heading')}</h1>
      <p class="lede">
        <a href={`/g/${p.guide.slug}`}>{p.guide.title}</a>
      </p>
      <section aria-labelledby="policy-title">
        <h2 id="policy-title">{t('modlog.policyHeading')}</h2>
        {policy.split(/\n{2,}/).map((paragraph) => (
          <p>{paragraph}</p>
        ))}
        {p.ownPolicy ? null : <p class="muted">{t('modlog.defaultPolicyNote')}</p>}
      </section>
      <section aria-labelledby="log-title">
        <h2 id="log-title">{t(p.continued ? 'modlog.hiddenEarlier' : 'modlog.hidden')}</h2>
        {p.items.length === 0 ? (
          <p>{t(p.continued ? 'modlog.nothingEarlier' : 'modlog.none')}</p>
        ) : (
          <table class="moderation-log">
            <caption class="visually-hidden">{t('modlog.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('modlog.when')}</th>
                <th scope="col">{t('modlog.where')}</th>
                <th scope="col">{t('modlog.reason')}</th>
                <th scope="col">{t('modlog.said')}</th>
              </tr>
            </thead>
            <tbody>
              {p.items.map((entry) => (
                <tr>
                  <td>
                    <Time at={entry.at} language={p.language} />
                  </td>
                  <td>
                    <Where slug={p.guide.slug} entry={entry} t={t} />
                  </td>
                  <td>
                    {t(`hideReason.${entry.reasonCode}`)}
                    {/* A restored comment is shown again: its hiding stays on the record, saying so. */}
                    {entry.restoredAt ? (
                      <>
                        {' '}
                        <span class="badge">
                          {rich(t('modlog.restored', { time: slot('time') }), {
                            time: <Time at={entry.restoredAt} language={p.language} />,
                          })}
                        </span>
                      </>
                    ) : null}
                  </td>
                  <td dir="auto">{entry.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {p.next ? (
          <p>
            <a href={moderationLogPath(p.guide.slug, p.next)}>{t('modlog.earlier')}</a>
          </p>
        ) : null}
      </section>
    </Layout>
  )
}
