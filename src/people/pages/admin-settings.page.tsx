import type { Assets } from '../../platform/http/assets.ts'
import { Layout } from '../../site/layout.tsx'
import { AdminNav } from './admin-nav.tsx'
import { StatusMessage } from '../../site/form.tsx'
import type { Lang } from '../../platform/i18n/languages.ts'
import { translator } from '../../platform/i18n/messages.ts'
import { requestLanguage } from '../../platform/http/language.tsx'

export const AdminSettingsPage = (p: {
  assets: Assets
  openSignUp: boolean
  saved?: boolean
  /** The interface language; the request's where the route does not say. */
  language?: Lang | undefined
}) => {
  const language = p.language ?? requestLanguage()
  const t = translator(language)
  return (
    <Layout title={t('people.settings.title')} assets={p.assets} language={language}>
      <AdminNav current="/admin/settings" language={language} />
      <h1>{t('people.settings.heading')}</h1>
      <StatusMessage>{p.saved ? t('people.settings.saved') : undefined}</StatusMessage>
      <form method="post" action="/admin/settings" class="form">
        <div class="field field-checkbox">
          <input
            id="openSignUp"
            name="openSignUp"
            type="checkbox"
            value="true"
            checked={p.openSignUp}
            aria-describedby="openSignUp-hint"
          />
          <label for="openSignUp">{t('people.settings.openSignUp')}</label>
          <p class="field-hint" id="openSignUp-hint">
            {t('people.settings.openSignUpHint')}
          </p>
        </div>
        <button type="submit" class="button">
          {t('people.settings.save')}
        </button>
      </form>
    </Layout>
  )
}
