import type { Assets } from '../../platform/http/assets.ts'
import { Layout } from '../../site/layout.tsx'
import { ErrorSummary, Field, type FormProblems } from '../../site/form.tsx'

/** Choosing a new password through a one-time link an administrator made. */
export const ResetPage = (p: { assets: Assets; token: string; problems?: FormProblems | undefined }) => (
  <Layout title={`${p.problems ? 'Error: ' : ''}Choose a new password · Gloss`} assets={p.assets}>
    <ErrorSummary problems={p.problems} />
    <h1>Choose a new password</h1>
    <p>This link works once. Choosing a password signs your account out everywhere; then sign in with it.</p>
    <form method="post" action={`/reset/${p.token}`} class="form">
      <Field
        name="password"
        label="New password"
        type="password"
        hint="At least 10 characters."
        autocomplete="new-password"
        required
        maxlength={200}
        problems={p.problems}
      />
      <button type="submit" class="button">
        Save the new password
      </button>
    </form>
  </Layout>
)
