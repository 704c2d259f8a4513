import type { Assets } from '../../platform/http/assets.ts'
import type { Lang } from '../../platform/i18n/languages.ts'
import { translator } from '../../platform/i18n/messages.ts'
import { Layout } from '../../site/layout.tsx'
import { StatusMessage } from '../../site/form.tsx'
import { editionPath, guidePath, permalinkPath } from '../../guides/urls.ts'
import type { FollowedItem } from '../following-list.service.ts'
import { followFormPath, followingPath, notificationsPath } from '../urls.ts'

/** What a follow form just did, as the page tells it, or (`offer`) what it was pressed to do before signing in. */
export interface FollowDone {
  following: boolean | 'offer'
  slug: string
  blockKey: string | null
  title: string
  /** The paragraph's number; null for the guide. */
  number: string | null
  /** Where the form was, already made safe; undefined when it was this page. */
  back: string | undefined
}

export interface FollowingPageProps {
  assets: Assets
  items: FollowedItem[]
  next: string | null
  cursor: string | undefined
  done: FollowDone | undefined
  language: Lang
}

/** A sentence for a follow just made or ended: "You now follow paragraph 3 of …". */
const doneText = (done: FollowDone, language: Lang) =>
  translator(language)(
    done.following === 'offer' ? 'following.offer' : done.following ? 'following.now' : 'following.noLonger',
    {
      what: done.number === null ? 'guide' : 'paragraph',
      title: done.title,
      number: done.number ?? '',
    },
  )

/** The follow a person pressed before signing in, to send now they are signed in. */
const OfferForm = ({ done, language }: { done: FollowDone; language: Lang }) => (
  <form method="post" action={followFormPath(done.slug)} class="follow-form">
    {done.blockKey === null ? null : <input type="hidden" name="key" value={done.blockKey} />}
    <input type="hidden" name="back" value={done.back ?? followingPath} />
    <input type="hidden" name="follow" value="true" />
    <button type="submit" class="button">
      {translator(language)('follow.start', { what: done.blockKey === null ? 'guide' : 'paragraph' })}
    </button>
  </form>
)

/** One thing followed: where it is, its words' start, and a form (no script) that stops following it. */
const Followed = ({ item, language }: { item: FollowedItem; language: Lang }) => {
  const t = translator(language)
  const stop =
    item.number === null
      ? t('following.stopGuide', { title: item.title })
      : t('following.stopParagraph', { title: item.title, number: item.number })
  return (
    <li class="following-item" data-key={item.blockKey ?? ''}>
      <p>
        {item.blockKey === null ? (
          <>
            <a href={guidePath(item.slug)} lang={item.lang}>
              {item.title}
            </a>{' '}
            · {t('following.guide')}
          </>
        ) : (
          <>
            {item.removedAfter === null ? (
              <a href={permalinkPath(item.slug, item.blockKey)}>
                {t('following.paragraph', { number: item.number ?? '' })}
              </a>
            ) : (
              // Removed since: its number was the edition's, so it is read there, and said to be gone now.
              <a href={editionPath(item.slug, item.removedAfter, item.blockKey)}>
                {t('following.paragraphRemoved', { number: item.number ?? '', edition: item.removedAfter })}
              </a>
            )}{' '}
            · <span lang={item.lang}>{item.title}</span>
          </>
        )}
      </p>
      {item.excerpt ? (
        <p class="following-excerpt">
          “<span lang={item.lang}>{item.excerpt}</span>”
        </p>
      ) : null}
      <form method="post" action={followFormPath(item.slug)}>
        {item.blockKey === null ? null : <input type="hidden" name="key" value={item.blockKey} />}
        <input type="hidden" name="back" value={followingPath} />
        <input type="hidden" name="follow" value="false" />
        <button type="submit" class="button button-secondary" aria-label={stop}>
          {t('following.stop')}
        </button>
      </form>
    </li>
  )
}

/**
 * What a person follows (SPEC.md, "Following and notifications"): where a follow form lands, saying what
 * it did with the way back, then each guide and paragraph followed with a form to stop. Complete
 * without script; the person's own, so never cached.
 */
export const FollowingPage = (p: FollowingPageProps) => {
  const t = translator(p.language)
  return (
    <Layout title={t('following.title')} assets={p.assets} language={p.language}>
      <div class="notifications following">
        <p class="thread-back">
          <a href={notificationsPath}>{t('following.notices')}</a>
        </p>
        <h1>{t('following.heading')}</h1>
        <StatusMessage>
          {p.done ? (
            <>
              {doneText(p.done, p.language)}
              {p.done.back ? (
                <>
                  {' '}
                  <a href={p.done.back}>{t('following.back')}</a>
                </>
              ) : null}
            </>
          ) : null}
        </StatusMessage>
        {p.done?.following === 'offer' ? <OfferForm done={p.done} language={p.language} /> : null}
        <p>{t('following.about')}</p>
        {p.items.length === 0 ? <p class="notice">{t('following.none')}</p> : null}
        {p.items.length > 0 ? (
          <ul class="following-list" id="following">
            {p.items.map((item) => (
              <Followed item={item} language={p.language} />
            ))}
          </ul>
        ) : null}
        {p.cursor || p.next ? (
          <nav class="pager" aria-label={t('following.pages')}>
            {p.cursor ? <a href={followingPath}>{t('following.first')}</a> : null}
            {p.next ? (
              <a href={`${followingPath}?cursor=${p.next}`} rel="next">
                {t('following.more')}
              </a>
            ) : null}
          </nav>
        ) : null}
      </div>
    </Layout>
  )
}
