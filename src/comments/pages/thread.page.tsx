import { raw } from 'hono/html'
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
import type { PhraseInText } from '../quoted-phrases.service.ts'
import { QuotedPhrases } from './quoted-phrases.tsx'
import type { FlagView } from '../../moderation/flag.repository.ts'
import { readingPath, threadPath, threadUrl, type ThreadPlace } from '../urls.ts'
import { FollowForm } from '../../notifications/pages/follow-form.tsx'

export interface ThreadPageProps {
  assets: Assets
  place: ThreadPlace
  guide: { slug: string; title: string; lang: string }
  edition: { number: number; title: string; state: EditionState }
  /** The paragraph the thread is about; null for the general discussion. */
  block: Pick<ThreadBlock, 'number' | 'kind' | 'html' | 'text'> | null
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
const Paragraph = ({ block, lang }: { block: NonNullable<ThreadPageProps['block']>; lang: string }) => (
  <div class="thread-paragraph" lang={lang} dir="auto">
    {block.kind === 'heading' ? (
      <p>
        <strong>{block.text}</strong>
      </p>
    ) : (
      raw(forReaders(block.html))
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
  const heading = p.block ? `Comments on paragraph ${p.block.number}` : 'General discussion'
  return (
    <Layout
      title={`${failed ? 'Error: ' : ''}${heading} · ${p.edition.title} · Gloss`}
      assets={p.assets}
      guide={p.guide}
    >
      <div class="thread-page">
        <ErrorSummary problems={failed?.problems} prefix={failed?.form ? `${failed.form}-` : ''} />
        <p class="thread-back">
          <a href={readingPath(p.place)}>
            {p.block ? `Back to paragraph ${p.block.number} in the text` : 'Back to the text'}
          </a>
        </p>
        <h1>{heading}</h1>
        <p class="guide-meta">
          <span class="badge">{stateLabel(p.edition.state)}</span> {p.guide.title}, edition {p.edition.number}
          {general ? null : (
            <>
              {' '}
              · <a href={threadPath({ ...p.place, blockKey: null })}>General discussion</a>
            </>
          )}
          {p.edition.state === 'draft' ? null : (
            <FollowLinks
              feeds={[
                p.place.blockKey === null
                  ? {
                      title: `new comments on edition ${String(p.edition.number)}`,
                      href: editionCommentsFeedPath(p.guide.slug, p.edition.number),
                    }
                  : {
                      title: 'new comments on this paragraph',
                      href: blockCommentsFeedPath(p.guide.slug, p.edition.number, p.place.blockKey),
                    },
              ]}
            />
          )}
        </p>
        {p.block ? (
          <Paragraph block={p.block} lang={p.guide.lang} />
        ) : (
          <p>Comments on “{p.edition.title}” as a whole, rather than on one paragraph.</p>
        )}
        <QuotedPhrases quotes={p.quotes ?? []} />
        {/* This page is each viewer's own: only someone signed in, who can follow, is offered to. */}
        {p.following === undefined ? null : (
          <FollowForm
            slug={p.guide.slug}
            blockKey={p.place.blockKey}
            following={p.following}
            back={threadPath(p.place)}
          />
        )}
        <StatusMessage>{p.notice}</StatusMessage>

        <section class="thread" aria-labelledby="thread-title">
          <h2 id="thread-title">{p.cursor ? 'Later comments' : 'Comments'}</h2>
          {p.items.length === 0 ? (
            <p>{p.cursor ? 'There are no more comments.' : 'No comments yet.'}</p>
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
                />
              ))}
            </ol>
          )}
          {p.cursor || p.next ? (
            <nav class="pager" aria-label="Pages of comments">
              {p.cursor ? <a href={threadPath(p.place)}>First comments</a> : null}
              {p.next ? (
                <a href={threadUrl(p.place, { cursor: p.next })} rel="next">
                  Later comments
                </a>
              ) : null}
            </nav>
          ) : null}
        </section>

        <section class="thread-respond" aria-labelledby="respond-title">
          <h2 id="respond-title">{general ? 'Add to the discussion' : 'Add a comment'}</h2>
          {!p.can.open ? (
            <p class="notice">Comments are closed for this edition; you can still read them.</p>
          ) : !p.can.signedIn ? (
            <p>
              <a href={signInUrl(threadPath(p.place))}>Sign in to comment</a>
            </p>
          ) : !p.can.comment ? (
            <p class="notice">Only people invited to this consultation can comment.</p>
          ) : (
            <NewCommentForm
              place={p.place}
              cursor={p.cursor}
              failed={failed}
              paragraphText={p.block?.text}
              consent={p.consent}
            />
          )}
        </section>
      </div>
    </Layout>
  )
}
