import type { Assets } from '../../platform/http/assets.ts'
import { Layout } from '../../site/layout.tsx'
import { AdminNav } from './admin-nav.tsx'
import { Time } from '../../site/form.tsx'
import { auditSentence } from './audit-sentence.ts'
import type { Lang } from '../../platform/i18n/languages.ts'
import { translator } from '../../platform/i18n/messages.ts'
import { requestLanguage } from '../../platform/http/language.tsx'
import { rich, slot } from '../../site/rich-message.tsx'

export interface AuditRow {
  id: string
  at: Date
  action: string
  subject: string
  detail: Record<string, unknown>
  address: string
  actorName: string | null
  actorErased?: boolean
  guideSlug: string | null
  commentAuthorName?: string | null
  subjectPersonName?: string | null
  subjectPersonErased?: boolean
}

/** The audit log, newest first, a hundred entries a page. */
export const AuditPage = (p: {
  assets: Assets
  items: AuditRow[]
  next: string | null
  older: boolean
  /** The interface language; the request's where the route does not say. */
  language?: Lang | undefined
}) => {
  const language = p.language ?? requestLanguage()
  const t = translator(language)
  return (
    <Layout title={t('people.audit.title')} assets={p.assets} language={language}>
      <AdminNav current="/admin/audit" language={language} />
      <h1>{t('people.audit.heading')}</h1>
      {p.items.length === 0 ? (
        <p class="notice">{t('people.audit.none', { older: p.older ? 'yes' : 'no' })}</p>
      ) : (
        <ol class="audit-log">
          {p.items.map((row) => {
            const { said, why } = auditSentence(row, t, language)
            const time = slot('time')
            return (
              <li>
                {rich(
                  why
                    ? t('people.audit.entryWhy', { said, why, time })
                    : t('people.audit.entry', { said, time }),
                  { time: <Time at={row.at} language={language} /> },
                )}
                {row.address && row.address !== 'unknown' ? (
                  <span class="muted"> {t('people.audit.from', { address: row.address })}</span>
                ) : null}
              </li>
            )
          })}
        </ol>
      )}
      <nav class="pager" aria-label={t('people.audit.pages')}>
        {p.older ? <a href="/admin/audit">{t('people.audit.newest')}</a> : null}
        {p.next ? (
          <a href={`/admin/audit?cursor=${p.next}`} rel="next">
            {t('people.audit.older')}
          </a>
        ) : null}
      </nav>
    </Layout>
  )
}
