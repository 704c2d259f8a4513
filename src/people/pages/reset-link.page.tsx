import type { Assets } from '../../platform/http/assets.ts'
import { Layout } from '../../site/layout.tsx'
import { AdminNav } from './admin-nav.tsx'
import { CopyField, Time } from '../../site/form.tsx'

/** A one-time password reset link, shown once, for the admin to hand over. */
export const ResetLinkPage = (p: {
  assets: Assets
  person: { displayName: string; email: string | null }
  url: string
  expiresAt: Date
}) => (
  <Layout title="Reset link · Gloss" assets={p.assets}>
    <AdminNav current="/admin/people" />
    <h1>Reset link for {p.person.displayName}</h1>
    <CopyField
      id="reset-link"
      label="One-time link to choose a new password"
      value={p.url}
      hint={
        <>
          Copy it now: it is shown only once. Give it to {p.person.email ?? 'them'} privately; it works once,
          until <Time at={p.expiresAt} />.
        </>
      }
    />
    <p>
      <a href="/admin/people">Back to people</a>
    </p>
  </Layout>
)
