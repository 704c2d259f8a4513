import type { Assets } from '../../platform/http/assets.ts'
import { Layout } from '../../site/layout.tsx'
import { AdminNav } from './admin-nav.tsx'
import { StatusMessage } from '../../site/form.tsx'

export const AdminSettingsPage = (p: { assets: Assets; openSignUp: boolean; saved?: boolean }) => (
  <Layout title="Settings · Gloss" assets={p.assets}>
    <AdminNav current="/admin/settings" />
    <h1>Instance settings</h1>
    <StatusMessage>{p.saved ? 'The settings are saved.' : undefined}</StatusMessage>
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
        <label for="openSignUp">Open sign-up</label>
        <p class="field-hint" id="openSignUp-hint">
          Anyone may make an account and comment on guides open for consultation. Off, people join only by
          invitation.
        </p>
      </div>
      <button type="submit" class="button">
        Save settings
      </button>
    </form>
  </Layout>
)
