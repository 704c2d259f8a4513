import type { Assets } from '../../platform/http/assets.ts'
import { Layout } from '../../site/layout.tsx'
import { CommentCard, threadTree, type ThreadComment } from './comment-card.tsx'
import { editionPath } from '../../guides/urls.ts'
import { removedPath, threadPath } from '../urls.ts'
import type { Lang } from '../../platform/i18n/languages.ts'
import { translator } from '../../platform/i18n/messages.ts'

export interface RemovedPageProps {
  assets: Assets
  guide: { slug: string; title: string; lang: string }
  edition: { number: number; title: string }
  items: ThreadComment[]
  next: string | null
  /** The interface language; the removed words keep the guide's (`guide.lang`). */
  language: Lang
}

const READ_ONLY = { signedIn: false, comment: false, open: false, moderate: false }

/**
 * "Comments on removed text": comments whose paragraph this edition removed. They are listed here,
 * never dropped and never moved to another paragraph; each says where it was written.
 */
export const RemovedPage = (p: RemovedPageProps) => {
  const { roots, children } = threadTree(p.items)
  const base = editionPath(p.guide.slug, p.edition.number)
  const language = p.language
  const t = translator(language)
  return (
    <Layout
      title={t('removed.title', { edition: p.edition.title })}
      assets={p.assets}
      guide={p.guide}
      language={language}
    >
      <div class="thread-page">
        <p>
          <a href={base}>← {t('print.edition', { title: p.edition.title, number: p.edition.number })}</a>
        </p>
        <p class="guide-name">{p.guide.title}</p>
        <h1>{t('reading.removed')}</h1>
        <p>{t('removed.intro', { number: p.edition.number })}</p>
        {roots.length === 0 ? <p>{t('removed.none')}</p> : null}
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
                  {comment.writtenOn
                    ? t('card.writtenOn', { edition: comment.edition, number: comment.writtenOn.number })
                    : t('removed.writtenOn', { edition: comment.edition })}
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
                language={language}
                textLang={p.guide.lang}
              />
            </>
          ))}
        </ol>
        {p.next ? (
          <a href={`${removedPath(p.guide.slug, p.edition.number)}?cursor=${p.next}`}>
            {t('threadPage.later')}
          </a>
        ) : null}
      </div>
    </Layout>
  )
}
