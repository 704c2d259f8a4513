import type { WordsLanguage } from '../../editions/words-language.service.ts'
import { HideFields } from './hide-fields.tsx'
import type { Assets } from '../../platform/http/assets.ts'
import { Layout } from '../../site/layout.tsx'
import { ButtonForm, ErrorSummary, StatusMessage, Time, type FormProblems } from '../../site/form.tsx'
import { EditorNav } from '../../editions/pages/editor-nav.tsx'
import type { ModerationQueue, QueueItem } from '../queue.service.ts'
import { queueActionPath } from '../urls.ts'
import { FlagList } from './flag-list.tsx'
import { CommentWords } from '../../site/comment-words.tsx'
import { threadUrl } from '../../comments/urls.ts'
import { AuthorName, KeptForEditors } from '../../site/author-line.tsx'
import type { Lang } from '../../platform/i18n/languages.ts'
import { kindLabelIn, translator, type MessageKey } from '../../platform/i18n/messages.ts'

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
  /** The interface language. */
  language: Lang
  /** A translation's language for a comment's quoted words (wordsLanguages). */
  wordsLang: WordsLanguage
}

/** Each one-item props: the guide, the comment, the refused hide form if any, and the language. */
interface ItemProps {
  slug: string
  /** The guide's text's language, which a comment's quoted words are in unless `wordsLang` says. */
  textLang: string
  /** A translation's language for a comment's quoted words (wordsLanguages). */
  wordsLang: WordsLanguage
  c: QueueItem
  failed: FailedHide | undefined
  language: Lang
}

const STATE_BADGE: Record<string, MessageKey | undefined> = {
  pending: 'moderation.badge.pending',
  hidden: 'moderation.badge.hidden',
  withdrawn: 'moderation.badge.withdrawn',
}

/** The thread a comment was written in, where it is read in context. */
const threadOf = (slug: string, c: QueueItem) =>
  threadUrl({ slug, number: c.edition, blockKey: c.blockKey }, { comment: c.id })

const HideForm = ({ slug, c, failed, language }: ItemProps) => {
  const mine = failed?.id === c.id ? failed : undefined
  const t = translator(language)
  return (
    <details class="comment-action" open={mine !== undefined}>
      <summary>
        {t('moderation.hide')}
        <span class="visually-hidden"> {t('moderation.commentNumber', { id: c.id })}</span>
      </summary>
      <form method="post" action={queueActionPath(slug, c.id, 'hide')} class="form">
        <HideFields
          prefix={`hide-${c.id}-`}
          values={mine?.values}
          problems={mine?.problems}
          language={language}
        />
        <button type="submit" class="button button-danger">
          {t('moderation.hideComment')}
        </button>
      </form>
    </details>
  )
}

/** What a moderator can do to a comment from here, by its state and whether it is flagged. */
const Actions = (p: ItemProps) => {
  const { slug, c } = p
  const t = translator(p.language)
  const hideable = c.state === 'published' || c.state === 'pending'
  return (
    <div class="comment-actions">
      {c.state === 'pending' ? (
        <ButtonForm
          action={queueActionPath(slug, c.id, 'approve')}
          label={t('moderation.approve')}
          variant="secondary"
        />
      ) : null}
      {c.state === 'hidden' ? (
        <ButtonForm
          action={queueActionPath(slug, c.id, 'restore')}
          label={t('moderation.restore')}
          variant="secondary"
        />
      ) : null}
      {c.flags.length > 0 ? (
        <ButtonForm
          action={queueActionPath(slug, c.id, 'dismiss')}
          label={t('moderation.dismiss', { count: c.flags.length })}
          variant="secondary"
        />
      ) : null}
      {hideable ? <HideForm {...p} /> : null}
    </div>
  )
}

