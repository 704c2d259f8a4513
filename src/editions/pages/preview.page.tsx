import type { LineageOverride } from '../../platform/db/schema.ts'
import type { DraftPreview } from '../draft-preview.service.ts'
import type { Assets } from '../../platform/http/assets.ts'
import { Layout } from '../../site/layout.tsx'
import { ErrorSummary, StatusMessage, type FormProblems } from '../../site/form.tsx'
import { LINEAGE_CHANGES } from '../../kernel/words.ts'
import { EditorNav } from './editor-nav.tsx'
import { editorPaths } from '../urls.ts'
import { ChangeBadge, LineageBlock, type FailedCorrection, type PreviewBlock } from './lineage-block.tsx'
import { LandingList } from './landing-list.tsx'
import type { Lang } from '../../platform/i18n/languages.ts'
import { formatNumber, translator } from '../../platform/i18n/messages.ts'
import { Passage, rich, slot } from '../../site/rich-message.tsx'

export interface PreviewPageProps {
  assets: Assets
  guide: { slug: string; title: string; lang: string }
  base: { number: number }
  /** Which state of the draft this preview shows: creating is refused if the draft changes meanwhile. */
  version: string
  overrides: readonly LineageOverride[]
  /** Undefined when the draft began before the newest edition, and cannot become the next one. */
  preview: DraftPreview | undefined
  notice?: string | undefined
  /** A refused form; `link` when it was a correction to show again with what was typed. */
  failed?: { problems: FormProblems; link?: { ordinal: number; from: string } | undefined } | undefined
  /** The interface language; the guide's words keep their own (`guide.lang`). */
  language: Lang
}

/** Runs of unchanged blocks shorter than this are shown block by block. */
const SHORTEST_RUN = 3

type Row = { block: PreviewBlock } | { run: PreviewBlock[] }

/**
 * Unchanged blocks fold into runs, so a big guide's preview stays readable: their comments stay on the
 * same words. A block whose link the editor corrected stays in view.
 */
function rows(blocks: readonly PreviewBlock[], corrected: ReadonlySet<number>): Row[] {
  const result: Row[] = []
  let run: PreviewBlock[] = []
  const flush = () => {
    if (run.length >= SHORTEST_RUN) result.push({ run })
    else result.push(...run.map((block) => ({ block })))
    run = []
  }
  for (const block of blocks) {
    if (block.change === 'unchanged' && !corrected.has(block.ordinal)) run.push(block)
    else {
      flush()
      result.push({ block })
    }
  }
  flush()
  return result
}

export const PreviewPage = (p: PreviewPageProps) => {
  const next = p.base.number + 1
  const problems = p.failed?.problems
  const link = p.failed?.link
  const failedLink: FailedCorrection | undefined = link && problems && { ...link, problems }
  const t = translator(p.language)
  return (
    <Layout
      title={t(problems ? 'editor.preview.titleError' : 'editor.preview.title', {
        number: next,
        title: p.guide.title,
      })}
      assets={p.assets}
      guide={p.guide}
      language={p.language}
    >
      <ErrorSummary
        problems={problems}
        prefix={failedLink ? `link-${String(failedLink.ordinal)}-` : ''}
        language={p.language}
      />
      <h1>
        {rich(t('editor.preview.heading', { number: next, title: slot('title') }), {
          title: <Passage text={p.guide.title} lang={p.guide.lang} reader={p.language} />,
        })}
      </h1>
      <EditorNav slug={p.guide.slug} current="preview" language={p.language} />
      <StatusMessage>{p.notice}</StatusMessage>
      {p.preview ? (
        <Preview {...p} preview={p.preview} failedLink={failedLink} />
      ) : (
        <p class="warning">
          {rich(t('editor.preview.outdated', { number: p.base.number, link: slot('link') }), {
            link: <a href={editorPaths(p.guide.slug).revise}>{t('editor.preview.openDraft')}</a>,
          })}
        </p>
      )}
    </Layout>
  )
}

