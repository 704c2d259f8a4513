import type { Assets } from '../../platform/http/assets.ts'
import { FEED_ADDRESS_PATH } from '../urls.ts'
import { Layout } from '../../site/layout.tsx'
import { ButtonForm, CopyField } from '../../site/form.tsx'

/** The account page's "Your feed": what the feed holds, and the form that makes its secret address. */
export const FeedSection = () => (
  <section aria-labelledby="feed-title">
    <h2 id="feed-title">Your feed</h2>
    <p id="feed-about">
      Follow replies to your comments, and the editors’ decisions on them, in a feed reader (Atom). The feed’s
      address holds a secret, shown once when you make it; making a new one stops the old one working.
    </p>
    <ButtonForm action={FEED_ADDRESS_PATH} label="Make a new feed address" describedBy="feed-about" />
  </section>
)

/** A new address for the person's own feed, shown once: only its hash is kept. */
export const FeedAddressPage = (p: { assets: Assets; url: string }) => (
  <Layout title="Your feed address · Gloss" assets={p.assets}>
    <h1>Your feed address</h1>
    <CopyField
      id="feed-address"
      label="Address of your feed of replies and decisions"
      value={p.url}
      hint={
        <>
          Copy it into your feed reader now: it is shown only once. Anyone with it can read the replies and
          decisions on your comments; any address you made before no longer works.
        </>
      }
    />
    <p>
      <a href="/account">Back to your account</a>
    </p>
  </Layout>
)
