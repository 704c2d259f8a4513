import { Passage, rich, slot } from '../../site/rich-message.tsx'
import { raw } from 'hono/html'
import type { Lang } from '../../platform/i18n/languages.ts'
import { translator } from '../../platform/i18n/messages.ts'
import type { EditionState } from '../../kernel/words.ts'
import type { Assets } from '../../platform/http/assets.ts'
import { stateLabel } from '../../guides/pages/home.page.tsx'
import { Layout } from '../../site/layout.tsx'
import { blockCommentsFeedPath, editionCommentsFeedPath } from '../../feeds/urls.ts'
import { FollowLinks } from '../../site/follow-links.tsx'
import { forReaders } from '../../site/reader-html.ts'
import { signInUrl } from '../../site/sign-in.ts'
import { ErrorSummary, StatusMessage } from '../../site/form.tsx'
import {
  actionsOn,
  CommentCard,
  threadTree,
  type ThreadAbilities,
  type ThreadComment,
} from './comment-card.tsx'
import { NewCommentForm, type FailedForm } from './comment-forms.tsx'
import type { ConsentDefaults } from './comment-forms.tsx'
import type { ThreadBlock } from '../thread.repository.ts'
import type { ShownParagraph } from '../thread-page.service.ts'
import type { PhraseInText } from '../quoted-phrases.service.ts'
import { QuotedPhrases } from './quoted-phrases.tsx'
import type { FlagView } from '../../moderation/flag.repository.ts'
import { readingPath, threadUrl, type ThreadPlace } from '../urls.ts'
import { FollowForm } from '../../notifications/pages/follow-form.tsx'

export interface ThreadPageProps {
  assets: Assets
  place: ThreadPlace
  guide: { slug: string; title: string; lang: string }
  edition: { number: number; title: string; state: EditionState }
  /** The paragraph the thread is about, in the edition's own text; null for the general discussion. */
  block: Pick<ThreadBlock, 'number' | 'kind' | 'html' | 'text'> | null
  /** The paragraph as the reader reads it (a translation: paragraphAsRead); else the block, in `guide.lang`. */
  paragraph?: ShownParagraph | undefined
  /** The language of the text a quote's words are in; undefined where none holds them (then `guide.lang`). */
  quoteLang?: ((words: string) => string | undefined) | undefined
  /** The paragraph's quoted phrases in the order they appear, with the comments quoting each. */
  quotes?: readonly PhraseInText[]
  items: ThreadComment[]
  next: string | null
  cursor?: string | undefined
  can: ThreadAbilities
  notice?: string | undefined
  failed?: FailedForm | undefined
  /** Open flags by comment, with who raised them: given only to the guide's moderators. */
  flags?: ReadonlyMap<string, FlagView[]> | undefined
  /** Whether the viewer follows this paragraph (the guide, for the general discussion); undefined signed out. */
  following?: boolean | undefined
  /** What the comment forms' consent fields start with, for someone who may comment. */
  consent?: ConsentDefaults | undefined
  /** The interface language; the paragraph's own words keep the guide's (`guide.lang`). */
  language: Lang
}

/** Each form's visible fields: the error summary links only to these. */
const FIELDS: Record<string, readonly string[]> = {
  new: ['kind', 'body', 'quote', 'proposal'],
  reply: ['kind', 'body'],
  edit: ['kind', 'body', 'proposal'],
  flag: ['reason'],
  hide: ['reasonCode', 'reason'],
  accept: ['response'],
}

/**
 * Where a refused form is shown again. A reply whose comment can no longer be replied to (hidden
 * meanwhile, or on another page) comes back in the form at the foot, so the words typed are not lost.
 */
function settle(p: ThreadPageProps): FailedForm | undefined {
  const failed = p.failed
  if (!failed) return undefined
  const [kind = '', id] = failed.form.split('-')
  const item = p.items.find((c) => c.id === id)
  const hasNew = p.can.open && p.can.comment
  const shown =
    kind === 'new'
      ? hasNew
      : item !== undefined && (actionsOn(item, p.can) as Record<string, boolean>)[kind] === true
  const form = shown ? failed.form : kind === 'reply' && hasNew ? 'new' : undefined
  const fields = (form ? (FIELDS[form.split('-')[0] ?? ''] ?? []) : []).filter(
    (name) => (name !== 'quote' && name !== 'proposal') || p.block !== null,
  )
  return {
    form: form ?? '',
    values: failed.values,
    current: failed.current,
    problems: {
      message: failed.problems.message,
      fields: failed.problems.fields.map((f) => (fields.includes(f.name) ? f : { ...f, name: '' })),
    },
  }
}

/** A block's words: a heading as plain text, so the page keeps its own outline. */
const Paragraph = ({ block, language }: { block: ShownParagraph; language: Lang }) => (
  <div class="thread-paragraph" lang={block.lang} dir="auto">
    {block.kind === 'heading' ? (
      <p>
        <strong>{block.text}</strong>
      </p>
    ) : (
      raw(forReaders(block.html, language))
    )}
  </div>
)

