import { raw } from 'hono/html'
import type { Child } from 'hono/jsx'
import type { DraftBlock as Block } from '../working-draft.service.ts'
import type { DraftFeedback } from '../draft-preview.service.ts'
import { LandingList } from './landing-list.tsx'
import { errorFor, type FormProblems } from '../../site/form.tsx'
import { editorPaths } from '../urls.ts'
import { threadUrl } from '../../comments/urls.ts'
import { forReaders } from '../../site/reader-html.ts'
import type { Lang } from '../../platform/i18n/languages.ts'
import { translator, type Translate } from '../../platform/i18n/messages.ts'
import { rich, slot } from '../../site/rich-message.tsx'

export type BlockOp = 'edit' | 'insert' | 'delete' | 'up' | 'down'

/** A refused form: the whole-text form, the undo, or one block's, with what was typed. */
export interface FailedDraftForm {
  form: 'text' | 'undo' | { op: BlockOp; ordinal: number }
  problems: FormProblems
  markdown?: string | undefined
}

/** A block's kind as the language names it ("Paragraph", "Paragraff"); a kind not known here, as it is. */
export const kindLabel = (kind: string, language: Lang) => translator(language)('editor.blockKind', { kind })

/** Enough rows for the text as it wraps at about 60 characters, within reason. */
export const rowsFor = (text: string) =>
  Math.min(
    16,
    Math.max(
      3,
      text.split('\n').reduce((rows, line) => rows + Math.ceil((line.length + 1) / 60), 1),
    ),
  )

/**
 * One block of the working draft: its number and text, and the forms that change it. The block's words
 * are marked with the guide's language (`lang`), the forms around them speak the reader's (`language`).
 */
export const DraftBlockItem = (p: {
  slug: string
  block: Block
  lang: string
  up: boolean
  down: boolean
  failed?: FailedDraftForm | undefined
  feedback?: DraftFeedback | undefined
  language: Lang
}) => {
  const b = p.block
  const t = translator(p.language)
  const feedback = p.feedback?.onBlock.get(b.ordinal) ?? []
  const suggestions = p.feedback?.suggestions.get(b.ordinal) ?? []
  const o = String(b.ordinal)
  const action = `${editorPaths(p.slug).revise}/blocks/${o}`
  const failedOp = typeof p.failed?.form === 'object' ? p.failed.form.op : undefined
  const which = <span class="visually-hidden"> {t('editor.block.which', { number: b.number })}</span>
  return (
    <li class={`draft-block kind-${b.kind}`} id={`b-${o}`}>
      <p class="draft-block-head">
        <span class="draft-number">{b.number}</span>{' '}
        <span class="draft-kind">{kindLabel(b.kind, p.language)}</span>
      </p>
      <div class="draft-block-text" dir="auto" lang={p.lang}>
        {b.kind === 'heading' ? <p class="draft-heading">{b.text}</p> : raw(forReaders(b.html, p.language))}
      </div>
      {suggestions.map((s) => (
        <p class="draft-origin">
          {rich(t('editor.block.fromSuggestion', { author: slot('author') }), {
            author: (
              <a
                href={threadUrl(
                  { slug: p.slug, number: s.edition, blockKey: s.blockKey },
                  { comment: s.commentId },
                )}
              >
                {s.author}
              </a>
            ),
          })}
        </p>
      ))}
      {p.feedback && feedback.length > 0 ? (
        // What people said about these words, and what was decided, beside the words being revised.
        <div class="draft-feedback">
          <LandingList ids={feedback} comments={p.feedback.comments} what="onBlock" language={p.language} />
        </div>
      ) : null}
      <div class="draft-actions">
        <BlockTextForm
          action={action}
          op="edit"
          block={b}
          summary={
            <>
              {t('editor.block.edit')}
              {which}
            </>
          }
          label={t('editor.block.markdown', { number: b.number })}
          button={t('form.save')}
          failed={failedOp === 'edit' ? p.failed : undefined}
          lang={p.lang}
          t={t}
        />
        <form method="post" action={action} class="inline-form draft-buttons">
          <input type="hidden" name="hash" value={b.hash} />
          <input type="hidden" name="number" value={b.number} />
          {p.up ? (
            <OpButton op="up" variant="secondary">
              {t('editor.block.up')}
              {which}
            </OpButton>
          ) : null}
          {p.down ? (
            <OpButton op="down" variant="secondary">
              {t('editor.block.down')}
              {which}
            </OpButton>
          ) : null}
          <OpButton op="delete" variant="danger">
            {t('editor.block.delete')}
            {which}
          </OpButton>
        </form>
        <BlockTextForm
          action={action}
          op="insert"
          block={b}
          summary={
            <>
              {t('editor.block.insertAfter')}
              {which}
            </>
          }
          label={t('editor.block.newParagraph', { number: b.number })}
          button={t('editor.block.insert')}
          failed={failedOp === 'insert' ? p.failed : undefined}
          lang={p.lang}
          t={t}
        />
      </div>
    </li>
  )
}

/** One of the buttons that share a form, sending which change it asks for as `op`. */
const OpButton = (p: { op: BlockOp; variant: 'secondary' | 'danger'; children?: Child }) => (
  <button type="submit" name="op" value={p.op} class={`button button-${p.variant}`}>
    {p.children}
  </button>
)

const BlockTextForm = (p: {
  action: string
  op: 'edit' | 'insert'
  block: Block
  summary: Child
  label: string
  button: string
  failed?: FailedDraftForm | undefined
  /** The guide's language, which the Markdown is written in. */
  lang: string
  t: Translate
}) => {
  const id = `${p.op}-${String(p.block.ordinal)}-markdown`
  const error = errorFor(p.failed?.problems, 'markdown')
  const value = p.failed?.markdown ?? (p.op === 'edit' ? p.block.markdown : '')
  return (
    <details class="draft-action" open={p.failed !== undefined}>
      <summary>{p.summary}</summary>
      <form method="post" action={p.action} class="form">
        <input type="hidden" name="op" value={p.op} />
        <input type="hidden" name="hash" value={p.block.hash} />
        <input type="hidden" name="number" value={p.block.number} />
        <div class={error ? 'field field-invalid' : 'field'}>
          <label for={id}>{p.label}</label>
          {error ? (
            <p class="field-error" id={`${id}-error`}>
              <span class="visually-hidden">{p.t('form.errorPrefix')} </span>
              {error}
            </p>
          ) : null}
          <textarea
            id={id}
            name="markdown"
            lang={p.lang}
            rows={rowsFor(value)}
            aria-describedby={error ? `${id}-error` : undefined}
            aria-invalid={error ? 'true' : undefined}
          >
            {value}
          </textarea>
        </div>
        <button type="submit" class="button">
          {p.button}
        </button>
      </form>
    </details>
  )
}
