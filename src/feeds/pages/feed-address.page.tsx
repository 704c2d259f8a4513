import type { Assets } from '../../platform/http/assets.ts'
import type { Lang } from '../../platform/i18n/languages.ts'
import { translator } from '../../platform/i18n/messages.ts'
import { FEED_ADDRESS_PATH } from '../urls.ts'
import { Layout } from '../../site/layout.tsx'
import { ButtonForm, CopyField } from '../../site/form.tsx'

/** The account page's "Your feed": what the feed holds, and the form that makes its secret address. */
export const FeedSection = ({ language }: { language: Lang }) => {
  const t = translator(language)
  return (
    <section aria-labelledby="feed-title">
      <h2 id="feed-title">{t('feed.heading')}</h2>
      <p id="feed-about">{t('feed.about')}</p>
      <ButtonForm action={FEED_ADDRESS_PATH} label={t('feed.make')} describedBy="feed-about" />
    </section>
  )
}

/** A new address for the person's own feed, shown once: only its hash is kept. */
export const FeedAddressPage = (p: { assets: Assets; url: string; language: Lang }) => {
  const t = translator(p.language)
  return (
    <Layout title={t('feed.addressTitle')} assets={p.assets} language={p.language}>
      <h1>{t('feed.addressHeading')}</h1>
      <CopyField
        id="feed-address"
        label={t('feed.addressLabel')}
        value={p.url}
        hint={t('feed.addressHint')}
      />
      <p>
        <a href="/account">{t('feed.back')}</a>
      </p>
    </Layout>
  )
}
