import { HideFields } from './hide-fields.tsx'
import type { Assets } from '../../platform/http/assets.ts'
import { kindLabel } from '../../kernel/kind-label.ts'
import { Layout } from '../../site/layout.tsx'
import { ButtonForm, ErrorSummary, StatusMessage, Time, type FormProblems } from '../../site/form.tsx'
import { EditorNav } from '../../editions/pages/editor-nav.tsx'
import type { ModerationQueue, QueueItem } from '../queue.service.ts'
import { queueActionPath } from '../urls.ts'
import { FlagList } from './flag-list.tsx'
import { CommentWords } from '../../site/comment-words.tsx'
import { threadUrl } from '../../comments/urls.ts'
import { AuthorName, KeptForEditors } from '../../site/author-line.tsx'

/** A hide form the server refused (no reason given): shown again, open, with what was typed. */
export interface FailedHide {
  id: string
  values: Record<string, string>
  problems: FormProblems
}

export interface ModerationPageProps {
  assets: Assets
  queue: ModerationQueue
  notice?: string | undefined
  failed?: FailedHide | undefined
}

const STATE_BADGE: Record<string, string | undefined> = {
  pending: 'waiting for approval',
  hidden: 'hidden',
  withdrawn: 'withdrawn by its author',
}

/** The thread a comment was written in, where it is read in context. */
const threadOf = (slug: string, c: QueueItem) =>
  threadUrl({ slug, number: c.edition, blockKey: c.blockKey }, { comment: c.id })

const HideForm = ({ slug, c, failed }: { slug: string; c: QueueItem; failed: FailedHide | undefined }) => {
  const mine = failed?.id === c.id ? failed : undefined
  return (
    <details class="comment-action" open={mine !== undefined}>
      <summary>
        Hide<span class="visually-hidden"> comment no. {c.id}</span>
      </summary>
      <form method="post" action={queueActionPath(slug, c.id, 'hide')} class="form">
        <HideFields prefix={`hide-${c.id}-`} values={mine?.values} problems={mine?.problems} />
        <button type="submit" class="button button-danger">
          Hide comment
        </button>
      </form>
    </details>
  )
}

/** What a moderator can do to a comment from here, by its state and whether it is flagged. */
const Actions = ({ slug, c, failed }: { slug: string; c: QueueItem; failed: FailedHide | undefined }) => {
  const hideable = c.state === 'published' || c.state === 'pending'
  return (
    <div class="comment-actions">
      {c.state === 'pending' ? (
        <ButtonForm action={queueActionPath(slug, c.id, 'approve')} label="Approve" variant="secondary" />
      ) : null}
      {c.state === 'hidden' ? (
        <ButtonForm action={queueActionPath(slug, c.id, 'restore')} label="Restore" variant="secondary" />
      ) : null}
      {c.flags.length > 0 ? (
        <ButtonForm
          action={queueActionPath(slug, c.id, 'dismiss')}
          label={c.flags.length === 1 ? 'Dismiss the flag' : 'Dismiss the flags'}
          variant="secondary"
        />
      ) : null}
      {hideable ? <HideForm slug={slug} c={c} failed={failed} /> : null}
    </div>
  )
}

const Item = ({ slug, c, failed }: { slug: string; c: QueueItem; failed: FailedHide | undefined }) => {
  const badge = STATE_BADGE[c.state]
  return (
    <li>
      <article
        class={`comment queue-comment comment-${c.state}`}
        id={`c${c.id}`}
        aria-label={`${kindLabel(c.kind)} no. ${c.id} by ${c.author.displayName}`}
      >
        <header class="comment-header">
          <span class={`kind kind-${c.kind}`}>{kindLabel(c.kind)}</span>{' '}
          <span class="comment-author">
            <AuthorName comment={c} />
          </span>{' '}
          <span class="comment-time">
            <Time at={c.createdAt} />
          </span>{' '}
          <a class="comment-number" href={threadOf(slug, c)}>
            no. {c.id}
          </a>
          {badge ? <span class={`badge badge-${c.state}`}>{badge}</span> : null}
          <KeptForEditors comment={c} />
        </header>
        <CommentWords comment={c} />
        <FlagList flags={c.flags} />
        <p class="triage-links">
          <a href={threadOf(slug, c)}>
            {c.parentId === null ? 'Read it in its thread' : 'Read it in its thread (a reply)'}
            {`, edition ${String(c.edition)}`}
          </a>
        </p>
        <Actions slug={slug} c={c} failed={failed} />
      </article>
    </li>
  )
}

const List = (p: {
  id: string
  title: string
  empty: string
  items: QueueItem[]
  more: boolean
  slug: string
  failed: FailedHide | undefined
}) => (
  <section class="queue-section" aria-labelledby={`${p.id}-title`}>
    <h2 id={`${p.id}-title`}>
      {p.title} ({p.items.length}
      {p.more ? ' shown' : ''})
    </h2>
    {p.items.length === 0 ? (
      <p>{p.empty}</p>
    ) : (
      <ol class="triage-comments" id={p.id}>
        {p.items.map((c) => (
          <Item slug={p.slug} c={c} failed={p.failed} />
        ))}
      </ol>
    )}
    {p.more ? <p class="field-hint">There are more; they show here as you deal with these.</p> : null}
  </section>
)

/**
 * The moderation queue (SPEC.md, Moderation): a guide's flagged comments, with who flagged each and why,
 * its comments waiting for approval, and the recently hidden. Every action is its own plain form.
 */
export const ModerationPage = (p: ModerationPageProps) => {
  const { queue: q } = p
  const slug = q.guide.slug
  return (
    <Layout
      title={`${p.failed ? 'Error: ' : ''}Moderation: ${q.guide.title} · Gloss`}
      assets={p.assets}
      guide={q.guide}
    >
      <ErrorSummary problems={p.failed?.problems} prefix={p.failed ? `hide-${p.failed.id}-` : ''} />
      <h1>Moderation of “{q.guide.title}”</h1>
      <EditorNav slug={slug} current="moderation" />
      <p>
        Comments people have flagged, and comments waiting for approval. Only the guide’s editors see flags
        and who raised them.
      </p>
      <StatusMessage>{p.notice}</StatusMessage>
      <List
        id="flagged"
        title="Flagged"
        empty="Nothing is flagged."
        items={q.flagged}
        more={q.more.flagged}
        slug={slug}
        failed={p.failed}
      />
      <List
        id="pending"
        title="Waiting for approval"
        empty="Nothing is waiting for approval."
        items={q.pending}
        more={q.more.pending}
        slug={slug}
        failed={p.failed}
      />
      <List
        id="hidden"
        title="Hidden"
        empty="Nothing is hidden."
        items={q.hidden}
        more={q.more.hidden}
        slug={slug}
        failed={p.failed}
      />
    </Layout>
  )
}
