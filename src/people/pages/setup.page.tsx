import type { Lang } from '../../platform/i18n/languages.ts'
import { translator } from '../../platform/i18n/messages.ts'
import type { Assets } from '../../platform/http/assets.ts'
import { Layout } from '../../site/layout.tsx'
import { ErrorSummary, NewAccountFields, type FormProblems } from '../../site/form.tsx'

/** The first account on a new instance, which becomes its admin. */
export const SetupPage = (p: {
  assets: Assets
  values?: Record<string, string>
  problems?: FormProblems | undefined
  language: Lang
}) => {
  const t = translator(p.language)
  return (
    <Layout
      title={t(p.problems ? 'setup.titleError' : 'setup.title')}
      assets={p.assets}
      language={p.language}
    >
      <ErrorSummary problems={p.problems} language={p.language} />
      <h1>{t('setup.heading')}</h1>
      <p>{t('setup.intro')}</p>
      <form method="post" action="/setup" class="form">
        <NewAccountFields values={p.values ?? {}} problems={p.problems} language={p.language} />
        <button type="submit" class="button">
          {t('setup.button')}
        </button>
      </form>
    </Layout>
  )
}
