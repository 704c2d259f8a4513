import type { Assets } from '../../platform/http/assets.ts'
import type { Lang } from '../../platform/i18n/languages.ts'
import { translator } from '../../platform/i18n/messages.ts'
import { rich, slot } from '../../site/rich-message.tsx'
import { Layout } from '../../site/layout.tsx'
import { ErrorSummary, NewAccountFields, type FormProblems } from '../../site/form.tsx'

/** Open sign-up: an account with no role, which may comment on guides open for consultation. */
export const SignUpPage = (p: {
  assets: Assets
  values?: Record<string, string>
  problems?: FormProblems | undefined
  language: Lang
}) => {
  const t = translator(p.language)
  return (
    <Layout
      title={t(p.problems ? 'signUp.titleError' : 'signUp.title')}
      assets={p.assets}
      language={p.language}
    >
      <ErrorSummary
        problems={p.problems}
        fallback={{ name: 'email', message: t('signUp.check') }}
        language={p.language}
      />
      <h1>{t('signUp.heading')}</h1>
      <p>
        {rich(t('signUp.intro', { link: slot('link') }), {
          link: <a href="/sign-in">{t('signUp.signIn')}</a>,
        })}
      </p>
      <form method="post" action="/signup" class="form">
        <NewAccountFields values={p.values ?? {}} problems={p.problems} language={p.language} />
        <button type="submit" class="button">
          {t('signUp.button')}
        </button>
      </form>
    </Layout>
  )
}
