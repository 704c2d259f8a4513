import type { TriageComment } from '../triage.service.ts'
import { DECISION_LABELS } from '../../kernel/decision-label.ts'
import { kindLabel } from '../../kernel/kind-label.ts'
import { StatusMessage, Time } from '../../site/form.tsx'
import { decisionLabel, DecisionFields, STATE_LABELS, type TriageFailure } from './triage-forms.tsx'
import { FlagList } from '../../moderation/pages/flag-list.tsx'
import { CommentWords } from '../../site/comment-words.tsx'
import { moderationPath } from '../../moderation/urls.ts'
import { threadUrl } from '../../comments/urls.ts'
import { Redline } from '../../site/redline.tsx'
import { AuthorName, KeptForEditors } from '../../site/author-line.tsx'
import type { Child } from 'hono/jsx'

export interface TriageCommentProps {
  comment: TriageComment
  slug: string
  /** The edition being triaged. */
  number: number
  /** Where the decision form posts, with the filters kept. */
  action: string
  failed: TriageFailure | undefined
  /** Comments on this page, so a duplicate's link stays on the page when it can. */
  onPage: ReadonlySet<string>
  /** The confirmation of a decision just saved on this comment. */
  notice?: string | undefined
  /** More about the comment after its decision form (its themes). */
  children?: Child
}

/** The thread a comment was written in, where its replies and moderation live. */
export const originThread = (slug: string, c: TriageComment) =>
  threadUrl({ slug, number: c.origin.edition, blockKey: c.origin.blockKey }, { comment: c.id })

const DuplicateOf = ({ id, onPage }: { id: string; onPage: ReadonlySet<string> }) =>
  onPage.has(id) ? <a href={`#c${id}`}>no. {id}</a> : <>no. {id}</>

/** Every decision taken on the comment, oldest first. */
const History = ({ c, onPage }: { c: TriageComment; onPage: ReadonlySet<string> }) =>
  c.history.length === 0 ? null : (
    <details class="decision-history">
      <summary>Decision history ({c.history.length})</summary>
      <ol>
        {c.history.map((h) => (
          <li>
            <Time at={h.decidedAt} />, {h.decidedBy}: <strong>{DECISION_LABELS[h.decision]}</strong>
            {h.duplicateOf ? (
              <>
                {' '}
                of <DuplicateOf id={h.duplicateOf} onPage={onPage} />
              </>
            ) : null}
            {h.response ? <span class="decision-response">: {h.response}</span> : null}
          </li>
        ))}
      </ol>
    </details>
  )

/**
 * One top-level comment as an editor triages it: what it says, who wrote it and where, its state, its
 * replies, its current decision and history, and the form to decide. The checkbox belongs to the bulk
 * form at the top of the page.
 */
