import type { WordsLanguage } from '../../editions/words-language.service.ts'
import { raw } from 'hono/html'
import type { MyComment } from '../my-comments.service.ts'
import { stateLabel } from '../../guides/pages/home.page.tsx'
import { Time } from '../../site/form.tsx'
import { Redline } from '../../site/redline.tsx'
import type { Lang } from '../../platform/i18n/languages.ts'
import { decisionLabelIn, kindLabelIn, translator, type MessageKey } from '../../platform/i18n/messages.ts'
import { requestLanguage } from '../../platform/http/language.tsx'
import { rich, slot } from '../../site/rich-message.tsx'

const STATE_NOTE: Record<string, MessageKey | undefined> = {
  pending: 'mine.pending',
  withdrawn: 'mine.withdrawn',
}

const PlaceOf = ({ c, language }: { c: MyComment; language: Lang }) => {
  const t = translator(language)
  return c.block === null ? (
    <>{t('mine.general')}</>
  ) : (
    <>
      {rich(t('mine.onParagraph', { number: c.block.number, words: slot('words') }), {
        words: (
          <q class="first-words" lang={c.block.lang} dir="auto">
            {c.block.firstWords}
          </q>
        ),
      })}
    </>
  )
}

const Decision = ({
  decision,
  language,
}: {
  decision: NonNullable<MyComment['decision']>
  language: Lang
}) => {
  const t = translator(language)
  return (
    <div class={`my-decision decision-${decision.decision}`}>
      <p class="my-decision-label">
        <strong>{t('mine.decision')}</strong> {decisionLabelIn(language, decision.decision)}
        {decision.decidedAt ? (
          <span class="muted">
            {' '}
            · <Time at={decision.decidedAt} language={language} />
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
            <a href={decision.duplicateOf.thread}>{t('mine.duplicates')}</a>
          ) : (
            t('mine.duplicatesOther')
          )}
        </p>
      ) : null}
    </div>
  )
}

const Change = ({
  c,
  change,
  language,
}: {
  c: MyComment
  change: NonNullable<MyComment['change']>
  language: Lang
}) => {
  const t = translator(language)
  return (
    <div class={`my-change change-${change.lineage}`}>
      <p>
        <strong>{t('mine.whatChanged')}</strong>{' '}
        {change.block === null
          ? t('mine.removedIn', { number: change.removedIn ?? '' })
          : t('mine.changed', {
              number: change.edition,
              state: stateLabel(change.editionState, language).toLowerCase(),
              change: t(`mine.change.${change.lineage}`),
              now: change.block.number === c.block?.number ? 'same' : change.block.number,
            })}
        {change.placedBy === 'editor' ? (
          <>
            {' '}
            {change.block === null
              ? t('mine.placedRemoved')
              : t('mine.placedOn', { number: change.block.number })}
          </>
        ) : null}
      </p>
      {change.redline ? (
        <Redline
          parts={change.redline}
          label={t('mine.redline', { from: c.edition.number, to: change.edition })}
          lang={c.guide.lang}
        />
      ) : null}
      <p class="my-links">
        <a href={change.links.block}>
          {change.block === null
            ? t('notice.readEdition', { number: change.edition })
            : t('mine.seeParagraph', { number: change.block.number, edition: change.edition })}
        </a>
        {change.links.report ? (
          <a href={change.links.report}>{t('mine.report', { number: change.edition })}</a>
        ) : null}
      </p>
    </div>
  )
}

/** What became of the wording a suggestion proposed. */
const Suggestion = ({
  s,
  language,
  lang,
}: {
  s: NonNullable<MyComment['suggestion']>
  language: Lang
  /** The guide's text's language, which the wording is in (a suggestion quotes only that text). */
  lang: string
}) => {
  const t = translator(language)
  return (
    <div class="my-suggestion">
      <p>
        <strong>
          {s.takenInto !== null
            ? t('mine.takenInto', { number: s.takenInto })
            : s.accepted && s.intoDraft
              ? t('mine.accepted')
              : s.accepted
                ? // Accepted by a decision alone: the editors changed the text by hand, which Gloss cannot follow.
                  t('mine.acceptedByDecision')
                : t('mine.suggested')}
        </strong>
      </p>
      <Redline parts={s.redline} label={t('mine.withWording')} lang={lang} />
    </div>
  )
}

/** One of the person's comments: where it was written, what they said, the decision and the change since. */
export const MyCommentCard = ({
  c,
  language: given,
  wordsLang,
}: {
  c: MyComment
  language?: Lang | undefined
  /** A translation's language for the comment's quoted words (wordsLanguages). */
  wordsLang?: WordsLanguage | undefined
}) => {
  const language = given ?? requestLanguage()
  const t = translator(language)
  const quotedLang = wordsLang?.(c.id) ?? c.guide.lang
  const reply = c.parentId !== null
  const note = STATE_NOTE[c.state]
  return (
    <li>
      <article class={`my-comment comment-${c.state}`} aria-labelledby={`mine-${c.id}`}>
        <h3 class="my-comment-title" id={`mine-${c.id}`}>
          <span class={`kind kind-${c.kind}`}>
            {reply ? t('commentForm.reply') : kindLabelIn(language, c.kind)}
          </span>{' '}
          <PlaceOf c={c} language={language} />
        </h3>
        <p class="my-comment-meta">
          {rich(
            t('mine.meta', {
              number: c.edition.number,
              state: stateLabel(c.edition.state, language).toLowerCase(),
              time: slot('time'),
            }),
            { time: <Time at={c.createdAt} language={language} /> },
          )}
          {c.state === 'published' ? null : (
            <span class={`badge badge-${c.state}`}>{t('mine.state', { state: c.state })}</span>
          )}
        </p>
        {c.state === 'hidden' ? (
          <p class="hidden-reason">
            <strong>{t('comment.hiddenBy')}</strong> {c.hiddenReason ?? t('mine.noReason')}
          </p>
        ) : null}
        {note ? <p class="comment-context muted">{t(note)}</p> : null}
        {c.quote ? (
          <blockquote class="comment-quote" lang={quotedLang} dir="auto">
            {c.quote.exact}
          </blockquote>
        ) : null}
        <div class="comment-body" dir="auto">
          {raw(c.html)}
        </div>
        {c.decision ? <Decision decision={c.decision} language={language} /> : null}
        {c.suggestion ? <Suggestion s={c.suggestion} language={language} lang={c.guide.lang} /> : null}
        {c.change ? <Change c={c} change={c.change} language={language} /> : null}
        <p class="my-links">
          <a href={c.thread}>{t(reply ? 'mine.replyInThread' : 'mine.commentInThread')}</a>
        </p>
      </article>
    </li>
  )
}
