import { raw } from 'hono/html'
import type { MyComment } from '../my-comments.service.ts'
import type { LineageChange } from '../../kernel/words.ts'
import { stateLabel } from '../../guides/pages/home.page.tsx'
import { Time } from '../../site/form.tsx'
import { Redline } from '../../site/redline.tsx'
import { kindLabel } from '../../kernel/kind-label.ts'

/** What became of the paragraph, finishing the sentence "In edition 2 the paragraph …". */
const CHANGE_WORDS: Record<LineageChange, string> = {
  unchanged: 'is unchanged',
  moved: 'moved, with its words unchanged',
  edited: 'was edited',
  'moved-edited': 'was moved and edited',
  split: 'was split, and your comment went with this part',
  merged: 'was merged with another paragraph',
  new: 'is new',
  removed: 'was removed',
}

const STATE_NOTE: Record<string, string | undefined> = {
  pending: 'Waiting for a moderator: others will see it once it is approved.',
  withdrawn: 'You withdrew this comment. Others see it as withdrawn; only you see its words.',
}

const placeOf = (c: MyComment) =>
  c.block === null ? (
    <>in the general discussion</>
  ) : (
    <>
      on paragraph {c.block.number}{' '}
      <q class="first-words" lang={c.guide.lang} dir="auto">
        {c.block.firstWords}
      </q>
    </>
  )

const Decision = ({ decision }: { decision: NonNullable<MyComment['decision']> }) => (
  <div class={`my-decision decision-${decision.decision}`}>
    <p class="my-decision-label">
      <strong>Decision:</strong> {decision.label}
      {decision.decidedAt ? (
        <span class="muted">
          {' '}
          · <Time at={decision.decidedAt} />
        </span>
      ) : null}
    </p>
    {decision.response ? (
      <blockquote class="my-response" dir="auto">
        {decision.response}
      </blockquote>
    ) : null}
    {decision.duplicateOf ? (
      <p>
        {decision.duplicateOf.thread ? (
          <a href={decision.duplicateOf.thread}>The comment it duplicates</a>
        ) : (
          'It duplicates another comment.'
        )}
      </p>
    ) : null}
  </div>
)

const Change = ({ c, change }: { c: MyComment; change: NonNullable<MyComment['change']> }) => {
  const edition = `edition ${String(change.edition)}`
  return (
    <div class={`my-change change-${change.lineage}`}>
      <p>
        <strong>What changed:</strong>{' '}
        {change.block === null ? (
          <>The paragraph was removed in edition {change.removedIn}.</>
        ) : (
          <>
            In {edition} ({stateLabel(change.editionState).toLowerCase()}) the paragraph{' '}
            {CHANGE_WORDS[change.lineage]}
            {change.block.number === c.block?.number ? '' : `; it is now paragraph ${change.block.number}`}.
          </>
        )}
        {change.placedBy === 'editor' ? (
          <>
            {' '}
            {change.block === null
              ? 'An editor placed your comment under “comments on removed text”.'
              : `An editor placed your comment on paragraph ${change.block.number}.`}
          </>
        ) : null}
      </p>
      {change.redline ? (
        <Redline
          parts={change.redline}
          label={`Changes to the paragraph from edition ${String(c.edition.number)} to ${edition}`}
        />
      ) : null}
      <p class="my-links">
        <a href={change.links.block}>
          {change.block === null ? `Read ${edition}` : `See paragraph ${change.block.number} in ${edition}`}
        </a>
        {change.links.report ? <a href={change.links.report}>The report on {edition}</a> : null}
      </p>
    </div>
  )
}

/** What became of the wording a suggestion proposed. */
const Suggestion = ({ s }: { s: NonNullable<MyComment['suggestion']> }) => (
  <div class="my-suggestion">
    <p>
      <strong>
        {s.takenInto !== null
          ? `Your wording was taken into edition ${String(s.takenInto)}.`
          : s.accepted
            ? 'Your wording was accepted into the draft of the next edition.'
            : 'The wording you suggested:'}
      </strong>
    </p>
    <Redline parts={s.redline} label="The paragraph with your wording" />
  </div>
)

/** One of the person's comments: where it was written, what they said, the decision and the change since. */
export const MyCommentCard = ({ c }: { c: MyComment }) => {
  const reply = c.parentId !== null
  return (
    <li>
      <article class={`my-comment comment-${c.state}`} aria-labelledby={`mine-${c.id}`}>
        <h3 class="my-comment-title" id={`mine-${c.id}`}>
          <span class={`kind kind-${c.kind}`}>{reply ? 'Reply' : kindLabel(c.kind)}</span> {placeOf(c)}
        </h3>
        <p class="my-comment-meta">
          Edition {c.edition.number} ({stateLabel(c.edition.state).toLowerCase()}) · <Time at={c.createdAt} />
          {c.state === 'published' ? null : <span class={`badge badge-${c.state}`}>{c.state}</span>}
        </p>
        {c.state === 'hidden' ? (
          <p class="hidden-reason">
            <strong>Hidden by a moderator:</strong> {c.hiddenReason ?? 'no reason given.'}
          </p>
        ) : null}
        {STATE_NOTE[c.state] ? <p class="comment-context muted">{STATE_NOTE[c.state]}</p> : null}
        {c.quote ? (
          <blockquote class="comment-quote" lang={c.guide.lang} dir="auto">
            {c.quote.exact}
          </blockquote>
        ) : null}
        <div class="comment-body" dir="auto">
          {raw(c.html)}
        </div>
        {c.decision ? <Decision decision={c.decision} /> : null}
        {c.suggestion ? <Suggestion s={c.suggestion} /> : null}
        {c.change ? <Change c={c} change={c.change} /> : null}
        <p class="my-links">
          <a href={c.thread}>{reply ? 'Your reply in its thread' : 'Your comment in its thread'}</a>
        </p>
      </article>
    </li>
  )
}