/**
 * A block's thread, or the edition's general discussion: the comments the viewer may see, replies under
 * their parent, and the forms to take part. Complete without JavaScript.
 */
export const ThreadPage = (p: ThreadPageProps) => {
  const failed = settle(p)
  const { roots, children } = threadTree(p.items)
  const general = p.block === null
  const language = p.language
  const t = translator(language)
  const quoteLang = (words: string) => p.quoteLang?.(words) ?? p.guide.lang
  const heading = p.block
    ? t('threadPage.heading', { number: p.block.number })
    : t('reading.generalDiscussion')
  return (
    <Layout
      title={t(failed ? 'threadPage.titleError' : 'threadPage.title', { heading, edition: p.edition.title })}
      assets={p.assets}
      guide={p.guide}
      language={language}
    >
      <div class="thread-page">
        <ErrorSummary
          problems={failed?.problems}
          prefix={failed?.form ? `${failed.form}-` : ''}
          language={language}
        />
        <p class="thread-back">
          <a href={readingPath(p.place)}>
            {p.block
              ? t('threadPage.backToParagraph', { number: p.block.number })
              : t('threadPage.backToText')}
          </a>
        </p>
        <h1>{heading}</h1>
        <p class="guide-meta">
          <span class="badge">{stateLabel(p.edition.state, language)}</span>{' '}
          {rich(t('print.edition', { title: slot('title'), number: p.edition.number }), {
            title: <Passage text={p.guide.title} lang={p.guide.lang} reader={language} />,
          })}
          {general ? null : (
            <>
              {' '}
              · <a href={threadUrl({ ...p.place, blockKey: null })}>{t('reading.generalDiscussion')}</a>
            </>
          )}
          {p.edition.state === 'draft' ? null : (
            <FollowLinks
              feeds={[
                p.place.blockKey === null
                  ? {
                      title: t('threadPage.feedEdition', { number: p.edition.number }),
                      href: editionCommentsFeedPath(p.guide.slug, p.edition.number),
                    }
                  : {
                      title: t('threadPage.feedParagraph'),
                      href: blockCommentsFeedPath(p.guide.slug, p.edition.number, p.place.blockKey),
                    },
              ]}
              language={language}
            />
          )}
        </p>
        {p.block ? (
          <Paragraph block={p.paragraph ?? { ...p.block, lang: p.guide.lang }} language={language} />
        ) : (
          <p>{t('threadPage.generalIntro', { title: p.edition.title })}</p>
        )}
        <QuotedPhrases quotes={p.quotes ?? []} language={language} lang={quoteLang} />
        {/* This page is each viewer's own: only someone signed in, who can follow, is offered to. */}
        {p.following === undefined ? null : (
          <FollowForm
            slug={p.guide.slug}
            blockKey={p.place.blockKey}
            following={p.following}
            back={threadUrl(p.place)}
            language={language}
          />
        )}
        <StatusMessage>{p.notice}</StatusMessage>

        <section class="thread" aria-labelledby="thread-title">
          <h2 id="thread-title">{p.cursor ? t('threadPage.later') : t('threadPage.comments')}</h2>
          {p.items.length === 0 ? (
            <p>{p.cursor ? t('threadPage.noMore') : t('threadPage.none')}</p>
          ) : (
            <ol class="thread-list">
              {roots.map((comment) => (
                <CommentCard
                  comment={comment}
                  repliesOf={children}
                  nested={false}
                  can={p.can}
                  place={p.place}
                  cursor={p.cursor}
                  failed={failed}
                  flags={p.flags}
                  paragraphText={p.block?.text}
                  consent={p.consent}
                  language={language}
                  textLang={p.guide.lang}
                  quoteLang={quoteLang}
                />
              ))}
            </ol>
          )}
          {p.cursor || p.next ? (
            <nav class="pager" aria-label={t('threadPage.pages')}>
              {p.cursor ? <a href={threadUrl(p.place)}>{t('threadPage.first')}</a> : null}
              {p.next ? (
                <a href={threadUrl(p.place, { cursor: p.next })} rel="next">
                  {t('threadPage.later')}
                </a>
              ) : null}
            </nav>
          ) : null}
        </section>

        <section class="thread-respond" aria-labelledby="respond-title">
          <h2 id="respond-title">{general ? t('threadPage.addToDiscussion') : t('threadPage.addComment')}</h2>
          {!p.can.open ? (
            <p class="notice">{t('threadPage.closed')}</p>
          ) : !p.can.signedIn ? (
            <p>
              <a href={signInUrl(threadUrl(p.place))}>{t('threadPage.signIn')}</a>
            </p>
          ) : !p.can.comment ? (
            <p class="notice">{t('threadPage.inviteOnly')}</p>
          ) : (
            <NewCommentForm
              place={p.place}
              cursor={p.cursor}
              failed={failed}
              paragraphText={p.block?.text}
              consent={p.consent}
              language={language}
            />
          )}
        </section>
      </div>
    </Layout>
  )
}
