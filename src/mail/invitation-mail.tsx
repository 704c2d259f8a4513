import type { Child } from 'hono/jsx'
import type { MailContent } from './notice-mail.tsx'
import type { Lang } from '../platform/i18n/languages.ts'
import { translator } from '../platform/i18n/messages.ts'

const render = async (node: Child) => (await (<>{node}</>)).toString()

/** An invitation by email: who invites, to which guide and role, the link, and until when it works. */
/**
 * An invitation to someone whose language Gloss does not know (they have no account, or never chose):
 * in Welsh and in English both, Welsh first, as Welsh public bodies write to the public, each part
 * marked with its language.
 */
export async function bilingualInvitationMessage(
  p: Omit<Parameters<typeof invitationMessage>[0], 'language' | 'expires'> & {
    expires: Record<Lang, string>
  },
): Promise<MailContent> {
  const cy = await invitationMessage({ ...p, expires: p.expires.cy, language: 'cy' })
  const en = await invitationMessage({ ...p, expires: p.expires.en, language: 'en' })
  const body = (html: string) => /<body[^>]*>([\s\S]*)<\/body>/.exec(html)?.[1] ?? ''
  return {
    subject: `${cy.subject} / ${en.subject}`,
    text: `${cy.text}\n----\n\n${en.text}`,
    html: `<!doctype html><html lang="cy"><body style="font-family:system-ui,sans-serif;line-height:1.5;max-width:40em"><div lang="cy">${body(cy.html)}</div><hr /><div lang="en">${body(en.html)}</div></body></html>`,
  }
}

export async function invitationMessage(p: {
  url: string
  guideTitle: string
  role: 'reviewer' | 'editor'
  inviterName: string
  expires: string
  /** The language the inviter wrote it in: whoever opens it has not chosen one yet. */
  language: Lang
}): Promise<MailContent> {
  const t = translator(p.language)
  const lead = t('mail.invitation.lead', { inviter: p.inviterName, title: p.guideTitle, role: p.role })
  const expires = t('mail.invitation.expires', { expires: p.expires })
  const html = await render(
    <html lang={p.language}>
      <body style="font-family:system-ui,sans-serif;line-height:1.5;max-width:40em">
        <p>{lead}</p>
        <p>
          <a href={p.url}>{t('mail.invitation.accept')}</a>
        </p>
        <p style="color:#555;font-size:13px">{expires}</p>
      </body>
    </html>,
  )
  return {
    subject: t('mail.invitation.subject', { title: p.guideTitle }),
    text: `${lead}\n\n${t('mail.invitation.accept')}: ${p.url}\n\n${expires}\n`,
    html: `<!doctype html>${html}`,
  }
}
