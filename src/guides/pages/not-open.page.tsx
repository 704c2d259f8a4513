import type { Assets } from '../../platform/http/assets.ts'
import type { Lang } from '../../platform/i18n/languages.ts'
import { translator } from '../../platform/i18n/messages.ts'
import type { GuideRole } from '../../kernel/words.ts'
import { Layout } from '../../site/layout.tsx'
import { rich, slot } from '../../site/rich-message.tsx'
import { roleLabel } from '../../people/pages/admin-nav.tsx'
import { notificationsPath } from '../../notifications/urls.ts'
import { privacyPath } from '../../privacy/urls.ts'

export interface NotOpenPageProps {
  assets: Assets
  guide: { slug: string; title: string }
  /** The viewer's part in the guide. */
  role: GuideRole
  language: Lang
}

/**
 * A guide's address for someone with a part in it while it has nothing they may read yet: where a
 * reviewer lands on joining before the consultation opens. It says they have joined and that they will
 * be told when it opens (everyone with a role on the guide is sent the `consultation.opened` notice).
 */
export const NotOpenPage = (p: NotOpenPageProps) => {
  const t = translator(p.language)
  return (
    <Layout
      title={t('notOpen.title', { title: p.guide.title })}
      assets={p.assets}
      language={p.language}
      guide={p.guide}
    >
      <h1>{t('notOpen.heading', { title: p.guide.title })}</h1>
      <div class="notice">
        <p>
          {rich(t('notOpen.joined', { role: slot('role') }), {
            role: <strong>{roleLabel(p.role, p.language).toLowerCase()}</strong>,
          })}
        </p>
        <p>
          {rich(t('notOpen.told', { link: slot('link') }), {
            link: <a href={notificationsPath}>{t('notOpen.noticesLink')}</a>,
          })}
        </p>
        <p>
          <a href={privacyPath(p.guide.slug)}>{t('invitation.privacyNotice')}</a>
        </p>
      </div>
    </Layout>
  )
}
