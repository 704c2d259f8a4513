import type { Assets } from '../../platform/http/assets.ts'
import { Layout } from '../../site/layout.tsx'
import { AdminNav } from '../../people/pages/admin-nav.tsx'
import { errorFor, ErrorSummary, type FormProblems } from '../../site/form.tsx'
import type { Lang } from '../../platform/i18n/languages.ts'
import { translator } from '../../platform/i18n/messages.ts'
import { rich, slot } from '../../site/rich-message.tsx'

export interface InstanceOverview {
  guides: number
  people: number
  otherPeople: number
  comments: number
  restorable: boolean
}

/** The instance file, and how to take it to another host: download here, restore into a new instance. */
export const InstancePage = (p: {
  assets: Assets
  overview: InstanceOverview
  problems?: FormProblems | undefined
  maxUploadMb: number
  /** The interface language. */
  language: Lang
}) => {
  const { language } = p
  const t = translator(language)
  const command = slot('command')
  return (
    <Layout title={t('instance.title')} assets={p.assets} language={language}>
      <AdminNav current="/admin/instance" language={language} />
      <h1>{t('instance.heading')}</h1>
      <ErrorSummary problems={p.problems} language={language} />
      <section aria-labelledby="export-title">
        <h2 id="export-title">{t('instance.export')}</h2>
        <p>{t('instance.exportAbout')}</p>
        <p class="notice">{t('instance.exportNotice')}</p>
        <p>
          <a class="button" href="/api/instance/export" download>
            {t('instance.download')}
          </a>
        </p>
        <p class="field-hint">
          {rich(t('instance.exportCommand', { command }), {
            command: <code>gloss export &lt;file&gt;</code>,
          })}
        </p>
      </section>
      <section aria-labelledby="restore-title">
        <h2 id="restore-title">{t('instance.restore')}</h2>
        <p>
          {rich(t('instance.restoreAbout', { guides: p.overview.guides, command }), {
            command: <code>gloss restore &lt;file&gt;</code>,
          })}
        </p>
        {p.overview.restorable ? (
          <RestoreForm
            problems={p.problems}
            maxUploadMb={p.maxUploadMb}
            guides={p.overview.guides}
            language={language}
          />
        ) : (
          <p class="notice">
            {t('instance.inUse', { comments: p.overview.comments, others: p.overview.otherPeople })}
          </p>
        )}
      </section>
    </Layout>
  )
}

const RestoreForm = (p: {
  problems?: FormProblems | undefined
  maxUploadMb: number
  guides: number
  language: Lang
}) => {
  const t = translator(p.language)
  const fileError = errorFor(p.problems, 'file')
  const confirmError = errorFor(p.problems, 'confirm')
  return (
    <form method="post" action="/admin/instance/restore" enctype="multipart/form-data" class="form">
      <div class={fileError ? 'field field-invalid' : 'field'}>
        <label for="file">{t('instance.file')}</label>
        <p class="field-hint" id="file-hint">
          {rich(t('instance.fileHint', { type: slot('type'), mb: String(p.maxUploadMb) }), {
            type: <code>.jsonl.gz</code>,
          })}
        </p>
        {fileError ? (
          <p class="field-error" id="file-error">
            <span class="visually-hidden">{t('form.errorPrefix')} </span>
            {fileError}
          </p>
        ) : null}
        <input
          id="file"
          name="file"
          type="file"
          accept=".gz,application/gzip"
          required
          aria-describedby={fileError ? 'file-hint file-error' : 'file-hint'}
          aria-invalid={fileError ? 'true' : undefined}
        />
      </div>
      <div class={confirmError ? 'field field-checkbox field-invalid' : 'field field-checkbox'}>
        <input
          id="confirm"
          name="confirm"
          type="checkbox"
          value="yes"
          required
          aria-describedby={confirmError ? 'confirm-error' : undefined}
          aria-invalid={confirmError ? 'true' : undefined}
        />
        <label for="confirm">{t('instance.confirm', { guides: p.guides })}</label>
        {confirmError ? (
          <p class="field-error" id="confirm-error">
            <span class="visually-hidden">{t('form.errorPrefix')} </span>
            {confirmError}
          </p>
        ) : null}
      </div>
      <button type="submit" class="button button-danger">
        {t('instance.submit')}
      </button>
    </form>
  )
}
