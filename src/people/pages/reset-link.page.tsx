import type { Assets } from '../../platform/http/assets.ts'
import { Layout } from '../../site/layout.tsx'
import { AdminNav } from './admin-nav.tsx'
import { CopyField, Time } from '../../site/form.tsx'
import type { Lang } from '../../platform/i18n/languages.ts'
import { translator } from '../../platform/i18n/messages.ts'
import { requestLanguage } from '../../platform/http/language.tsx'
import { rich, slot } from '../../site/rich-message.tsx'

/** A one-time password reset link, shown once, for the admin to hand over. */
export const ResetLinkPage = (p: {
  assets: Assets
  person: { displayName: string; email: string | null }
  url: string
  expiresAt: Date
  /** The interface language; the request's where the route does not say. */
  language?: Lang | undefined
}) => {
  const language = p.language ?? requestLanguage()
  const t = translator(language)
  const time = slot('time')
  const hint =
    p.person.email === null
      ? t('people.reset.hintNoEmail', { time })
      : t('people.reset.hint', { email: p.person.email, time })
  return (
    <Layout title={t('people.reset.title')} assets={p.assets} language={language}>
      <AdminNav current="/admin/people" language={language} />
      <h1>{t('people.reset.heading', { name: p.person.displayName })}</h1>
      <CopyField
        id="reset-link"
        label={t('people.reset.label')}
        value={p.url}
        hint={<>{rich(hint, { time: <Time at={p.expiresAt} language={language} /> })}</>}
      />
      <p>
        <a href="/admin/people">{t('people.reset.back')}</a>
      </p>
    </Layout>
  )
}
