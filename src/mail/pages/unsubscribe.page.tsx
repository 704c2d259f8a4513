import type { Assets } from '../../platform/http/assets.ts'
import { Layout } from '../../site/layout.tsx'
import type { Lang } from '../../platform/i18n/languages.ts'
import { translator } from '../../platform/i18n/messages.ts'

/**
 * Where a message's "stop these emails" link leads: a button that turns email off, so a link followed
 * by a mail scanner changes nothing; mail programs offering one-click unsubscribe POST to the same
 * address (RFC 8058) without this page.
 */
export const UnsubscribePage = (p: { assets: Assets; action: string; language: Lang }) => {
  const t = translator(p.language)
  return (
    <Layout title={t('unsubscribe.title')} assets={p.assets} language={p.language}>
      <h1>{t('unsubscribe.heading')}</h1>
      <p>{t('unsubscribe.body')}</p>
      <form method="post" action={p.action} class="form">
        <input type="hidden" name="List-Unsubscribe" value="One-Click" />
        <button type="submit" class="button">
          {t('unsubscribe.button')}
        </button>
      </form>
    </Layout>
  )
}
