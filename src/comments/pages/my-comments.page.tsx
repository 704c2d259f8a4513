import type { WordsLanguage } from '../../editions/words-language.service.ts'
import type { MyComment, MyCommentsSummary } from '../my-comments.service.ts'
import type { Assets } from '../../platform/http/assets.ts'
import { Layout } from '../../site/layout.tsx'
import { MyCommentCard } from './my-comment-card.tsx'
import { guidePath } from '../../guides/urls.ts'
import type { Lang } from '../../platform/i18n/languages.ts'
import { decisionLabelIn, translator } from '../../platform/i18n/messages.ts'
import { requestLanguage } from '../../platform/http/language.tsx'
import { rich, slot } from '../../site/rich-message.tsx'

export const MY_COMMENTS_PATH = '/me/comments'

export interface MyCommentsPageProps {
  assets: Assets
  items: MyComment[]
  next: string | null
  cursor: string | undefined
  summary: MyCommentsSummary
  /** The interface language; the request's where the route does not say. */
  language?: Lang | undefined
  /** A translation's language for each comment's quoted words (wordsLanguages). */
  wordsLang?: WordsLanguage | undefined
}

/** The page's comments by guide, each guide where its newest comment on the page puts it. */
function byGuide(items: readonly MyComment[]) {
  const groups = new Map<string, { guide: MyComment['guide']; items: MyComment[] }>()
  for (const item of items) {
    const group = groups.get(item.guide.slug) ?? { guide: item.guide, items: [] }
    group.items.push(item)
    groups.set(item.guide.slug, group)
  }
  return [...groups.values()]
}

const Summary = ({ summary, language }: { summary: MyCommentsSummary; language: Lang }) => {
  const t = translator(language)
  return (
    <section class="my-summary" aria-labelledby="summary-title">
      <h2 id="summary-title">{t('mine.summaryHeading')}</h2>
      <p>{t('mine.wrote', { comments: summary.comments, replies: summary.replies })}</p>
      <ul class="decision-counts">
        {summary.decisions.map((d) => (
          <li class={d.count === 0 ? 'none' : undefined}>
            <span class="count">{d.count}</span>{' '}
            <span class="label">{decisionLabelIn(language, d.decision)}</span>
          </li>
        ))}
      </ul>
    </section>
  )
}

/**
 * "What happened to my comments" (journey 6): the person's own comments, newest first and grouped by
 * guide, each with the decision, the response and a redline of its paragraph since. Complete without script.
 */
export const MyCommentsPage = (p: MyCommentsPageProps) => {
  const language = p.language ?? requestLanguage()
  const t = translator(language)
  return (
    <Layout title={t('mine.title')} assets={p.assets} language={language}>
      <div class="my-comments">
        <p class="thread-back">
          <a href="/account">{t('notices.account')}</a>
        </p>
        <h1>{t('mine.heading')}</h1>
        <p>
          {rich(t('mine.feed', { link: slot('link') }), {
            link: <a href="/account#feed-title">{t('mine.feedLink')}</a>,
          })}
        </p>
        {p.summary.comments + p.summary.replies === 0 ? (
          <p class="notice">{t('mine.none')}</p>
        ) : (
          <>
            <Summary summary={p.summary} language={language} />
            {p.items.length === 0 ? <p>{t('mine.noOlder')}</p> : null}
            {byGuide(p.items).map((group, i) => (
              <section class="my-guide" aria-labelledby={`guide-${String(i)}`}>
                <h2 id={`guide-${String(i)}`}>
                  <a href={guidePath(group.guide.slug)} lang={group.guide.lang}>
                    {group.guide.title}
                  </a>
                </h2>
                <ol class="my-comment-list">
                  {group.items.map((c) => (
                    <MyCommentCard c={c} language={language} wordsLang={p.wordsLang} />
                  ))}
                </ol>
              </section>
            ))}
            {p.cursor || p.next ? (
              <nav class="pager" aria-label={t('mine.pages')}>
                {p.cursor ? <a href={MY_COMMENTS_PATH}>{t('mine.newest')}</a> : null}
                {p.next ? (
                  <a href={`${MY_COMMENTS_PATH}?cursor=${p.next}`} rel="next">
                    {t('mine.older')}
                  </a>
                ) : null}
              </nav>
            ) : null}
          </>
        )}
      </div>
    </Layout>
  )
}
