import type { Lang } from '../platform/i18n/languages.ts'
import { translator } from '../platform/i18n/messages.ts'
/** A feed a page offers: in its head for feed readers to find, and on the page for people. */
export interface PageFeed {
  title: string
  href: string
}

/** "Follow: …", the page's feeds as links, to end a page's line of facts about the edition. */
export const FollowLinks = ({ feeds, language = 'en' }: { feeds: readonly PageFeed[]; language?: Lang }) =>
  feeds.length === 0 ? null : (
    <>
      {' '}
      <span class="follow-feeds">
        · {translator(language)('feeds.follow')}{' '}
        {feeds.map((feed, i) => (
          <>
            {i > 0 ? ', ' : null}
            <a href={feed.href} type="application/atom+xml">
              {feed.title}
            </a>
          </>
        ))}
      </span>
    </>
  )
