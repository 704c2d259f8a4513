import type { Child } from 'hono/jsx'
import type { Assets } from '../../platform/http/assets.ts'
import type { Lang } from '../../platform/i18n/languages.ts'
import { translator } from '../../platform/i18n/messages.ts'
import { Layout } from '../../site/layout.tsx'

/**
 * The question triage asks before a change to many comments at once (releasing every draft, tagging
 * every comment the filters show): a page of its own with one form, so it works without JavaScript, as
 * the editor's confirmation pages do (src/editions/pages/confirm.page.tsx). The form sends what the
 * first one did plus `confirmed=yes`; the server acts only on that, so a first click changes nothing.
 */
export const TriageConfirmPage = (p: {
  assets: Assets
  slug: string
  title: string
  action: string
  fields: Record<string, string>
  button: string
  cancel: string
  language: Lang
  children?: Child
}) => (
  <Layout
    title={translator(p.language)('editor.confirm.title', { question: p.title })}
    assets={p.assets}
    guide={{ slug: p.slug }}
    language={p.language}
  >
    <h1>{p.title}</h1>
    {p.children}
    <form method="post" action={p.action} class="form confirm-form">
      {Object.entries(p.fields).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <input type="hidden" name="confirmed" value="yes" />
      <p class="editor-actions">
        <button type="submit" class="button">
          {p.button}
        </button>
        <a href={p.cancel}>{translator(p.language)('themes.backToTriage')}</a>
      </p>
    </form>
  </Layout>
)
