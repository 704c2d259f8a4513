import type { MyComment, MyCommentsSummary } from '../my-comments.service.ts'
import type { Assets } from '../../platform/http/assets.ts'
import { Layout } from '../../site/layout.tsx'
import { MyCommentCard } from './my-comment-card.tsx'
import { guidePath } from '../../guides/urls.ts'

export const MY_COMMENTS_PATH = '/me/comments'

export interface MyCommentsPageProps {
  assets: Assets
  items: MyComment[]
  next: string | null
  cursor: string | undefined
  summary: MyCommentsSummary
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

const plural = (n: number, one: string, many: string) => `${String(n)} ${n === 1 ? one : many}`

const Summary = ({ summary }: { summary: MyCommentsSummary }) => (
  <section class="my-summary" aria-labelledby="summary-title">
    <h2 id="summary-title">Decisions on your comments</h2>
    <p>
      You wrote {plural(summary.comments, 'comment', 'comments')} and{' '}
      {plural(summary.replies, 'reply', 'replies')}.
    </p>
    <ul class="decision-counts">
      {summary.decisions.map((d) => (
        <li class={d.count === 0 ? 'none' : undefined}>
          <span class="count">{d.count}</span> <span class="label">{d.label}</span>
        </li>
      ))}
    </ul>
  </section>
)

/**
 * "What happened to my comments" (journey 6): the person's own comments, newest first and grouped by
 * guide, each with the decision, the response and a redline of its paragraph since. Complete without script.
 */
export const MyCommentsPage = (p: MyCommentsPageProps) => (
  <Layout title="Your comments · Gloss" assets={p.assets}>
    <div class="my-comments">
      <p class="thread-back">
        <a href="/account">Your account</a>
      </p>
      <h1>What happened to your comments</h1>
      <p>
        Follow replies and decisions in a feed reader:{' '}
        <a href="/account#feed-title">make your feed address</a>.
      </p>
      {p.summary.comments + p.summary.replies === 0 ? (
        <p class="notice">
          You have not written any comments yet. When you comment on a guide open for consultation, this page
          shows what the editors decided and how the paragraph changed.
        </p>
      ) : (
        <>
          <Summary summary={p.summary} />
          {p.items.length === 0 ? <p>There are no older comments.</p> : null}
          {byGuide(p.items).map((group, i) => (
            <section class="my-guide" aria-labelledby={`guide-${String(i)}`}>
              <h2 id={`guide-${String(i)}`}>
                <a href={guidePath(group.guide.slug)} lang={group.guide.lang}>
                  {group.guide.title}
                </a>
              </h2>
              <ol class="my-comment-list">
                {group.items.map((c) => (
                  <MyCommentCard c={c} />
                ))}
              </ol>
            </section>
          ))}
          {p.cursor || p.next ? (
            <nav class="pager" aria-label="Pages of your comments">
              {p.cursor ? <a href={MY_COMMENTS_PATH}>Newest comments</a> : null}
              {p.next ? (
                <a href={`${MY_COMMENTS_PATH}?cursor=${p.next}`} rel="next">
                  Older comments
                </a>
              ) : null}
            </nav>
          ) : null}
        </>
      )}
    </div>
  </Layout>
)
