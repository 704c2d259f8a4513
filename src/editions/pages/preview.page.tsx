import type { LineageOverride } from '../../platform/db/schema.ts'
import type { DraftPreview } from '../draft-preview.service.ts'
import type { Assets } from '../../platform/http/assets.ts'
import { Layout } from '../../site/layout.tsx'
import { ErrorSummary, StatusMessage, type FormProblems } from '../../site/form.tsx'
import { LINEAGE_CHANGES } from '../../kernel/change-label.ts'
import { EditorNav } from './editor-nav.tsx'
import { editorPaths } from '../urls.ts'
import { ChangeBadge, LineageBlock, type FailedCorrection, type PreviewBlock } from './lineage-block.tsx'
import { LandingList } from './landing-list.tsx'

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
  return (
    <Layout
      title={`${problems ? 'Error: ' : ''}Lineage preview of edition ${String(next)}: ${p.guide.title} · Gloss`}
      assets={p.assets}
      guide={p.guide}
    >
      <ErrorSummary problems={problems} prefix={failedLink ? `link-${String(failedLink.ordinal)}-` : ''} />
      <h1>
        Edition {next} of “{p.guide.title}”: lineage preview
      </h1>
      <EditorNav slug={p.guide.slug} current="preview" />
      <StatusMessage>{p.notice}</StatusMessage>
      {p.preview ? (
        <Preview {...p} preview={p.preview} failedLink={failedLink} />
      ) : (
        <p class="warning">
          Edition {p.base.number} was created after the working draft began, so it cannot become the next
          edition. <a href={editorPaths(p.guide.slug).revise}>Open the working draft</a> to keep what you need
          and discard it.
        </p>
      )}
    </Layout>
  )
}

const Preview = (
  p: PreviewPageProps & { preview: DraftPreview; failedLink: FailedCorrection | undefined },
) => {
  const { view } = p.preview
  const corrected = new Set(p.overrides.map((o) => o.ordinal))
  const counts = new Map<string, number>()
  for (const b of view.blocks) counts.set(b.change, (counts.get(b.change) ?? 0) + 1)
  if (view.removed.length > 0) counts.set('removed', view.removed.length)
  const landing = view.blocks.reduce((sum, b) => sum + b.comments.length, 0)
  const block = (b: PreviewBlock) => (
    <LineageBlock
      slug={p.guide.slug}
      base={p.base.number}
      block={b}
      preview={p.preview}
      corrected={corrected.has(b.ordinal)}
      failed={p.failedLink?.ordinal === b.ordinal ? p.failedLink : undefined}
    />
  )
  return (
    <>
      <section aria-labelledby="summary-title" class="editor-panel">
        <h2 id="summary-title">
          From edition {p.base.number} to edition {view.edition}
        </h2>
        <ul class="change-summary">
          {LINEAGE_CHANGES.map((change) => (
            <li>
              <ChangeBadge change={change} />{' '}
              <strong>{(counts.get(change) ?? 0).toLocaleString('en')}</strong>
            </li>
          ))}
        </ul>
        <p>
          {landing.toLocaleString('en')} {landing === 1 ? 'comment shows' : 'comments show'} on the blocks of
          edition {view.edition}; {view.commentsOnRemovedText.length.toLocaleString('en')} under “comments on
          removed text”.
          {corrected.size > 0 ? ` You corrected ${String(corrected.size)} links.` : ''}
        </p>
        <CreateForm {...p} />
      </section>

      <section aria-labelledby="blocks-title">
        <h2 id="blocks-title">The blocks of edition {view.edition}</h2>
        <ol class="lineage-blocks" dir="auto" lang={p.guide.lang}>
          {rows(view.blocks, corrected).map((row) =>
            'block' in row ? (
              block(row.block)
            ) : (
              <li class="lineage-run">
                <details open={row.run.some((b) => b.ordinal === p.failedLink?.ordinal)}>
                  <summary>
                    <RunSummary run={row.run} />
                  </summary>
                  <ol class="lineage-blocks">{row.run.map(block)}</ol>
                </details>
              </li>
            ),
          )}
        </ol>
      </section>

      <section aria-labelledby="removed-title">
        <h2 id="removed-title">Removed from edition {p.base.number}</h2>
        {view.removed.length === 0 ? <p>Nothing is removed.</p> : null}
        <ul class="lineage-blocks" dir="auto" lang={p.guide.lang}>
          {view.removed.map((r) => (
            <li class="lineage-block change-removed">
              <p class="lineage-head">
                <span class="draft-number">{r.number}</span> <ChangeBadge change="removed" />
              </p>
              <p class="lineage-text">{r.text}</p>
              <LandingList ids={r.comments} comments={p.preview.comments} what="toRemoved" />
            </li>
          ))}
        </ul>
        <LandingList ids={p.preview.alreadyOnRemovedText} comments={p.preview.comments} what="stayRemoved" />
      </section>

      <section aria-labelledby="create-title" class="editor-panel">
        <h2 id="create-title">Create edition {view.edition}</h2>
        <CreateForm {...p} />
      </section>
    </>
  )
}

const RunSummary = ({ run }: { run: readonly PreviewBlock[] }) => {
  const comments = run.reduce((sum, b) => sum + b.comments.length, 0)
  return (
    <>
      {run.length.toLocaleString('en')} unchanged blocks ({run[0]?.number} to {run[run.length - 1]?.number})
      {comments > 0
        ? `; ${comments.toLocaleString('en')} ${comments === 1 ? 'comment stays' : 'comments stay'} on them`
        : ''}
    </>
  )
}

const CreateForm = (p: PreviewPageProps) => (
  <form method="post" action={`${editorPaths(p.guide.slug).revise}/create`} class="form">
    <input type="hidden" name="base" value={String(p.base.number)} />
    <input type="hidden" name="version" value={p.version} />
    <p class="field-hint">
      Edition {p.base.number + 1} is created as a draft, with this lineage; then you open it for consultation
      or publish it from the editions page. The working draft goes once the edition exists.
    </p>
    <button type="submit" class="button">
      Create edition {p.base.number + 1}
    </button>
  </form>
)