const Preview = (
  p: PreviewPageProps & { preview: DraftPreview; failedLink: FailedCorrection | undefined },
) => {
  const { view } = p.preview
  const language = p.language
  const t = translator(language)
  // A link kept by editing its block is the editor's word too, but not a correction they made here.
  const corrected = new Set(p.overrides.filter((o) => o.kept !== true).map((o) => o.ordinal))
  const kept = new Set(p.overrides.filter((o) => o.kept === true).map((o) => o.ordinal))
  const linked = new Set([...corrected, ...kept])
  const counts = new Map<string, number>()
  for (const b of view.blocks) counts.set(b.change, (counts.get(b.change) ?? 0) + 1)
  if (view.removed.length > 0) counts.set('removed', view.removed.length)
  const landing = view.blocks.reduce((sum, b) => sum + b.comments.length, 0)
  const block = (b: PreviewBlock) => (
    <LineageBlock
      slug={p.guide.slug}
      lang={p.guide.lang}
      base={p.base.number}
      block={b}
      preview={p.preview}
      corrected={corrected.has(b.ordinal)}
      kept={kept.has(b.ordinal)}
      failed={p.failedLink?.ordinal === b.ordinal ? p.failedLink : undefined}
      language={language}
    />
  )
  return (
    <>
      <section aria-labelledby="summary-title" class="editor-panel">
        <h2 id="summary-title">{t('editor.preview.summary', { from: p.base.number, to: view.edition })}</h2>
        <ul class="change-summary">
          {LINEAGE_CHANGES.map((change) => (
            <li>
              <ChangeBadge change={change} language={language} />{' '}
              <strong>{formatNumber(language, counts.get(change) ?? 0)}</strong>
            </li>
          ))}
        </ul>
        <p>
          {t('editor.preview.landing', {
            count: landing,
            number: view.edition,
            removed: view.commentsOnRemovedText.length,
          })}
          {corrected.size > 0 ? ` ${t('editor.preview.corrected', { count: corrected.size })}` : null}
        </p>
        <CreateForm {...p} />
      </section>

      <section aria-labelledby="blocks-title">
        <h2 id="blocks-title">{t('editor.preview.blocks', { number: view.edition })}</h2>
        <ol class="lineage-blocks">
          {rows(view.blocks, linked).map((row) =>
            'block' in row ? (
              block(row.block)
            ) : (
              <li class="lineage-run">
                <details open={row.run.some((b) => b.ordinal === p.failedLink?.ordinal)}>
                  <summary>
                    <RunSummary run={row.run} language={language} />
                  </summary>
                  <ol class="lineage-blocks">{row.run.map(block)}</ol>
                </details>
              </li>
            ),
          )}
        </ol>
      </section>

      <section aria-labelledby="removed-title">
        <h2 id="removed-title">{t('editor.preview.removedTitle', { number: p.base.number })}</h2>
        {view.removed.length === 0 ? <p>{t('editor.preview.nothingRemoved')}</p> : null}
        <ul class="lineage-blocks">
          {view.removed.map((r) => (
            <li class="lineage-block change-removed">
              <p class="lineage-head">
                <span class="draft-number">{r.number}</span>{' '}
                <ChangeBadge change="removed" language={language} />
              </p>
              <p class="lineage-text" dir="auto" lang={p.guide.lang}>
                {r.text}
              </p>
              <LandingList
                ids={r.comments}
                comments={p.preview.comments}
                what="toRemoved"
                language={language}
              />
            </li>
          ))}
        </ul>
        <LandingList
          ids={p.preview.alreadyOnRemovedText}
          comments={p.preview.comments}
          what="stayRemoved"
          language={language}
        />
      </section>

      <section aria-labelledby="create-title" class="editor-panel">
        <h2 id="create-title">{t('editor.preview.create', { number: view.edition })}</h2>
        <CreateForm {...p} />
      </section>
    </>
  )
}

const RunSummary = ({ run, language }: { run: readonly PreviewBlock[]; language: Lang }) => {
  const comments = run.reduce((sum, b) => sum + b.comments.length, 0)
  return (
    <>
      {translator(language)('editor.preview.run', {
        count: run.length,
        first: run[0]?.number ?? '',
        last: run[run.length - 1]?.number ?? '',
        comments,
      })}
    </>
  )
}

const CreateForm = (p: PreviewPageProps) => {
  const t = translator(p.language)
  return (
    <form method="post" action={`${editorPaths(p.guide.slug).revise}/create`} class="form">
      <input type="hidden" name="base" value={String(p.base.number)} />
      <input type="hidden" name="version" value={p.version} />
      <p class="field-hint">{t('editor.preview.createHint', { number: p.base.number + 1 })}</p>
      <button type="submit" class="button">
        {t('editor.preview.create', { number: p.base.number + 1 })}
      </button>
    </form>
  )
}