export const TriageCommentCard = (p: TriageCommentProps) => {
  const c = p.comment
  const prefix = `d${c.id}-`
  const mine = p.failed?.form === `d${c.id}` ? p.failed : undefined
  const failed = mine && !mine.stale ? mine : undefined
  const stale = mine?.stale ? mine : undefined
  const current = c.decision
  // An editor picks up where the team left off: from the draft, when there is one.
  const working = c.draft ?? current
  const values = failed?.values ?? {
    decision: working.decision,
    response: working.response,
    duplicateOf: working.duplicateOf ?? '',
  }
  const held = c.state === 'pending' || c.state === 'hidden'
  return (
    <li>
      <article
        class={`comment triage-comment comment-${c.state}`}
        id={`c${c.id}`}
        aria-label={`${kindLabel(c.kind)} no. ${c.id} by ${c.author.displayName}`}
      >
        <header class="comment-header">
          <span class="triage-select">
            <input
              type="checkbox"
              form="bulk"
              name="commentIds"
              value={c.id}
              id={`select-${c.id}`}
              checked={p.failed?.selected.includes(c.id) ?? false}
            />
            <label for={`select-${c.id}`}>
              Select <span class="visually-hidden">comment no. {c.id}</span>
            </label>
          </span>
          <span class={`kind kind-${c.kind}`}>{kindLabel(c.kind)}</span>{' '}
          <span class="comment-author">
            <AuthorName comment={c} />
          </span>{' '}
          <span class="comment-time">
            <Time at={c.createdAt} />
          </span>
          <a class="comment-number" href={`#c${c.id}`}>
            no. {c.id}
          </a>
          {c.state === 'published' ? null : (
            <span class={`badge badge-${c.state}`}>{STATE_LABELS[c.state]}</span>
          )}
          <KeptForEditors comment={c} />
          {c.flags.length > 0 ? <span class="badge badge-flagged">Flagged</span> : null}
          {c.draft ? <span class="badge badge-draft">Draft decision</span> : null}
          {c.origin.carried ? (
            <span class="badge badge-carried">written on edition {c.origin.edition}</span>
          ) : null}
        </header>
        {c.proposalRedline ? (
          <div class="suggested-wording">
            <p class="suggested-label">Suggested wording</p>
            <Redline
              parts={c.proposalRedline}
              label={`The paragraph with the wording suggested in no. ${c.id}`}
            />
          </div>
        ) : null}
        <CommentWords comment={c} />
        {c.agreements > 0 ? (
          <p class="agreements">
            {c.agreements === 1 ? '1 person agrees' : `${String(c.agreements)} people agree`}
          </p>
        ) : null}
        <FlagList flags={c.flags} />
        <p class="triage-links">
          <a href={originThread(p.slug, c)}>
            {c.replies === 0 ? 'No replies' : `${String(c.replies)} ${c.replies === 1 ? 'reply' : 'replies'}`}
            {c.origin.carried ? `, in its thread on edition ${String(c.origin.edition)}` : ', in its thread'}
          </a>
          {held ? (
            <>
              {' · '}
              <a href={originThread(p.slug, c)}>
                {c.state === 'pending' ? 'Approve or hide it there' : 'Restore it there'}
              </a>
            </>
          ) : null}
          {c.flags.length > 0 ? (
            <>
              {' · '}
              <a href={`${moderationPath(p.slug)}#c${c.id}`}>Deal with the flags in the moderation queue</a>
            </>
          ) : null}
        </p>
        {c.draft ? (
          <p class="triage-draft">
            <strong>Draft, not yet released: {DECISION_LABELS[c.draft.decision]}</strong>
            {c.draft.duplicateOf ? (
              <>
                {' '}
                of <DuplicateOf id={c.draft.duplicateOf} onPage={p.onPage} />
              </>
            ) : null}
            , <Time at={c.draft.decidedAt} />
            {c.draft.response ? <span class="decision-response">: {c.draft.response}</span> : null}
          </p>
        ) : null}
        <p class="triage-current">
          {c.draft ? 'Everyone else sees: ' : null}
          {current.decision === 'open' ? (
            'No decision yet.'
          ) : (
            <>
              <strong>{DECISION_LABELS[current.decision]}</strong>
              {current.duplicateOf ? (
                <>
                  {' '}
                  of <DuplicateOf id={current.duplicateOf} onPage={p.onPage} />
                </>
              ) : null}
              {current.decidedAt ? (
                <>
                  , <Time at={current.decidedAt} />
                </>
              ) : null}
              {current.response ? <span class="decision-response">: {current.response}</span> : null}
            </>
          )}
        </p>
        <History c={c} onPage={p.onPage} />
        <StatusMessage>{p.notice}</StatusMessage>
        {stale ? (
          <p class="warning">
            <strong>Someone changed this comment since you loaded the page.</strong> Above is its decision
            now. Yours was not saved: {decisionLabel(stale.values.decision)}
            {stale.values.response ? `, with the response “${stale.values.response}”` : '.'}
          </p>
        ) : null}
        {c.proposalRedline && c.state === 'published' && current.decision !== 'accepted' ? (
          <form
            method="post"
            action={p.action.replace('/decide', '/accept')}
            class="triage-accept"
            aria-label={`Accept the wording suggested in no. ${c.id}`}
          >
            <input type="hidden" name="commentId" value={c.id} />
            <label for={`${prefix}accept-response`}>Response to the reviewer (optional)</label>
            <textarea id={`${prefix}accept-response`} name="response" rows={2} maxlength={10000}></textarea>
            <button type="submit" class="button">
              Accept this wording into the working draft
            </button>
          </form>
        ) : null}
        <form method="post" action={p.action} class="triage-decide" aria-label={`Decide on no. ${c.id}`}>
          <input type="hidden" name="commentId" value={c.id} />
          <input type="hidden" name="etag" value={c.etag} />
          <DecisionFields prefix={prefix} values={values} problems={failed?.problems} />
          <button type="submit" class="button button-secondary">
            Save decision
          </button>{' '}
          <button type="submit" name="draft" value="1" class="button button-secondary">
            Save as draft
          </button>
        </form>
        {p.children}
      </article>
    </li>
  )
}
