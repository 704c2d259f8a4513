import type { Assets } from '../../platform/http/assets.ts'
import type { GuideSettings } from '../settings.service.ts'
import { Layout } from '../../site/layout.tsx'
import { ErrorSummary, errorFor, Field, StatusMessage, type FormProblems } from '../../site/form.tsx'
import { guideSettingsPath } from '../urls.ts'
import { editorPaths } from '../../editions/urls.ts'
import { privacyPath } from '../../privacy/urls.ts'
import { translator } from '../../platform/i18n/messages.ts'
import type { Lang } from '../../platform/i18n/languages.ts'

export interface SettingsPageProps {
  assets: Assets
  slug: string
  settings: GuideSettings
  /** Retention has put pseudonyms in place of names, so full names are not offered (src/privacy/). */
  fullNamesGone?: boolean
  saved?: boolean
  /** A refused form: what was sent, shown again, and why it was refused. */
  failed?: { values: Record<string, string>; problems: FormProblems } | undefined
  /** The interface language. */
  language: Lang
}

/** One choice of a radio group; the first of a group carries the group's id, so the error summary can link to it. */
const Choice = (p: { name: string; id: string; value: string; chosen: string; label: string }) => (
  <div class="choice">
    <input type="radio" id={p.id} name={p.name} value={p.value} checked={p.chosen === p.value} />
    <label for={p.id}>{p.label}</label>
  </div>
)

const Group = (p: {
  name: string
  legend: string
  hint: string
  problems: FormProblems | undefined
  language: Lang
  children: unknown
}) => {
  const error = errorFor(p.problems, p.name)
  return (
    <fieldset
      class={error ? 'field field-invalid' : 'field'}
      aria-describedby={[`${p.name}-hint`, error ? `${p.name}-error` : ''].filter(Boolean).join(' ')}
    >
      <legend>{p.legend}</legend>
      <p class="field-hint" id={`${p.name}-hint`}>
        {p.hint}
      </p>
      {error ? (
        <p class="field-error" id={`${p.name}-error`}>
          <span class="visually-hidden">{translator(p.language)('form.errorPrefix')} </span>
          {error}
        </p>
      ) : null}
      {p.children}
    </fieldset>
  )
}

/** A guide's settings, for its editors: a plain form, complete without JavaScript. */
export const GuideSettingsPage = (p: SettingsPageProps) => {
  const values = p.failed?.values ?? {}
  const problems = p.failed?.problems
  const names = values.names ?? p.settings.names
  const publishByDefault = values.publishByDefault ?? String(p.settings.publishByDefault)
  const moderation = values.moderation ?? p.settings.moderation
  const { language } = p
  const t = translator(language)
  return (
    <Layout
      title={t(problems ? 'guides.settings.titleError' : 'guides.settings.title', {
        title: p.settings.title,
      })}
      assets={p.assets}
      guide={{ slug: p.slug, title: p.settings.title }}
      language={language}
    >
      <p>
        <a href={editorPaths(p.slug).manage}>{t('guides.settings.toEditions')}</a>
      </p>
      <h1>{t('guides.settings.heading', { title: p.settings.title })}</h1>
      <StatusMessage>{p.saved ? t('guides.settings.saved') : undefined}</StatusMessage>
      <ErrorSummary problems={problems} language={language} />
      <form method="post" action={guideSettingsPath(p.slug)} class="form">
        <Field
          name="title"
          label={t('guides.settings.guideTitle')}
          hint={t('guides.settings.guideTitleHint')}
          value={values.title ?? p.settings.title}
          required
          maxlength={200}
          problems={problems}
          language={language}
        />
        <Group
          name="names"
          legend={t('guides.settings.names')}
          hint={
            p.fullNamesGone
              ? `${t('guides.settings.namesHint')} ${t('guides.settings.namesFullGone')}`
              : t('guides.settings.namesHint')
          }
          problems={problems}
          language={language}
        >
          <Choice
            name="names"
            id="names"
            value="pseudonym"
            chosen={names}
            label={t('guides.settings.namesPseudonym')}
          />
          {p.fullNamesGone ? null : (
            <Choice
              name="names"
              id="names-full"
              value="full"
              chosen={names}
              label={t('guides.settings.namesFull')}
            />
          )}
          <Choice
            name="names"
            id="names-none"
            value="none"
            chosen={names}
            label={t('guides.settings.namesNone')}
          />
        </Group>
        <Group
          name="publishByDefault"
          legend={t('guides.settings.publishing')}
          hint={t('guides.settings.publishingHint')}
          problems={problems}
          language={language}
        >
          <Choice
            name="publishByDefault"
            id="publishByDefault"
            value="true"
            chosen={publishByDefault}
            label={t('guides.settings.publishYes')}
          />
          <Choice
            name="publishByDefault"
            id="publishByDefault-no"
            value="false"
            chosen={publishByDefault}
            label={t('guides.settings.publishNo')}
          />
        </Group>
        <Group
          name="moderation"
          legend={t('guides.settings.moderation')}
          hint={t('guides.settings.moderationHint')}
          problems={problems}
          language={language}
        >
          <Choice
            name="moderation"
            id="moderation"
            value="post"
            chosen={moderation}
            label={t('guides.settings.moderationPost')}
          />
          <Choice
            name="moderation"
            id="moderation-pre"
            value="pre"
            chosen={moderation}
            label={t('guides.settings.moderationPre')}
          />
        </Group>
        <Field
          name="retentionDays"
          label={t('guideSettings.retentionLabel')}
          hint={t('guideSettings.retentionHint')}
          type="number"
          min={30}
          value={
            values.retentionDays ??
            (p.settings.retentionDays === null ? '' : String(p.settings.retentionDays))
          }
          problems={problems}
          language={language}
        />
        <p>
          <a href={privacyPath(p.slug)}>{t('guideSettings.privacyNotice')}</a>
        </p>
        <button type="submit" class="button">
          {t('guides.settings.save')}
        </button>
      </form>
    </Layout>
  )
}
