import type { Child } from 'hono/jsx'
import type { Assets } from '../../platform/http/assets.ts'
import type { Lang } from '../../platform/i18n/languages.ts'
import { translator } from '../../platform/i18n/messages.ts'
import { ConfirmPage } from '../../editions/pages/confirm.page.tsx'

/**
 * The question triage asks before a change to many comments at once (releasing every draft, tagging
 * every comment the filters show): the editors' confirmation page (src/editions/pages/confirm.page.tsx),
 * leading back to triage. The form sends what the first one did plus `confirmed=yes`; the server acts
 * only on that, so a first click changes nothing.
 */
export const TriageConfirmPage = (p: {
  assets: Assets
  slug: string
  title: string
  action: string
  fields: Record<string, string>
  button: string
  /** Triage's address, with the filters the editor had. */
  cancel: string
  language: Lang
  children?: Child
}) => <ConfirmPage {...p} cancel={{ href: p.cancel, label: translator(p.language)('themes.backToTriage') }} />
