import type { Assets } from '../../platform/http/assets.ts'
import { Layout } from '../../site/layout.tsx'
import { AdminNav } from '../../people/pages/admin-nav.tsx'
import { Time } from '../../site/form.tsx'
import type { Lang } from '../../platform/i18n/languages.ts'
import { translator, type Translate, type MessageKey } from '../../platform/i18n/messages.ts'

/** What each kind of job is, in the admins' words (jobs.ts lists the kinds; job-kinds.test.ts holds each to having words). */
export const JOB_KIND_WORDS: Record<string, MessageKey> = {
  'mail.notices': 'instance.jobs.kind.mailNotices',
  'mail.sweep': 'instance.jobs.kind.mailSweep',
  'mail.invitation': 'instance.jobs.kind.mailInvitation',
  'consultation.closing': 'instance.jobs.kind.consultationClosing',
  'queue.prune': 'instance.jobs.kind.queuePrune',
  'privacy.retention': 'instance.jobs.kind.privacyRetention',
  'privacy.address-expiry': 'instance.jobs.kind.privacyAddressExpiry',
  'campaigns.place-unplaced': 'instance.jobs.kind.campaignsPlaceUnplaced',
}
export const kindName = (t: Translate, kind: string) => {
  const key = Object.hasOwn(JOB_KIND_WORDS, kind) ? JOB_KIND_WORDS[kind] : undefined
  return key ? t(key) : kind
}

export interface BackgroundWork {
  waiting: { kind: string; waiting: number }[]
  failing: { kind: string; failures: number; lastError: string; nextAt: Date }[]
  failed: { id: string; kind: string; attempts: number; lastError: string; failedAt: Date }[]
}

/**
 * The job queue as admins see it: what is waiting, and the work Gloss gave up on after its last
 * attempt (a mail server refusing, most often), each with its error and a button to try it again.
 */
export const BackgroundWorkPage = (p: {
  assets: Assets
  work: BackgroundWork
  retried: boolean
  /** The interface language. */
  language: Lang
}) => {
  const { language } = p
  const t = translator(language)
  return (
    <Layout title={t('instance.jobs.title')} assets={p.assets} language={language}>
      <AdminNav current="/admin/jobs" language={language} />
      <h1>{t('instance.jobs.heading')}</h1>
      {p.retried ? (
        <p class="notice" role="status">
          {t('instance.jobs.retried')}
        </p>
      ) : null}
      <section aria-labelledby="waiting-title">
        <h2 id="waiting-title">{t('instance.jobs.waiting')}</h2>
        {p.work.waiting.length === 0 ? (
          <p>{t('instance.jobs.waitingNone')}</p>
        ) : (
          <ul>
            {p.work.waiting.map((row) => (
              <li>{t('instance.jobs.waitingRow', { kind: kindName(t, row.kind), count: row.waiting })}</li>
            ))}
          </ul>
        )}
      </section>
      {p.work.failing.length === 0 ? null : (
        <section aria-labelledby="failing-title">
          <h2 id="failing-title">{t('instance.jobs.failing')}</h2>
          <p>{t('instance.jobs.failingLead')}</p>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('instance.jobs.colWork')}</th>
                <th scope="col">{t('instance.jobs.colFailures')}</th>
                <th scope="col">{t('instance.jobs.colNext')}</th>
                <th scope="col">{t('instance.jobs.colError')}</th>
              </tr>
            </thead>
            <tbody>
              {p.work.failing.map((job) => (
                <tr>
                  <td>{kindName(t, job.kind)}</td>
                  <td>{String(job.failures)}</td>
                  <td>
                    <Time at={job.nextAt} language={language} />
                  </td>
                  <td>
                    <code>{job.lastError}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <section aria-labelledby="failed-title">
        <h2 id="failed-title">{t('instance.jobs.failed')}</h2>
        {p.work.failed.length === 0 ? (
          <p>{t('instance.jobs.failedNone')}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('instance.jobs.colWork')}</th>
                <th scope="col">{t('instance.jobs.colFailed')}</th>
                <th scope="col">{t('instance.jobs.colAttempts')}</th>
                <th scope="col">{t('instance.jobs.colError')}</th>
                <th scope="col">
                  <span class="visually-hidden">{t('instance.jobs.colAction')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {p.work.failed.map((job) => (
                <tr>
                  <td>{kindName(t, job.kind)}</td>
                  <td>
                    <Time at={job.failedAt} language={language} />
                  </td>
                  <td>{String(job.attempts)}</td>
                  <td>
                    <code>{job.lastError}</code>
                  </td>
                  <td>
                    <form method="post" action={`/admin/jobs/${job.id}/retry`}>
                      <button type="submit" class="button">
                        {t('instance.jobs.retry')}
                        <span class="visually-hidden"> ({kindName(t, job.kind)})</span>
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </Layout>
  )
}
