import type { Assets } from '../../platform/http/assets.ts'
import { MAX_SOURCE_BYTES } from '../../platform/markdown/limits.ts'
import type { DraftBlock } from '../working-draft.service.ts'
import type { DraftFeedback } from '../draft-preview.service.ts'
import { Layout } from '../../site/layout.tsx'
import { ButtonForm, ErrorSummary, StatusMessage, Time, errorFor } from '../../site/form.tsx'
import { DraftBlockItem, rowsFor, type FailedDraftForm } from './draft-block.tsx'
import { EditorNav } from './editor-nav.tsx'
import { editorPaths } from '../urls.ts'
import { plural } from '../../kernel/plural.ts'

export interface RevisePageProps {
  assets: Assets
  guide: { slug: string; title: string; lang: string }
  base: { number: number; state: string }
  blocks: readonly DraftBlock[]
  /** The feedback each block would carry into the next edition; none for an outdated draft. */
  feedback?: DraftFeedback | undefined
  updatedAt: Date
  outdated: boolean
  /** The block the last change deleted, which can still be put back. */
  deleted?: { number: string } | undefined
  notice?: string | undefined
  failed?: FailedDraftForm | undefined
}

/** Footnotes render in the order they are called, whatever their place in the source: they do not move. */
const movable = (a: DraftBlock | undefined, b: DraftBlock | undefined) =>
  a !== undefined && b !== undefined && a.kind !== 'footnoteDefinition' && b.kind !== 'footnoteDefinition'

export const RevisePage = (p: RevisePageProps) => {
  const next = p.base.number + 1
  const paths = editorPaths(p.guide.slug)
  const failedText = p.failed?.form === 'text' ? p.failed : undefined
  const failedBlock = typeof p.failed?.form === 'object' ? p.failed.form : undefined
  // Only a refusal about the text typed reopens the block's form; a stale form's block is another one now.
  const reopened = errorFor(p.failed?.problems, 'markdown') === undefined ? undefined : failedBlock
  const prefix = failedText ? 'text-' : reopened ? `${reopened.op}-${String(reopened.ordinal)}-` : ''
  return (
    <Layout
      title={`${p.failed ? 'Error: ' : ''}Working draft of edition ${String(next)}: ${p.guide.title} · Gloss`}
      assets={p.assets}
      guide={p.guide}
    >
      <ErrorSummary problems={p.failed?.problems} prefix={prefix} />
      {failedBlock && !reopened && p.failed?.markdown ? (
        <div class="field">
          <label for="typed">What you typed, to copy into the right block</label>
          <textarea id="typed" readonly rows={rowsFor(p.failed.markdown)}>
            {p.failed.markdown}
          </textarea>
        </div>
      ) : null}
      <h1>
        Edition {next} of “{p.guide.title}”: working draft
      </h1>
      <EditorNav slug={p.guide.slug} current="revise" />
      <StatusMessage>{p.notice}</StatusMessage>
      {p.deleted && !p.outdated ? (
        <div class="editor-panel undo-panel">
          <p id="undo-hint">
            Block {p.deleted.number} was deleted by the last change. You can put it back until the draft is
            next changed.
          </p>
          <ButtonForm
            action={`${paths.revise}/undo`}
            label={`Undo: put block ${p.deleted.number} back`}
            variant="secondary"
            describedBy="undo-hint"
          />
        </div>
      ) : null}
      {p.outdated ? (
        <Outdated {...p} />
      ) : (
        <>
          <div class="editor-panel">
            <p>
              Revised from edition {p.base.number}. Every change is saved at once, for all this guide’s
              editors; readers see nothing until you create edition {next} and open or publish it. Last
              changed <Time at={p.updatedAt} />.
            </p>
            <p class="editor-actions">
              <a class="button" href={paths.preview}>
                Preview the lineage and create edition {next}
              </a>
              <a href={`${paths.revise}/source.md`} download>
                Download the Markdown
              </a>
            </p>
          </div>
          <ReplaceText slug={p.guide.slug} failed={failedText} />
          <section aria-labelledby="blocks-title">
            <h2 id="blocks-title">
              The {plural(p.blocks.length, 'block')} of edition {next}
            </h2>
            <ol class="draft-blocks" dir="auto" lang={p.guide.lang}>
              {p.blocks.map((block) => (
                <DraftBlockItem
                  slug={p.guide.slug}
                  block={block}
                  up={movable(block, p.blocks[block.ordinal - 1])}
                  down={movable(block, p.blocks[block.ordinal + 1])}
                  failed={reopened?.ordinal === block.ordinal ? p.failed : undefined}
                  feedback={p.feedback}
                />
              ))}
            </ol>
          </section>
          <section aria-labelledby="discard-title" class="danger-zone">
            <h2 id="discard-title">Start again</h2>
            <p>Discarding the working draft throws away every change above. The editions stay as they are.</p>
            <ButtonForm
              action={`${paths.revise}/discard`}
              label="Discard the working draft"
              variant="danger"
            />
          </section>
        </>
      )}
    </Layout>
  )
}

const Outdated = (p: RevisePageProps) => (
  <div class="warning">
    <p>
      Edition {p.base.number} was created after this working draft began from an older edition, so the draft
      cannot become the next edition. Download its Markdown if you want to keep any of it, then discard it to
      start again from edition {p.base.number}.
    </p>
    <p class="editor-actions">
      <a href={`${editorPaths(p.guide.slug).revise}/source.md`} download>
        Download the Markdown
      </a>
      <ButtonForm
        action={`${editorPaths(p.guide.slug).revise}/discard`}
        label="Discard the working draft"
        variant="danger"
      />
    </p>
  </div>
)

const ReplaceText = (p: { slug: string; failed?: FailedDraftForm | undefined }) => {
  const error = errorFor(p.failed?.problems, 'markdown')
  return (
    <section aria-labelledby="replace-title">
      <h2 id="replace-title">Replace the whole text</h2>
      <form
        method="post"
        action={`${editorPaths(p.slug).revise}/text`}
        enctype="multipart/form-data"
        class="form replace-form"
      >
        <div class={error ? 'field field-invalid' : 'field'}>
          <label for="text-file">Upload a Markdown file</label>
          <p class="field-hint" id="text-file-hint">
            A .md file in UTF-8, up to {MAX_SOURCE_BYTES / 1024 / 1024} MB.
          </p>
          <input
            type="file"
            id="text-file"
            name="file"
            accept=".md,.markdown,.txt,text/markdown,text/plain"
            aria-describedby="text-file-hint"
          />
        </div>
        <div class={error ? 'field field-invalid' : 'field'}>
          <label for="text-markdown">Or paste the revised guide</label>
          <p class="field-hint" id="text-markdown-hint">
            Used when no file is chosen. Replacing the text clears any lineage corrections.
          </p>
          {error ? (
            <p class="field-error" id="text-markdown-error">
              <span class="visually-hidden">Error: </span>
              {error}
            </p>
          ) : null}
          <textarea
            id="text-markdown"
            name="markdown"
            rows={6}
            aria-describedby={`text-markdown-hint${error ? ' text-markdown-error' : ''}`}
            aria-invalid={error ? 'true' : undefined}
          >
            {p.failed?.markdown ?? ''}
          </textarea>
        </div>
        <button type="submit" class="button">
          Replace the text
        </button>
      </form>
    </section>
  )
}
