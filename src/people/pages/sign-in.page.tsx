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
}) => (
  <Layout title={`${p.problems ? 'Error: ' : ''}Sign in · Gloss`} assets={p.assets}>
    <ErrorSummary
      problems={p.problems}
      fallback={{ name: 'email', message: 'Check your email address and password.' }}
    />
    <h1>Sign in</h1>
    <StatusMessage>{p.notice}</StatusMessage>
    <form method="post" action="/sign-in" class="form">
      {p.next ? <input type="hidden" name="next" value={p.next} /> : null}
      <Field
        name="email"
        label="Email address"
        type="email"
        value={p.values?.email}
        autocomplete="email"
        required
        maxlength={254}
        problems={p.problems}
      />
      <Field
        name="password"
        label="Password"
        type="password"
        autocomplete="current-password"
        required
        maxlength={200}
        problems={p.problems}
      />
      <button type="submit" class="button">
        Sign in
      </button>
    </form>
    <p>
      No account? Ask the people running a consultation for an invitation link, or{' '}
      <a href="/signup">create an account</a> if this instance takes sign-ups. Forgotten your password? An
      administrator can give you a link to choose a new one.
    </p>
  </Layout>
)
