import { invitationsPath, participantsPath } from '../../people/urls.ts'
import type { Lang } from '../../platform/i18n/languages.ts'
import { translator, type MessageKey } from '../../platform/i18n/messages.ts'
import { requestLanguage } from '../../platform/http/language.tsx'
import { editorPaths } from '../urls.ts'

export type EditorPage = keyof ReturnType<typeof editorPaths>

const LINKS: [EditorPage, MessageKey][] = [
  ['manage', 'editor.nav.manage'],
  ['revise', 'editor.nav.revise'],
  ['preview', 'editor.nav.preview'],
  ['moderation', 'editor.nav.moderation'],
]

/** The editor's pages of a guide; in the request's language where a page does not give its own. */
export const EditorNav = (p: { slug: string; current: EditorPage; language?: Lang | undefined }) => {
  const paths = editorPaths(p.slug)
  const t = translator(p.language ?? requestLanguage())
  return (
    <nav class="sub-nav" aria-label={t('editor.nav.label')}>
      <ul>
        {LINKS.map(([page, label]) => (
          <li>
            <a href={paths[page]} aria-current={page === p.current ? 'page' : undefined}>
              {t(label)}
            </a>
          </li>
        ))}
        <li>
          <a href={invitationsPath(p.slug)}>{t('editor.nav.invitations')}</a>
        </li>
        <li>
          <a href={participantsPath(p.slug)}>{t('editor.nav.participants')}</a>
        </li>
      </ul>
    </nav>
  )
}
