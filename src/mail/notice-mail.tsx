import type { Child } from 'hono/jsx'
import type { NoticeType } from '../kernel/words.ts'
import type { Lang } from '../platform/i18n/languages.ts'
import { translator, type MessageKey } from '../platform/i18n/messages.ts'
import { rich, slot } from '../site/rich-message.tsx'
import { describeNotice } from '../notifications/notice-view.ts'
import { noticeDetails, noticeDetailsAsText, NoticeDetailsView } from '../notifications/notice-details.tsx'

/** A notice as a message tells it. */
export interface MailNotice {
  type: NoticeType
  subject: Record<string, unknown>
  guideSlug: string
  guideTitle: string
}

export interface MailContent {
  subject: string
  text: string
  html: string
}

const SUBJECT = {
  'comment.replied': ['mail.subject.replied', 'mail.action.replied'],
  'comment.decided': ['mail.subject.decided', 'mail.action.decided'],
  'block.revised': ['mail.subject.revised', 'mail.action.revised'],
  'consultation.opened': ['mail.subject.opened', 'mail.action.opened'],
  'consultation.closing': ['mail.subject.closing', 'mail.action.closing'],
  'edition.published': ['mail.subject.published', 'mail.action.published'],
} as const satisfies Record<NoticeType, readonly [MessageKey, MessageKey]>

export interface MailLinks {
  /** The site as people reach it (PUBLIC_URL), without a trailing slash. */
  origin: string
  unsubscribe: string
  settings: string
}

/**
 * A notice's subject line (when it goes alone), sentence, link and words for the link, in the language.
 * The sentence is the one the site shows (notifications/notice-view.ts), so the mail and the page never
 * tell it differently, and the link goes to the same exact place: the comment in its thread, the
 * paragraph's redline, the edition.
 */
function told(n: MailNotice, origin: string, lang: Lang) {
  const t = translator(lang)
  const [subject, action] = SUBJECT[n.type]
  const { text, url } = describeNotice(n.type, n.guideSlug, n.subject, lang)
  const details = noticeDetails(n.type, n.subject, lang)
  return {
    subject: t(subject, { title: n.guideTitle }),
    action: t(action),
    text,
    details,
    url: `${origin}${url}`,
  }
}

/** Rendered by JSX as the pages are, so every value is escaped. */
const render = async (node: Child) => (await (<>{node}</>)).toString()

const Footer = ({ links, lang }: { links: MailLinks; lang: Lang }) => {
  const t = translator(lang)
  return (
    <p style="color:#555;font-size:13px;margin-top:24px">
      {t('mail.why')}{' '}
      {rich(t('mail.footerLinks', { settings: slot('settings'), stop: slot('stop') }), {
        settings: <a href={links.settings}>{t('mail.settings')}</a>,
        stop: <a href={links.unsubscribe}>{t('mail.stop')}</a>,
      })}
    </p>
  )
}

const textFooter = (links: MailLinks, lang: Lang) => {
  const t = translator(lang)
  return `${t('mail.why')}\n${t('mail.settings')}: ${links.settings}\n${t('mail.stopText')}: ${links.unsubscribe}\n`
}

/** The message for one notice, sent on its own (a person who chose to hear at once), in their language. */
export async function noticeMessage(
  n: MailNotice,
  links: MailLinks,
  lang: Lang = 'en',
): Promise<MailContent> {
  const t = told(n, links.origin, lang)
  const html = await render(
    <html lang={lang}>
      <body style="font-family:system-ui,sans-serif;line-height:1.5;max-width:40em">
        <p style="color:#555;margin:0">{n.guideTitle}</p>
        <p>{t.text}</p>
        <NoticeDetailsView details={t.details} />
        <p>
          <a href={t.url}>{t.action}</a>
        </p>
        <Footer links={links} lang={lang} />
      </body>
    </html>,
  )
  const details = t.details ? `${noticeDetailsAsText(t.details, lang)}\n\n` : ''
  const text = `${n.guideTitle}\n\n${t.text}\n\n${details}${t.action}: ${t.url}\n\n-- \n${textFooter(links, lang)}`
  return { subject: t.subject, text, html: `<!doctype html>${html}` }
}

/** A digest: every notice since the last one, grouped by guide in the order they happened. */
export async function digestMessage(
  notices: readonly MailNotice[],
  period: 'daily' | 'weekly',
  links: MailLinks,
  lang: Lang = 'en',
): Promise<MailContent> {
  const t = translator(lang)
  const guides = new Map<string, { title: string; items: ReturnType<typeof told>[] }>()
  for (const n of notices) {
    const group = guides.get(n.guideSlug) ?? { title: n.guideTitle, items: [] }
    group.items.push(told(n, links.origin, lang))
    guides.set(n.guideSlug, group)
  }
  const counted = { count: notices.length, period }
  const subject = t('mail.digestSubject', counted)
  const html = await render(
    <html lang={lang}>
      <body style="font-family:system-ui,sans-serif;line-height:1.5;max-width:40em">
        <p>{t('mail.digestLead', counted)}</p>
        {[...guides.values()].map((group) => (
          <>
            <h2 style="font-size:18px">{group.title}</h2>
            <ul>
              {group.items.map((item) => (
                <li>
                  {item.text} <a href={item.url}>{item.action}</a>
                  <NoticeDetailsView details={item.details} />
                </li>
              ))}
            </ul>
          </>
        ))}
        <Footer links={links} lang={lang} />
      </body>
    </html>,
  )
  const text = [
    t('mail.digestLead', counted),
    ...[...guides.values()].map(
      (group) =>
        `${group.title}\n${group.items
          .map(
            (item) =>
              `- ${item.text}\n${item.details ? `${noticeDetailsAsText(item.details, lang, '  ')}\n` : ''}  ${item.action}: ${item.url}`,
          )
          .join('\n')}`,
    ),
    `-- \n${textFooter(links, lang)}`,
  ].join('\n\n')
  return { subject, text, html: `<!doctype html>${html}` }
}
