import type { Lang } from '../../platform/i18n/languages.ts'
import { translator } from '../../platform/i18n/messages.ts'
import { requestLanguage } from '../../platform/http/language.tsx'

/** The administrators' pages, one link each; the current one marked for assistive technology. */
const PAGES = [
  ['/admin/people', 'admin.people'],
  ['/admin/settings', 'admin.settings'],
  ['/admin/audit', 'admin.audit'],
  ['/admin/instance', 'admin.instance'],
  ['/admin/jobs', 'admin.jobs'],
] as const

export const AdminNav = ({
  current,
  language,
}: {
  current: (typeof PAGES)[number][0]
  language?: Lang | undefined
}) => {
  const t = translator(language ?? requestLanguage())
  return (
    <nav class="sub-nav" aria-label={t('admin.nav')}>
      <ul>
        {PAGES.map(([href, label]) => (
          <li>
            <a href={href} aria-current={href === current ? 'page' : undefined}>
              {t(label)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  )
}

/** A role as a person reads it ("Editor", "Golygydd"); a role not known here as it is. */
export const roleLabel = (role: string, language: Lang = 'en') => translator(language)('role.label', { role })
