import type { Child } from 'hono/jsx'
import type { Assets } from '../platform/http/assets.ts'
import { Layout } from './layout.tsx'
import type { Lang } from '../platform/i18n/languages.ts'
import { translator } from '../platform/i18n/messages.ts'
import { requestLanguage } from '../platform/http/language.tsx'

/** A page that only says something: not found, removed, an error. */
export const MessagePage = (p: { assets: Assets; title: string; language?: Lang; children?: Child }) => {
  const language = p.language ?? requestLanguage()
  return (
    <Layout
      title={translator(language)('page.title', { title: p.title })}
      assets={p.assets}
      language={language}
    >
      <h1>{p.title}</h1>
      <div class="notice">{p.children}</div>
    </Layout>
  )
}
