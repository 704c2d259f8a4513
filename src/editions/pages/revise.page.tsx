import type { Assets } from '../../platform/http/assets.ts'
import { MAX_SOURCE_BYTES } from '../../platform/markdown/limits.ts'
import type { DraftBlock } from '../working-draft.service.ts'
import type { DraftFeedback } from '../draft-preview.service.ts'
import { Layout } from '../../site/layout.tsx'
import { ButtonForm, ErrorSummary, StatusMessage, Time, errorFor } from '../../site/form.tsx'
import { DraftBlockItem, rowsFor, type FailedDraftForm } from './draft-block.tsx'
import { EditorNav } from './editor-nav.tsx'
import { editorPaths } from '../urls.ts'
import type { Lang } from '../../platform/i18n/languages.ts'
import { translator } from '../../platform/i18n/messages.ts'
import { Passage, rich, slot } from '../../site/rich-message.tsx'

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
  /** The interface language; the guide's words keep their own (`guide.lang`). */
  language: Lang
}

/** Footnotes render in the order they are called, whatever their place in the source: they do not move. */
const movable = (a: DraftBlock | undefined, b: DraftBlock | undefined) =>
  a !== undefined && b !== undefined && a.kind !== 'footnoteDefinition' && b.kind !== 'footnoteDefinition'

export const RevisePage = (p: RevisePageProps) => {
  const next = p.base.number + 1
  const paths = editorPaths(p.guide.slug)
  const language = p.language
  const t = translator(language)
  const failedText = p.failed?.form === 'text' ? p.failed : undefined
  const failedBlock = typeof p.failed?.form === 'object' ? p.failed.form : undefined
  // Only a refusal about the text typed reopens the block's form; a stale form's block is another one now.
  const reopened = errorFor(p.failed?.problems, 'markdown') === undefined ? undefined : failedBlock
  const prefix = failedText ? 'text-' : reopened ? `${reopened.op}-${String(reopened.ordinal)}-` : ''
  return (
    <Layout
      title={t(p.failed ? 'editor.revise.titleError' : 'editor.revise.title', {
        number: next,
        title: p.guide.title,
      })}
      assets={p.assets}
      guide={p.guide}
      language={language}
    >
      <ErrorSummary problems={p.failed?.problems} prefix={prefix} language={language} />
      {failedBlock && !reopened && p.failed?.markdown ? (
        <div class="field">
          <label for="typed">{t('editor.revise.typed')}</label>
          <textarea id="typed" readonly rows={rowsFor(p.failed.markdown)} lang={p.guide.lang}>
            {p.failed.markdown}
          </textarea>
        </div>
      ) : null}
      <h1>
        {rich(t('editor.revise.heading', { number: next, title: slot('title') }), {
          title: <Passage text={p.guide.title} lang={p.guide.lang} reader={language} />,
        })}
      </h1>
      <EditorNav slug={p.guide.slug} current="revise" language={language} />
      <StatusMessage>{p.notice}</StatusMessage>
      {p.deleted && !p.outdated ? (
        <div class="editor-panel undo-panel">
          <p id="undo-hint">{t('editor.revise.deleted', { number: p.deleted.number })}</p>
          <ButtonForm
            action={`${paths.revise}/undo`}
            label={t('editor.revise.undo', { number: p.deleted.number })}
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
              {rich(t('editor.revise.intro', { base: p.base.number, number: next, time: slot('time') }), {
                time: <Time at={p.updatedAt} language={language} />,
              })}
            </p>
            <p class="editor-actions">
              <a class="button" href={paths.preview}>
                {t('editor.revise.preview', { number: next })}
              </a>
              <a href={`${paths.revise}/source.md`} download>
                {t('editor.revise.download')}
              </a>
            </p>
          </div>
          <ReplaceText slug={p.guide.slug} failed={failedText} language={language} />
          <section aria-labelledby="blocks-title">
            <h2 id="blocks-title">{t('editor.revise.blocks', { count: p.blocks.length, number: next })}</h2>
            <ol class="draft-blocks">
              {p.blocks.map((block) => (
                <DraftBlockItem
                  slug={p.guide.slug}
                  block={block}
                  lang={p.guide.lang}
                  up={movable(block, p.blocks[block.ordinal - 1])}
                  down={movable(block, p.blocks[block.ordinal + 1])}
                  failed={reopened?.ordinal === block.ordinal ? p.failed : undefined}
                  feedback={p.feedback}
                  language={language}
                />
              ))}
            </ol>
          </section>
          <section aria-labelledby="discard-title" class="danger-zone">
            <h2 id="discard-title">{t('editor.revise.startAgain')}</h2>
            <p>{t('editor.revise.discardHint')}</p>
            <ButtonForm
              action={`${paths.revise}/discard`}
              label={t('editor.revise.discard')}
              variant="danger"
            />
          </section>
        </>
      )}
    </Layout>
  )
}

const Outdated = (p: RevisePageProps) => {
  const t = translator(p.language)
  const revise = editorPaths(p.guide.slug).revise
  return (
    <div class="warning">
      <p>{t('editor.revise.outdated', { number: p.base.number })}</p>
      <p class="editor-actions">
        <a href={`${revise}/source.md`} download>
          {t('editor.revise.download')}
        </a>
        <ButtonForm action={`${revise}/discard`} label={t('editor.revise.discard')} variant="danger" />
      </p>
    </div>
  )
}

const ReplaceText = (p: { slug: string; failed?: FailedDraftForm | undefined; language: Lang }) => {
  const t = translator(p.language)
  const error = errorFor(p.failed?.problems, 'markdown')
  return (
    <section aria-labelledby="replace-title">
      <h2 id="replace-title">{t('editor.replace.title')}</h2>
      <form
        method="post"
        action={`${editorPaths(p.slug).revise}/text`}
        enctype="multipart/form-data"
        class="form replace-form"
      >
        <div class={error ? 'field field-invalid' : 'field'}>
          <label for="text-file">{t('editor.replace.file')}</label>
          <p class="field-hint" id="text-file-hint">
            {t('editor.replace.fileHint', { size: MAX_SOURCE_BYTES / 1024 / 1024 })}
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
          <label for="text-markdown">{t('editor.replace.paste')}</label>
          <p class="field-hint" id="text-markdown-hint">
            {t('editor.replace.pasteHint')}
          </p>
          {error ? (
            <p class="field-error" id="text-markdown-error">
              <span class="visually-hidden">{t('form.errorPrefix')} </span>
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
          {t('editor.replace.button')}
        </button>
      </form>
    </section>
  )
}
