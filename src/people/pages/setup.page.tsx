import type { Assets } from '../../platform/http/assets.ts'
import { Layout } from '../../site/layout.tsx'
import { ErrorSummary, NewAccountFields, type FormProblems } from '../../site/form.tsx'

/** The first account on a new instance, which becomes its admin. */
export const SetupPage = (p: {
  assets: Assets
  values?: Record<string, string>
  problems?: FormProblems | undefined
}) => (
  <Layout title={`${p.problems ? 'Error: ' : ''}Set up Gloss · Gloss`} assets={p.assets}>
    <ErrorSummary problems={p.problems} />
    <h1>Set up Gloss</h1>
    <p>
      Nobody has an account here yet. The account you make now is the instance's first administrator: it can
      invite people, import guides and manage accounts.
    </p>
    <form method="post" action="/setup" class="form">
      <NewAccountFields values={p.values ?? {}} problems={p.problems} />
      <button type="submit" class="button">
        Create the admin account
      </button>
    </form>
  </Layout>
)
