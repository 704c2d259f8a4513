import type { Assets } from '../../platform/http/assets.ts'
import type { SplitBlock } from '../../platform/markdown/split.ts'
import { Layout } from '../../site/layout.tsx'
import { ErrorSummary, Field, StatusMessage, TextArea, type FormProblems } from '../../site/form.tsx'
import { plural } from '../../kernel/plural.ts'

export interface ImportPageProps {
  assets: Assets
  /** What was sent, shown again: the source, the slug asked for. */
  values: { markdown?: string | undefined; slug?: string | undefined }
  /** The split of the source, once the editor asked to preview it. */
  preview?: { title: string; blocks: SplitBlock[] } | undefined
  problems?: FormProblems | undefined
  /** Arrived straight from setting up the instance: this page is the next step. */
  justSetUp?: boolean | undefined
}

const KIND: Record<string, string> = {
  heading: 'Heading',
  paragraph: 'Paragraph',
  listItem: 'List item',
  blockquote: 'Quotation',
  code: 'Code',
  table: 'Table',
  footnoteDefinition: 'Footnote',
  html: 'HTML',
}

const firstWords = (text: string) => (text.length > 140 ? `${text.slice(0, 140).trimEnd()}…` : text)

/**
 * Journey 1's start: an editor uploads or pastes a guide, sees how it splits into the blocks people
 * will comment on, and imports it as edition 1, a draft, to open from the editions page.
 */
export const ImportPage = (p: ImportPageProps) => (
  <Layout title="Import a guide · Gloss" assets={p.assets}>
    <div class="editor-page">
      <h1>Import a guide</h1>
      <ErrorSummary problems={p.problems} />
      <StatusMessage>
        {p.justSetUp ? (
          <>
            Gloss is set up, and you are its administrator. Next, import the guide you want to consult on.
            Moving Gloss from another server instead? <a href="/admin/instance">Restore its instance file</a>.
          </>
        ) : undefined}
      </StatusMessage>
      {p.preview ? (
        <section aria-labelledby="split-title">
          <h2 id="split-title">
            “{p.preview.title}” splits into {plural(p.preview.blocks.length, 'block')}
          </h2>
          <p>
            Each block is what reviewers comment on: a heading, a paragraph, a list item, a quotation, a table
            or a footnote. Check the split, then import the guide as a draft.
          </p>
          <form method="post" action="/guides/new" class="form">
            <Field
              name="slug"
              label="Address (optional)"
              hint="Lower-case letters, digits and hyphens: the guide will be at /g/<address>. Left empty, it comes from the title."
              value={p.values.slug}
              problems={p.problems}
              maxlength={80}
            />
            <details class="import-source">
              <summary>The Markdown being imported</summary>
              <TextArea
                name="markdown"
                label="Markdown"
                value={p.values.markdown}
                problems={p.problems}
                rows={8}
              />
            </details>
            <button type="submit" class="button">
              Import as a draft
            </button>
          </form>
          <ol class="split-preview">
            {p.preview.blocks.map((block) => (
              <li>
                <span class="draft-number">{block.number}</span>{' '}
                <span class="draft-kind">{KIND[block.kind] ?? block.kind}</span>{' '}
                <span dir="auto">{firstWords(block.text)}</span>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      <section aria-labelledby="source-title">
        <h2 id="source-title">{p.preview ? 'Or start again' : 'The guide'}</h2>
        <form method="post" action="/guides/new/preview" enctype="multipart/form-data" class="form">
          <div class="field">
            <label for="file">Upload a Markdown file</label>
            <input type="file" id="file" name="file" accept=".md,.markdown,text/markdown,text/plain" />
          </div>
          <TextArea
            name="markdown"
            prefix="paste-"
            label="Or paste it"
            hint="Markdown with optional front matter (title, slug, summary, lang). Up to 8 MB."
            value={p.preview ? undefined : p.values.markdown}
            problems={p.preview ? undefined : p.problems}
            rows={10}
          />
          <button type="submit" class="button">
            Preview the split
          </button>
        </form>
      </section>
    </div>
  </Layout>
)
