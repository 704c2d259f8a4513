import type { Assets } from '../../platform/http/assets.ts'
import type { SplitBlock } from '../../platform/markdown/split.ts'
import { Layout } from '../../site/layout.tsx'
import { ErrorSummary, Field, StatusMessage, TextArea, type FormProblems } from '../../site/form.tsx'
import type { Lang } from '../../platform/i18n/languages.ts'
import { translator } from '../../platform/i18n/messages.ts'
import { Passage, rich, slot } from '../../site/rich-message.tsx'

export interface ImportPageProps {
  assets: Assets
  /** What was sent, shown again: the source, the slug asked for. */
  values: { markdown?: string | undefined; slug?: string | undefined }
  /** The split of the source, once the editor asked to preview it. */
  preview?: { title: string; blocks: SplitBlock[]; lang: string } | undefined
  problems?: FormProblems | undefined
  /** Arrived straight from setting up the instance: this page is the next step. */
  justSetUp?: boolean | undefined
  /** The interface language. */
  language: Lang
}

const firstWords = (text: string) => (text.length > 140 ? `${text.slice(0, 140).trimEnd()}…` : text)

/**
 * Journey 1's start: an editor uploads or pastes a guide, sees how it splits into the blocks people
 * will comment on, and imports it as edition 1, a draft, to open from the editions page.
 */
export const ImportPage = (p: ImportPageProps) => {
  const { language } = p
  const t = translator(language)
  return (
    <Layout title={t('guides.import.title')} assets={p.assets} language={language}>
      <div class="editor-page">
        <h1>{t('guides.import.heading')}</h1>
        <ErrorSummary problems={p.problems} language={language} />
        <StatusMessage>
          {p.justSetUp
            ? rich(t('guides.import.setUp', { restore: slot('restore') }), {
                restore: <a href="/admin/instance">{t('guides.import.restore')}</a>,
              })
            : undefined}
        </StatusMessage>
        {p.preview ? (
          <section aria-labelledby="split-title">
            <h2 id="split-title">
              {rich(t('guides.import.splits', { title: slot('title'), count: p.preview.blocks.length }), {
                title: <Passage text={p.preview.title} lang={p.preview.lang} reader={language} />,
              })}
            </h2>
            <p>{t('guides.import.splitsIntro')}</p>
            <form method="post" action="/guides/new" class="form">
              <Field
                name="slug"
                label={t('guides.import.address')}
                hint={t('guides.import.addressHint')}
                value={p.values.slug}
                problems={p.problems}
                maxlength={80}
                language={language}
              />
              <details class="import-source">
                <summary>{t('guides.import.source')}</summary>
                <TextArea
                  name="markdown"
                  label={t('guides.import.markdown')}
                  value={p.values.markdown}
                  problems={p.problems}
                  rows={8}
                  language={language}
                />
              </details>
              <button type="submit" class="button">
                {t('guides.import.importDraft')}
              </button>
            </form>
            <ol class="split-preview">
              {p.preview.blocks.map((block) => (
                <li>
                  <span class="draft-number">{block.number}</span>{' '}
                  <span class="draft-kind">{t('guides.import.kind', { kind: block.kind })}</span>{' '}
                  <span dir="auto" lang={p.preview?.lang === language ? undefined : p.preview?.lang}>
                    {firstWords(block.text)}
                  </span>
                </li>
              ))}
            </ol>
          </section>
        ) : null}
        <section aria-labelledby="source-title">
          <h2 id="source-title">{t(p.preview ? 'guides.import.startAgain' : 'guides.import.theGuide')}</h2>
          <form method="post" action="/guides/new/preview" enctype="multipart/form-data" class="form">
            <div class="field">
              <label for="file">{t('guides.import.upload')}</label>
              <input type="file" id="file" name="file" accept=".md,.markdown,text/markdown,text/plain" />
            </div>
            <TextArea
              name="markdown"
              prefix="paste-"
              label={t('guides.import.paste')}
              hint={rich(t('guides.import.pasteHint', { fields: slot('fields') }), {
                fields: <code>title, slug, summary, lang</code>,
              })}
              value={p.preview ? undefined : p.values.markdown}
              problems={p.preview ? undefined : p.problems}
              rows={10}
              language={language}
            />
            <button type="submit" class="button">
              {t('guides.import.preview')}
            </button>
          </form>
        </section>
      </div>
    </Layout>
  )
}
