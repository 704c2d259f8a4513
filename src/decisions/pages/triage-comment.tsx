import type { TriageComment } from '../triage.service.ts'
import { StatusMessage, Time } from '../../site/form.tsx'
import { decisionLabel, DecisionFields, stateLabelIn, type TriageFailure } from './triage-forms.tsx'
import type { Lang } from '../../platform/i18n/languages.ts'
import { decisionLabelIn, kindLabelIn, translator, type Translate } from '../../platform/i18n/messages.ts'
import { rich, slot } from '../../site/rich-message.tsx'
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
  /** The interface language. */
  language: Lang
  /** The guide's text's language, which suggested wording is in, and quoted words unless `quoteLang` says. */
  textLang: string
  /** The translation's language, for words quoted from a translation (triage-page.service.ts). */
  quoteLang?: string | undefined
}

/** The thread a comment was written in, where its replies and moderation live. */
export const originThread = (slug: string, c: TriageComment) =>
  threadUrl({ slug, number: c.origin.edition, blockKey: c.origin.blockKey }, { comment: c.id })

/** "of no. 12", the number a link when the comment is on the page. */
const DuplicateOf = ({ id, onPage, t }: { id: string; onPage: ReadonlySet<string>; t: Translate }) => {
  const number = t('triage.comment.number', { id })
  return (
    <>
      {' '}
      {rich(t('triage.comment.of', { comment: slot('comment') }), {
        comment: onPage.has(id) ? <a href={`#c${id}`}>{number}</a> : number,
      })}
    </>
  )
}

/** Every decision taken on the comment, oldest first. */
const History = ({
  c,
  onPage,
  language,
}: {
  c: TriageComment
  onPage: ReadonlySet<string>
  language: Lang
}) => {
  if (c.history.length === 0) return null
  const t = translator(language)
  return (
    <details class="decision-history">
      <summary>{t('triage.comment.history', { count: c.history.length })}</summary>
      <ol>
        {c.history.map((h) => (
          <li>
            <Time at={h.decidedAt} language={language} />, {h.decidedBy}:{' '}
            <strong>{decisionLabelIn(language, h.decision)}</strong>
            {h.duplicateOf ? <DuplicateOf id={h.duplicateOf} onPage={onPage} t={t} /> : null}
            {h.response ? <span class="decision-response">: {h.response}</span> : null}
          </li>
        ))}
      </ol>
    </details>
  )
}

/**
 * One top-level comment as an editor triages it: what it says, who wrote it and where, its state, its
 * replies, its current decision and history, and the form to decide. The checkbox belongs to the bulk
 * form at the top of the page.
 */
