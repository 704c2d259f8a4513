import type { Lang } from '../../platform/i18n/languages.ts'
import { translator } from '../../platform/i18n/messages.ts'
import { rich, slot } from '../../site/rich-message.tsx'
import type { Assets } from '../../platform/http/assets.ts'
import { Layout } from '../../site/layout.tsx'
import { ErrorSummary, Field, StatusMessage, type FormProblems } from '../../site/form.tsx'

export const SignInPage = (p: {
  assets: Assets
  /** Where to go after signing in: a same-site path, already checked. */
  next?: string | undefined
  values?: Record<string, string>
  problems?: FormProblems | undefined
  notice?: string | undefined
  language: Lang
}) => {
  const t = translator(p.language)
  return (
    <Layout
      title={t(p.problems ? 'signIn.titleError' : 'signIn.title')}
      assets={p.assets}
      language={p.language}
    >
      <ErrorSummary
        problems={p.problems}
        fallback={{ name: 'email', message: t('signIn.check') }}
        language={p.language}
      />
      <h1>{t('signIn.heading')}</h1>
      <StatusMessage>{p.notice}</StatusMessage>
      <form method="post" action="/sign-in" class="form">
        {p.next ? <input type="hidden" name="next" value={p.next} /> : null}
        <Field
          name="email"
          label={t('form.email')}
          type="email"
          value={p.values?.email}
          autocomplete="email"
          required
          maxlength={254}
          problems={p.problems}
          language={p.language}
        />
        <Field
          name="password"
          label={t('form.password')}
          type="password"
          autocomplete="current-password"
          required
          maxlength={200}
          problems={p.problems}
          language={p.language}
        />
        <button type="submit" class="button">
          {t('signIn.button')}
        </button>
      </form>
      <p>
        {rich(t('signIn.noAccount', { link: slot('link') }), {
          link: <a href="/signup">{t('signIn.createAccount')}</a>,
        })}
      </p>
    </Layout>
  )
}
