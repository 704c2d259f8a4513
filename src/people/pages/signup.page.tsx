import type { Assets } from '../../platform/http/assets.ts'
import { Layout } from '../../site/layout.tsx'
import { ErrorSummary, NewAccountFields, type FormProblems } from '../../site/form.tsx'

/** Open sign-up: an account with no role, which may comment on guides open for consultation. */
export const SignUpPage = (p: {
  assets: Assets
  values?: Record<string, string>
  problems?: FormProblems | undefined
}) => (
  <Layout title={`${p.problems ? 'Error: ' : ''}Create an account · Gloss`} assets={p.assets}>
    <ErrorSummary problems={p.problems} fallback={{ name: 'email', message: 'Check your email address.' }} />
    <h1>Create an account</h1>
    <p>
      With an account you can comment on guides that are open for consultation. Already have one?{' '}
      <a href="/sign-in">Sign in</a>.
    </p>
    <form method="post" action="/signup" class="form">
      <NewAccountFields values={p.values ?? {}} problems={p.problems} />
      <button type="submit" class="button">
        Create the account
      </button>
    </form>
  </Layout>
)