export const TriageCommentCard = (p: TriageCommentProps) => {
  const c = p.comment
  const language = p.language
  const t = translator(language)
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
  // Its author took their words back: there is nothing left to answer, so nothing to decide or tick.
  const withdrawn = c.state === 'withdrawn'
  // Waiting for moderation, it is not yet part of the consultation: approved first, then decided on
  // (decision.service.ts, pendingNeedsApproval), so neither form nor tick box is offered.
  const waiting = c.state === 'pending'
  return (
    <li>
      <article
        class={`comment triage-comment comment-${c.state}`}
        id={`c${c.id}`}
        aria-label={t('triage.comment.label', {
          kind: kindLabelIn(language, c.kind),
          id: c.id,
          name: c.author.displayName,
        })}
      >
        <header class="comment-header">
          {withdrawn || waiting ? null : (
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
                {t('triage.comment.select')}{' '}
                <span class="visually-hidden">{t('triage.comment.selectHidden', { id: c.id })}</span>
              </label>
            </span>
          )}
          <span class={`kind kind-${c.kind}`}>{kindLabelIn(language, c.kind)}</span>{' '}
          <span class="comment-author">
            <AuthorName comment={c} language={language} />
          </span>{' '}
          <span class="comment-time">
            <Time at={c.createdAt} language={language} />
          </span>
          <a class="comment-number" href={`#c${c.id}`}>
            {t('triage.comment.number', { id: c.id })}
          </a>
          {c.state === 'published' ? null : (
            <span class={`badge badge-${c.state}`}>{stateLabelIn(language, c.state)}</span>
          )}
          <KeptForEditors comment={c} language={language} />
          {c.flags.length > 0 ? <span class="badge badge-flagged">{t('triage.comment.flagged')}</span> : null}
          {c.draft ? <span class="badge badge-draft">{t('triage.comment.draftBadge')}</span> : null}
          {c.origin.carried ? (
            <span class="badge badge-carried">
              {t('triage.comment.writtenOn', { edition: c.origin.edition })}
            </span>
          ) : null}
        </header>
        {c.proposalRedline ? (
          <div class="suggested-wording">
            <p class="suggested-label">{t('triage.comment.suggested')}</p>
            <Redline
              parts={c.proposalRedline}
              label={t('triage.comment.redline', { id: c.id })}
              lang={p.textLang}
            />
          </div>
        ) : null}
        <CommentWords comment={c} language={language} textLang={p.quoteLang ?? p.textLang} />
        {c.agreements > 0 ? (
          <p class="agreements">{t('report.agreements', { count: c.agreements })}</p>
        ) : null}
        <FlagList flags={c.flags} />
        <p class="triage-links">
          <a href={originThread(p.slug, c)}>
            {t('triage.comment.replies', { count: c.replies })}
            {c.origin.carried
              ? t('triage.comment.inThreadOn', { edition: c.origin.edition })
              : t('triage.comment.inThread')}
          </a>
          {held ? (
            <>
              {' · '}
              <a href={originThread(p.slug, c)}>
                {c.state === 'pending' ? t('triage.comment.approveThere') : t('triage.comment.restoreThere')}
              </a>
            </>
          ) : null}
          {c.flags.length > 0 ? (
            <>
              {' · '}
              <a href={`${moderationPath(p.slug)}#c${c.id}`}>{t('triage.comment.flagsQueue')}</a>
            </>
          ) : null}
        </p>
        {c.draft ? (
          <p class="triage-draft">
            <strong>
              {t('triage.comment.draft', { decision: decisionLabelIn(language, c.draft.decision) })}
            </strong>
            {c.draft.duplicateOf ? <DuplicateOf id={c.draft.duplicateOf} onPage={p.onPage} t={t} /> : null},{' '}
            <Time at={c.draft.decidedAt} language={language} />
            {c.draft.response ? <span class="decision-response">: {c.draft.response}</span> : null}
          </p>
        ) : null}
        {c.draft && c.draftReworded ? <p class="warning">{t('triage.comment.draftReworded')}</p> : null}
        <p class="triage-current">
          {c.draft ? `${t('triage.comment.othersSee')} ` : null}
          {current.decision === 'open' ? (
            t(withdrawn ? 'triage.comment.withdrawnNoDecision' : 'triage.comment.noDecision')
          ) : (
            <>
              <strong>{decisionLabelIn(language, current.decision)}</strong>
              {current.duplicateOf ? <DuplicateOf id={current.duplicateOf} onPage={p.onPage} t={t} /> : null}
              {current.decidedAt ? (
                <>
                  , <Time at={current.decidedAt} language={language} />
                </>
              ) : null}
              {current.response ? <span class="decision-response">: {current.response}</span> : null}
            </>
          )}
        </p>
        <History c={c} onPage={p.onPage} language={language} />
        <StatusMessage>{p.notice}</StatusMessage>
        {stale ? (
          <p class="warning">
            <strong>{t('triage.comment.staleTitle')}</strong>{' '}
            {t('triage.comment.staleNotSaved', { decision: decisionLabel(stale.values.decision, language) })}
            {stale.values.response ? t('triage.withResponse', { response: stale.values.response }) : '.'}
          </p>
        ) : null}
        {c.proposalRedline &&
        c.state === 'published' &&
        current.decision !== 'accepted' &&
        c.draft?.decision !== 'accepted' ? (
          <form
            method="post"
            action={p.action.replace('/decide', '/accept')}
            class="triage-accept"
            aria-label={t('triage.comment.acceptLabel', { id: c.id })}
          >
            <input type="hidden" name="commentId" value={c.id} />
            <label for={`${prefix}accept-response`}>{t('triage.comment.acceptResponse')}</label>
            <textarea id={`${prefix}accept-response`} name="response" rows={2} maxlength={10000}></textarea>
            <button type="submit" class="button">
              {t('triage.comment.accept')}
            </button>{' '}
            {/* As every decision form can: the wording goes into the draft, the decision stays among the editors. */}
            <button type="submit" name="draft" value="1" class="button button-secondary">
              {t('triage.comment.acceptDraft')}
            </button>
          </form>
        ) : null}
        {waiting ? <p class="triage-waiting">{t('field.pendingNeedsApproval')}</p> : null}
        {withdrawn || waiting ? null : (
          <form
            method="post"
            action={p.action}
            class="triage-decide"
            aria-label={t('triage.comment.decideLabel', { id: c.id })}
          >
            <input type="hidden" name="commentId" value={c.id} />
            <input type="hidden" name="etag" value={c.etag} />
            <DecisionFields prefix={prefix} values={values} problems={failed?.problems} language={language} />
            <button type="submit" class="button button-secondary">
              {t('triage.comment.save')}
            </button>{' '}
            <button type="submit" name="draft" value="1" class="button button-secondary">
              {t('triage.saveDraft')}
            </button>
          </form>
        )}
        {p.children}
      </article>
    </li>
  )
}
