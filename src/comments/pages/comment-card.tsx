import { HiddenReason } from '../../site/comment-words.tsx'
import { raw } from 'hono/html'
import type { CommentView } from '../comment.service.ts'
import type { RedlinePart } from '../../lineage/redline.ts'
import { Time } from '../../site/form.tsx'
import type { Lang } from '../../platform/i18n/languages.ts'
import { languageMark } from '../../platform/i18n/language-mark.ts'
import { wordsKept } from '../words-kept.ts'
import { decisionLabelIn, kindLabelIn, translator, type MessageKey } from '../../platform/i18n/messages.ts'
import { requestLanguage } from '../../platform/http/language.tsx'
import { Redline } from '../../site/redline.tsx'
import {
  EditForm,
  FlagForm,
  HideForm,
  ReplyForm,
  RestoreForm,
  WithdrawForm,
  type FormState,
} from './comment-forms.tsx'
import type { FlagView } from '../../moderation/flag.repository.ts'
import { FlagList } from '../../moderation/pages/flag-list.tsx'
import { moderationPath } from '../../moderation/urls.ts'
import type { Anchor } from '../anchor.ts'
import { QuotedWords } from './quoted-words.tsx'
import { PlacedNote, PlacementForm } from './placement-form.tsx'
import { AcceptForm, AgreementForm, SuggestedWording } from './suggestion-forms.tsx'
import { AuthorName, KeptForEditors } from '../../site/author-line.tsx'

/** A comment in a thread; one carried from an earlier edition says where it was written. */
export type ThreadComment = CommentView & {
  writtenOn?: { edition: number; number: string; text?: string; redline: RedlinePart[] | null }
  anchor?: Anchor
}

/** What the viewer may do on this thread, as the services will decide it. */
export interface ThreadAbilities {
  signedIn: boolean
  /** May post (the policy's `comment`, open sign-up counted). */
  comment: boolean
  /** The edition takes comments now. */
  open: boolean
  moderate: boolean
  /** May take a suggestion's wording into the working draft (edit the guide and decide). */
  accept?: boolean
  /** May place carried comments on another paragraph here (an editor, in the newest unpublished edition). */
  place?: boolean
}

const STATE_BADGE: Record<string, MessageKey | undefined> = {
  pending: 'card.state.pending',
  hidden: 'card.state.hidden',
  withdrawn: 'card.state.withdrawn',
}

/** A thread's comments as a tree: replies under their parent when the parent is on the same page. */
export function threadTree(items: readonly ThreadComment[]) {
  const shown = new Set(items.map((c) => c.id))
  const children = new Map<string, ThreadComment[]>()
  const roots: ThreadComment[] = []
  for (const item of items) {
    if (item.parentId !== null && shown.has(item.parentId)) {
      children.set(item.parentId, [...(children.get(item.parentId) ?? []), item])
    } else roots.push(item)
  }
  return { roots, children }
}

/** Which actions a comment offers this viewer; the services still decide, these only avoid dead buttons. */
export const actionsOn = (c: CommentView, can: ThreadAbilities) => ({
  reply: can.comment && can.open && c.state === 'published',
  // Once the editors' decision on it is released, its words stay as they are (comment-change.service.ts);
  // taking them back is always open.
  edit: c.mine && can.open && (c.state === 'published' || c.state === 'pending') && !wordsKept(c),
  withdraw: c.mine && can.open && (c.state === 'published' || c.state === 'pending'),
  flag: can.signedIn && !c.mine && c.state === 'published',
  hide: can.moderate && (c.state === 'published' || c.state === 'pending'),
  restore: can.moderate && (c.state === 'hidden' || c.state === 'pending'),
  agree: can.signedIn && can.comment && can.open && !c.mine && c.state === 'published',
  accept:
    can.accept === true &&
    c.kind === 'suggestion' &&
    c.proposal !== null &&
    c.state === 'published' &&
    c.decision?.decision !== 'accepted',
})

export interface CommentCardProps extends FormState {
  comment: ThreadComment
  can: ThreadAbilities
  repliesOf: Map<string, ThreadComment[]>
  /** A reply whose parent is on this page is nested under it. */
  nested: boolean
  /** Open flags by comment, with who raised them: given only to the guide's moderators. */
  flags?: ReadonlyMap<string, FlagView[]> | undefined
  /** The language of the text a quote's words are in (the thread page knows its paragraph's texts); else `textLang`. */
  quoteLang?: ((words: string) => string) | undefined
}

/** A comment carried from an earlier edition says so, with how the paragraph's wording changed since. */
const WrittenOn = (p: {
  edition: number
  number: string
  redline: RedlinePart[] | null
  language: Lang
  lang: string | undefined
}) => {
  const t = translator(p.language)
  return (
    <details class="written-on">
      <summary>{t('card.writtenOn', { edition: p.edition, number: p.number })}</summary>
      {p.redline ? (
        <Redline parts={p.redline} label={t('reading.changesSince', { number: p.edition })} lang={p.lang} />
      ) : null}
    </details>
  )
}

