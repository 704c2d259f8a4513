import type { Assets } from '../../platform/http/assets.ts'
import type { Lang } from '../../platform/i18n/languages.ts'
import { formatDate, translator } from '../../platform/i18n/messages.ts'
import { Layout } from '../../site/layout.tsx'
import { shownTimeZone } from '../../site/time-zone.ts'
import { rich, slot } from '../../site/rich-message.tsx'
import { moderationLogPath } from '../../moderation/urls.ts'
import type { PrivacyNotice } from '../privacy-notice.service.ts'

export interface PrivacyPageProps {
  assets: Assets
  language: Lang
  /**
   * Read through an invitation: `path` leads back to it, and where the guide has nothing its holder may
   * read yet (`guideReadable` false) the notice links to none of the guide's pages, which would not be found.
   */
  invitation?: { path: string; guideReadable: boolean } | undefined
  /** The instance's contact address (CONTACT_EMAIL): whoever runs this site, the controller's contact. */
  contact?: string | undefined
  /** How long the audit log keeps the network address of a sign-in (ADDRESS_RETENTION_DAYS). */
  addressDays: number
}

/**
 * A guide's privacy notice, written from its settings so that it cannot say otherwise than the guide
 * does: how names show, whether comments are published by default, how long personal data is kept
 * and what happens then, and how to have it erased.
 */
export const PrivacyPage = (p: PrivacyNotice & PrivacyPageProps) => {
  const t = translator(p.language)
  const readable = p.invitation?.guideReadable ?? true
  const day = (date: Date) => formatDate(p.language, date, { dateStyle: 'long', timeZone: shownTimeZone() })
  return (
    <Layout
      title={t('privacy.title', { title: p.guide.title })}
      assets={p.assets}
      language={p.language}
      guide={readable ? p.guide : undefined}
    >
      <h1>{t('privacy.heading')}</h1>
      <p class="lede">
        {readable ? <a href={`/g/${encodeURIComponent(p.guide.slug)}`}>{p.guide.title}</a> : p.guide.title}
      </p>
      {p.invitation ? (
        <p>
          <a href={p.invitation.path}>{t('privacy.backToInvitation')}</a>
        </p>
      ) : null}
      <section aria-labelledby="privacy-who">
        <h2 id="privacy-who">{t('privacy.whoHeading')}</h2>
        <p>{t('privacy.who', { title: p.guide.title })}</p>
        <p>
          {p.contact
            ? rich(t('privacy.controller', { address: slot('address') }), {
                address: <a href={`mailto:${p.contact}`}>{p.contact}</a>,
              })
            : t('privacy.controllerUnknown')}
        </p>
        <p>
          {rich(t('privacy.complain', { link: slot('link') }), {
            link: <a href="https://ico.org.uk/make-a-complaint/">{t('privacy.complainLink')}</a>,
          })}
        </p>
      </section>
      <section aria-labelledby="privacy-what">
        <h2 id="privacy-what">{t('privacy.whatHeading')}</h2>
        <p>{t('privacy.what')}</p>
        <p>{t('privacy.addresses', { days: p.addressDays })}</p>
      </section>
      <section aria-labelledby="privacy-published">
        <h2 id="privacy-published">{t('privacy.publishedHeading')}</h2>
        <p>
          {t(
            p.names === 'full'
              ? 'privacy.namesFull'
              : p.names === 'pseudonym'
                ? 'privacy.namesPseudonym'
                : 'privacy.namesNone',
          )}
        </p>
        <p>{t(p.publishByDefault ? 'privacy.publishedByDefault' : 'privacy.keptByDefault')}</p>
        <p>
          {rich(t('privacy.moderation', { link: slot('link') }), {
            link: readable ? (
              <a href={moderationLogPath(p.guide.slug)}>{t('privacy.moderationLink')}</a>
            ) : (
              t('privacy.moderationLink')
            ),
          })}
        </p>
      </section>
      <section aria-labelledby="privacy-kept">
        <h2 id="privacy-kept">{t('privacy.keptHeading')}</h2>
        {p.retentionDays === null ? (
          <p>{t('privacy.noRetention')}</p>
        ) : (
          <>
            <p>{t('privacy.retention', { days: p.retentionDays })}</p>
            <p>{t('privacy.retentionEffect')}</p>
            {p.retentionAppliedAt ? (
              <p class="status">{t('privacy.retentionApplied', { date: day(p.retentionAppliedAt) })}</p>
            ) : p.retentionDue ? (
              <p>{t('privacy.retentionDue', { date: day(p.retentionDue) })}</p>
            ) : (
              <p>{t('privacy.retentionNotStarted')}</p>
            )}
          </>
        )}
      </section>
      <section aria-labelledby="privacy-erasure">
        <h2 id="privacy-erasure">{t('privacy.erasureHeading')}</h2>
        <p>
          {rich(t('privacy.erasure', { link: slot('link') }), {
            link: <a href="/account#erase-title">{t('privacy.erasureLink')}</a>,
          })}
        </p>
        <p>{t('privacy.erasureOther')}</p>
      </section>
    </Layout>
  )
}
