import type { Assets } from '../../platform/http/assets.ts'
import type { Lang } from '../../platform/i18n/languages.ts'
import { translator } from '../../platform/i18n/messages.ts'
import { Layout } from '../../site/layout.tsx'
import { StatusMessage, Time } from '../../site/form.tsx'
import { guidePath } from '../../guides/urls.ts'
import type { EmailChoice } from '../../kernel/words.ts'
import type { FormProblems } from '../../site/form.tsx'
import type { NoticeView } from '../notice-view.ts'
import { EmailSettingsForm, type EmailSettingsFormProps } from './email-settings-form.tsx'
import { noticeDetails, NoticeDetailsView } from '../notice-details.tsx'
import { followingPath, markAllReadPath, noticePath, notificationsPath } from '../urls.ts'

export interface NotificationsPageProps {
  assets: Assets
  items: NoticeView[]
  next: string | null
  cursor: string | undefined
  unread: number
  done?: string | undefined
  /** How notices reach the person by email, and whether this site sends any. */
  email: EmailChoice
  mailEnabled: boolean
  /** When digests go out, for the email form's hint. */
  digestAt?: EmailSettingsFormProps['digestAt']
  /** A mail server refused the person's address for good. */
  bounce?: EmailSettingsFormProps['bounce']
  /** The email form refused, shown again with the reason. */
  emailProblems?: FormProblems | undefined
  language: Lang
}

/** The page's notices by guide, each guide where its newest notice puts it. */
function byGuide(items: readonly NoticeView[]) {
  const groups = new Map<string, { guide: NoticeView['guide']; items: NoticeView[] }>()
  for (const item of items) {
    const group = groups.get(item.guide.slug) ?? { guide: item.guide, items: [] }
    group.items.push(item)
    groups.set(item.guide.slug, group)
  }
  return [...groups.values()]
}

/**
 * A person's notices (SPEC.md, "Following and notifications"): newest first, grouped by guide, each a
 * sentence with a link to the exact paragraph, thread or redline, new ones marked; then how they come by
 * email. Complete without script.
 */
export const NotificationsPage = (p: NotificationsPageProps) => {
  const t = translator(p.language)
  return (
    <Layout title={t('notices.title')} assets={p.assets} language={p.language}>
      <div class="notifications">
        <p class="thread-back">
          <a href="/account">{t('notices.account')}</a> · <a href={followingPath}>{t('notices.following')}</a>
        </p>
        <h1>{t('notices.heading')}</h1>
        <StatusMessage>{p.done === 'read' ? t('notices.allRead') : null}</StatusMessage>
        <p>
          {t('notices.unread', { count: p.unread })} {t('notices.about')}
        </p>
        {p.unread > 0 ? (
          <form method="post" action={markAllReadPath}>
            <button type="submit" class="button button-secondary">
              {t('notices.markAll')}
            </button>
          </form>
        ) : null}
        {p.items.length === 0 ? (
          <p class="notice">{t(p.cursor ? 'notices.noOlder' : 'notices.none')}</p>
        ) : null}
        {byGuide(p.items).map((group, i) => (
          <section class="notice-guide" aria-labelledby={`notice-guide-${String(i)}`}>
            <h2 id={`notice-guide-${String(i)}`}>
              <a href={guidePath(group.guide.slug)}>{group.guide.title}</a>
            </h2>
            <ol class="notice-list">
              {group.items.map((n) => (
                <li class={n.readAt === null ? 'notice-item unread' : 'notice-item'} data-type={n.type}>
                  {n.readAt === null ? <strong class="notice-new">{`${t('notices.new')} `}</strong> : null}
                  <a href={noticePath(n.id)}>{n.text}</a> <Time at={n.createdAt} language={p.language} />
                  <NoticeDetailsView details={noticeDetails(n.type, n, p.language)} cues />
                </li>
              ))}
            </ol>
          </section>
        ))}
        {p.cursor || p.next ? (
          <nav class="pager" aria-label={t('notices.pages')}>
            {p.cursor ? <a href={notificationsPath}>{t('notices.newest')}</a> : null}
            {p.next ? (
              <a href={`${notificationsPath}?cursor=${p.next}`} rel="next">
                {t('notices.older')}
              </a>
            ) : null}
          </nav>
        ) : null}
        <EmailSettingsForm
          email={p.email}
          mailEnabled={p.mailEnabled}
          digestAt={p.digestAt}
          saved={p.done === 'email'}
          bounce={p.bounce}
          retried={p.done === 'mail-retry'}
          problems={p.emailProblems}
          language={p.language}
        />
      </div>
    </Layout>
  )
}
