import type { Assets } from '../../platform/http/assets.ts'
import { Layout } from '../../site/layout.tsx'
import { CommentCard, threadTree, type ThreadComment } from './comment-card.tsx'
import { editionPath } from '../../guides/urls.ts'
import { removedPath, threadPath } from '../urls.ts'

export interface RemovedPageProps {
  assets: Assets
  guide: { slug: string; title: string; lang: string }
  edition: { number: number; title: string }
  items: ThreadComment[]
  next: string | null
}

const READ_ONLY = { signedIn: false, comment: false, open: false, moderate: false }

/**
 * "Comments on removed text": comments whose paragraph this edition removed. They are listed here,
 * never dropped and never moved to another paragraph; each says where it was written.
 */
export const RemovedPage = (p: RemovedPageProps) => {
  const { roots, children } = threadTree(p.items)
  const base = editionPath(p.guide.slug, p.edition.number)
  return (
    <Layout
      title={`Comments on removed text · ${p.edition.title} · Gloss`}
      assets={p.assets}
      guide={p.guide}
      lang={p.guide.lang}
    >
      <div class="thread-page">
        <p>
          <a href={base}>
            ← {p.edition.title}, edition {p.edition.number}
          </a>
        </p>
        <p class="guide-name">{p.guide.title}</p>
        <h1>Comments on removed text</h1>
        <p>
          These comments were written on paragraphs that edition {p.edition.number} no longer has. Each links
          to the edition and paragraph it was written on.
        </p>
        {roots.length === 0 ? <p>There are none.</p> : null}
        <ol class="comments">
          {roots.map((comment) => (
            <>
              <li class="removed-origin">
                <a
                  href={threadPath({
                    slug: p.guide.slug,
                    number: comment.edition,
                    blockKey: comment.blockKey ?? '',
                  })}
                >
                  Written on edition {comment.edition}
                  {comment.writtenOn ? `, paragraph ${comment.writtenOn.number}` : ''}
                </a>
                {comment.writtenOn?.text ? (
                  // The words the comment was about, so it can be read without opening the old edition.
                  <blockquote class="removed-words" lang={p.guide.lang}>
                    <p>{comment.writtenOn.text}</p>
                  </blockquote>
                ) : null}
              </li>
              <CommentCard
                comment={{ ...comment, writtenOn: undefined }}
                can={READ_ONLY}
                repliesOf={children}
                nested={false}
                place={{ slug: p.guide.slug, number: p.edition.number, blockKey: null }}
                cursor={undefined}
                failed={undefined}
              />
            </>
          ))}
        </ol>
        {p.next ? (
          <a href={`${removedPath(p.guide.slug, p.edition.number)}?cursor=${p.next}`}>Later comments</a>
        ) : null}
      </div>
    </Layout>
  )
}