const Item = (p: ItemProps) => {
  const { slug, c, language } = p
  const t = translator(language)
  const badge = STATE_BADGE[c.state]
  const kind = kindLabelIn(language, c.kind)
  return (
    <li>
      <article
        class={`comment queue-comment comment-${c.state}`}
        id={`c${c.id}`}
        aria-label={t('moderation.commentLabel', { kind, id: c.id, name: c.author.displayName })}
      >
        <header class="comment-header">
          <span class={`kind kind-${c.kind}`}>{kind}</span>{' '}
          <span class="comment-author">
            <AuthorName comment={c} language={language} />
          </span>{' '}
          <span class="comment-time">
            <Time at={c.createdAt} language={language} />
          </span>{' '}
          <a class="comment-number" href={threadOf(slug, c)}>
            {t('moderation.number', { id: c.id })}
          </a>
          {badge ? <span class={`badge badge-${c.state}`}>{t(badge)}</span> : null}
          <KeptForEditors comment={c} language={language} />
        </header>
        <CommentWords comment={c} language={language} textLang={p.wordsLang(c.id) ?? p.textLang} />
        <FlagList flags={c.flags} language={language} />
        <p class="triage-links">
          <a href={threadOf(slug, c)}>
            {t('moderation.readInThread', {
              reply: c.parentId === null ? 'no' : 'yes',
              edition: String(c.edition),
            })}
          </a>
        </p>
        <Actions {...p} />
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
  textLang: string
  wordsLang: WordsLanguage
  failed: FailedHide | undefined
  language: Lang
}) => {
  const t = translator(p.language)
  return (
    <section class="queue-section" aria-labelledby={`${p.id}-title`}>
      <h2 id={`${p.id}-title`}>
        {t(p.more ? 'moderation.countShown' : 'moderation.count', {
          title: p.title,
          count: String(p.items.length),
        })}
      </h2>
      {p.items.length === 0 ? (
        <p>{p.empty}</p>
      ) : (
        <ol class="triage-comments" id={p.id}>
          {p.items.map((c) => (
            <Item
              slug={p.slug}
              textLang={p.textLang}
              wordsLang={p.wordsLang}
              c={c}
              failed={p.failed}
              language={p.language}
            />
          ))}
        </ol>
      )}
      {p.more ? <p class="field-hint">{t('moderation.more')}</p> : null}
    </section>
  )
}

/**
 * The moderation queue (SPEC.md, Moderation): a guide's flagged comments, with who flagged each and why,
 * its comments waiting for approval, and the recently hidden. Every action is its own plain form.
 */
export const ModerationPage = (p: ModerationPageProps) => {
  const { queue: q, language } = p
  const t = translator(language)
  const slug = q.guide.slug
  const lists = { slug, textLang: q.guide.lang, wordsLang: p.wordsLang, failed: p.failed, language }
  return (
    <Layout
      title={t(p.failed ? 'moderation.titleError' : 'moderation.title', { title: q.guide.title })}
      assets={p.assets}
      guide={q.guide}
      language={language}
    >
      <ErrorSummary
        problems={p.failed?.problems}
        prefix={p.failed ? `hide-${p.failed.id}-` : ''}
        language={language}
      />
      <h1>{t('moderation.heading', { title: q.guide.title })}</h1>
      <EditorNav slug={slug} current="moderation" />
      <p>{t('moderation.intro')}</p>
      <StatusMessage>{p.notice}</StatusMessage>
      <List
        id="flagged"
        title={t('moderation.flagged')}
        empty={t('moderation.flaggedNone')}
        items={q.flagged}
        more={q.more.flagged}
        {...lists}
      />
      <List
        id="pending"
        title={t('moderation.pending')}
        empty={t('moderation.pendingNone')}
        items={q.pending}
        more={q.more.pending}
        {...lists}
      />
      <List
        id="hidden"
        title={t('moderation.hidden')}
        empty={t('moderation.hiddenNone')}
        items={q.hidden}
        more={q.more.hidden}
        {...lists}
      />
    </Layout>
  )
}
