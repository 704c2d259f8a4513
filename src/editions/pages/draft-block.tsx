import { raw } from 'hono/html'
import type { Child } from 'hono/jsx'
import type { DraftBlock as Block } from '../working-draft.service.ts'
import type { DraftFeedback } from '../draft-preview.service.ts'
import { LandingList } from './landing-list.tsx'
import { errorFor, type FormProblems } from '../../site/form.tsx'
import { editorPaths } from '../urls.ts'
import { threadUrl } from '../../comments/urls.ts'
import { forReaders } from '../../site/reader-html.ts'

export type BlockOp = 'edit' | 'insert' | 'delete' | 'up' | 'down'

/** A refused form: the whole-text form, the undo, or one block's, with what was typed. */
export interface FailedDraftForm {
  form: 'text' | 'undo' | { op: BlockOp; ordinal: number }
  problems: FormProblems
  markdown?: string | undefined
}

const KIND: Record<string, string> = {
  heading: 'Heading',
  paragraph: 'Paragraph',
  listItem: 'List item',
  blockquote: 'Quote',
  code: 'Code',
  table: 'Table',
  footnoteDefinition: 'Footnote',
  html: 'HTML',
}
export const kindLabel = (kind: string) => KIND[kind] ?? kind

/** Enough rows for the text as it wraps at about 60 characters, within reason. */
export const rowsFor = (text: string) =>
  Math.min(
    16,
    Math.max(
      3,
      text.split('\n').reduce((rows, line) => rows + Math.ceil((line.length + 1) / 60), 1),
    ),
  )

/** One block of the working draft: its number and text, and the forms that change it. */
export const DraftBlockItem = (p: {
  slug: string
  block: Block
  up: boolean
  down: boolean
  failed?: FailedDraftForm | undefined
  feedback?: DraftFeedback | undefined
}) => {
  const b = p.block
  const feedback = p.feedback?.onBlock.get(b.ordinal) ?? []
  const suggestions = p.feedback?.suggestions.get(b.ordinal) ?? []
  const o = String(b.ordinal)
  const action = `${editorPaths(p.slug).revise}/blocks/${o}`
  const failedOp = typeof p.failed?.form === 'object' ? p.failed.form.op : undefined
  const which = <span class="visually-hidden"> block {b.number}</span>
  return (
    <li class={`draft-block kind-${b.kind}`} id={`b-${o}`}>
      <p class="draft-block-head">
        <span class="draft-number">{b.number}</span> <span class="draft-kind">{kindLabel(b.kind)}</span>
      </p>
      <div class="draft-block-text">
        {b.kind === 'heading' ? <p class="draft-heading">{b.text}</p> : raw(forReaders(b.html))}
      </div>
      {suggestions.map((s) => (
        <p class="draft-origin">
          From a suggestion by{' '}
          <a
            href={threadUrl(
              { slug: p.slug, number: s.edition, blockKey: s.blockKey },
              { comment: s.commentId },
            )}
          >
            {s.author}
          </a>
        </p>
      ))}
      {p.feedback && feedback.length > 0 ? (
        // What people said about these words, and what was decided, beside the words being revised.
        <div class="draft-feedback">
          <LandingList ids={feedback} comments={p.feedback.comments} what="onBlock" />
        </div>
      ) : null}
      <div class="draft-actions">
        <BlockTextForm
          action={action}
          op="edit"
          block={b}
          summary={<>Edit{which}</>}
          label={`Markdown of block ${b.number}`}
          button="Save"
          failed={failedOp === 'edit' ? p.failed : undefined}
        />
        <form method="post" action={action} class="inline-form draft-buttons">
          <input type="hidden" name="hash" value={b.hash} />
          {p.up ? (
            <button type="submit" name="op" value="up" class="button button-secondary">
              Move up{which}
            </button>
          ) : null}
          {p.down ? (
            <button type="submit" name="op" value="down" class="button button-secondary">
              Move down{which}
            </button>
          ) : null}
          <button type="submit" name="op" value="delete" class="button button-danger">
            Delete{which}
          </button>
        </form>
        <BlockTextForm
          action={action}
          op="insert"
          block={b}
          summary={<>Insert a paragraph after{which}</>}
          label={`New paragraph after block ${b.number} (Markdown)`}
          button="Insert"
          failed={failedOp === 'insert' ? p.failed : undefined}
        />
      </div>
    </li>
  )
}

const BlockTextForm = (p: {
  action: string
  op: 'edit' | 'insert'
  block: Block
  summary: Child
  label: string
  button: string
  failed?: FailedDraftForm | undefined
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
        <div class={error ? 'field field-invalid' : 'field'}>
          <label for={id}>{p.label}</label>
          {error ? (
            <p class="field-error" id={`${id}-error`}>
              <span class="visually-hidden">Error: </span>
              {error}
            </p>
          ) : null}
          <textarea
            id={id}
            name="markdown"
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
