import type { Assets } from '../../platform/http/assets.ts'
import type { Lang } from '../../platform/i18n/languages.ts'
import { translator } from '../../platform/i18n/messages.ts'
import { Layout } from '../../site/layout.tsx'
import { ErrorSummary, Field, type FormProblems } from '../../site/form.tsx'

/** Choosing a new password through a one-time link an administrator made. */
export const ResetPage = (p: {
  assets: Assets
  token: string
  problems?: FormProblems | undefined
  language: Lang
}) => {
  const t = translator(p.language)
  return (
    <Layout
      title={t(p.problems ? 'reset.titleError' : 'reset.title')}
      assets={p.assets}
      language={p.language}
    >
      <ErrorSummary problems={p.problems} language={p.language} />
      <h1>{t('reset.heading')}</h1>
      <p>{t('reset.intro')}</p>
      <form method="post" action={`/reset/${p.token}`} class="form">
        <Field
          name="password"
          label={t('account.newPassword')}
          type="password"
          hint={t('reset.hint')}
          autocomplete="new-password"
          required
          maxlength={200}
          problems={p.problems}
          language={p.language}
        />
        <button type="submit" class="button">
          {t('reset.button')}
        </button>
      </form>
    </Layout>
  )
}