export const CommentCard = (p: CommentCardProps) => {
  const c = p.comment
  const actions = actionsOn(c, p.can)
  const replies = p.repliesOf.get(c.id) ?? []
  const badge = STATE_BADGE[c.state]
  const language = p.language ?? requestLanguage()
  const t = translator(language)
  // A reply answers the comment above it: it is called a reply, as the panel and "my comments" call it.
  const kind = c.parentId === null ? kindLabelIn(language, c.kind) : t('commentForm.reply')
  const mark = languageMark(c.lang, language)
  const form: FormState = {
    place: p.place,
    cursor: p.cursor,
    failed: p.failed,
    paragraphText: p.paragraphText,
    consent: p.consent,
    language,
    textLang: p.textLang,
  }
  return (
    <li>
      <article
        class={`comment comment-${c.state}${p.nested ? ' reply' : ''}`}
        id={`c${c.id}`}
        aria-label={t('card.by', { kind, name: c.author.displayName })}
      >
        <header class="comment-header">
          <span class={`kind kind-${c.kind}`}>{kind}</span>{' '}
          <span class="comment-author">
            <AuthorName comment={c} language={language} />
          </span>{' '}
          <a class="comment-time" href={`#c${c.id}`}>
            <Time at={c.createdAt} language={language} />
          </a>
          {c.edited && c.state !== 'withdrawn' ? (
            <span class="badge badge-edited">{t('card.edited')}</span>
          ) : null}
          {badge ? <span class={`badge badge-${c.state}`}>{t(badge)}</span> : null}
          {mark ? <span class="badge badge-lang">{t(mark.key, mark.values)}</span> : null}
          <KeptForEditors comment={c} language={language} />
        </header>
        {c.writtenOn ? <WrittenOn {...c.writtenOn} language={language} lang={p.textLang} /> : null}
        <PlacedNote anchor={c.anchor} language={language} />
        {c.parentId !== null && !p.nested ? (
          <p class="comment-context muted">{t('card.replyNotShown')}</p>
        ) : null}
        <HiddenReason comment={c} language={language} />
        {c.state === 'pending' && c.mine ? (
          <p class="comment-context muted">{t('card.pendingMine')}</p>
        ) : null}
        {c.state === 'withdrawn' ? (
          <p class="comment-context muted">{t('card.withdrawn')}</p>
        ) : (
          <>
            <QuotedWords
              quote={c.quote}
              anchor={c.anchor}
              mine={c.mine}
              language={language}
              langOf={p.quoteLang ?? (() => p.textLang)}
            />
            <SuggestedWording comment={c} language={language} lang={p.textLang} />
            <div class="comment-body" dir="auto" lang={c.lang ?? undefined}>
              {raw(c.html)}
            </div>
          </>
        )}
        {p.can.place && c.anchor && c.parentId === null ? (
          <PlacementForm place={p.place} commentId={c.id} language={language} />
        ) : null}
        {p.can.moderate ? (
          <FlagList flags={p.flags?.get(c.id)} queue={`${moderationPath(p.place.slug)}#c${c.id}`} />
        ) : null}
        {c.decision?.draft ? (
          <p class="comment-decision">
            <strong>
              {t('card.draftDecision', { decision: decisionLabelIn(language, c.decision.decision) })}
            </strong>{' '}
            {c.decision.response}
          </p>
        ) : c.decision && c.decision.decision !== 'open' ? (
          <p class="comment-decision">
            <strong>
              {t('card.decision', { decision: decisionLabelIn(language, c.decision.decision) })}
            </strong>{' '}
            {c.decision.response}
          </p>
        ) : null}
        {c.decision?.change && c.decision.decision !== 'open' ? (
          <DecisionChange change={c.decision.change} language={language} />
        ) : null}
        {c.state === 'published' ? <AgreementForm {...form} comment={c} may={actions.agree} /> : null}
        {Object.values({ ...actions, agree: false }).some(Boolean) ? (
          <div class="comment-actions">
            {actions.reply ? <ReplyForm {...form} comment={c} /> : null}
            {actions.edit ? <EditForm {...form} comment={c} /> : null}
            {actions.withdraw ? <WithdrawForm {...form} comment={c} /> : null}
            {actions.flag ? <FlagForm {...form} comment={c} /> : null}
            {actions.hide ? <HideForm {...form} comment={c} /> : null}
            {actions.restore ? <RestoreForm {...form} comment={c} /> : null}
            {actions.accept ? <AcceptForm {...form} comment={c} /> : null}
          </div>
        ) : null}
      </article>
      {replies.length > 0 ? (
        <ol class="replies">
          {replies.map((reply) => (
            <CommentCard {...p} comment={reply} nested language={language} />
          ))}
        </ol>
      ) : null}
    </li>
  )
}

/** Where the commented paragraph changed in a later edition: the decision links to that change (SPEC). */
const DecisionChange = ({
  change,
  language,
}: {
  change: NonNullable<NonNullable<CommentView['decision']>['change']>
  language: Lang
}) => {
  const t = translator(language)
  return (
    <p class="decision-change">
      <a href={change.link}>
        {change.block === null
          ? t('card.decisionRemoved', { edition: change.edition })
          : t('card.decisionChange', {
              number: change.block.number,
              edition: change.edition,
              change: t(`change.${change.lineage}` as const).toLowerCase(),
            })}
      </a>
    </p>
  )
}
