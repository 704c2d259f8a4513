import type { Assets } from '../../platform/http/assets.ts'
import type { GuideSettings } from '../settings.service.ts'
import { Layout } from '../../site/layout.tsx'
import { ErrorSummary, errorFor, Field, StatusMessage, type FormProblems } from '../../site/form.tsx'
import { guideSettingsPath } from '../urls.ts'
import { editorPaths } from '../../editions/urls.ts'
import { privacyPath } from '../../privacy/urls.ts'
import { translator } from '../../platform/i18n/messages.ts'
import { requestLanguage } from '../../platform/http/language.ts'

export interface SettingsPageProps {
  assets: Assets
  slug: string
  settings: GuideSettings
  saved?: boolean
  /** A refused form: what was sent, shown again, and why it was refused. */
  failed?: { values: Record<string, string>; problems: FormProblems } | undefined
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
          <span class="visually-hidden">Error: </span>
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
  const t = translator(requestLanguage())
  return (
    <Layout
      title={`${problems ? 'Error: ' : ''}Settings of ${p.settings.title} · Gloss`}
      assets={p.assets}
      guide={{ slug: p.slug, title: p.settings.title }}
    >
      <p>
        <a href={editorPaths(p.slug).manage}>Back to the editions</a>
      </p>
      <h1>Settings of “{p.settings.title}”</h1>
      <StatusMessage>{p.saved ? 'The settings are saved.' : undefined}</StatusMessage>
      <ErrorSummary problems={problems} />
      <form method="post" action={guideSettingsPath(p.slug)} class="form">
        <Field
          name="title"
          label="Title"
          hint="Shown to everyone with the guide. A revised edition whose title is new replaces it when the edition is opened or published."
          value={values.title ?? p.settings.title}
          required
          maxlength={200}
          problems={problems}
        />
        <Group
          name="names"
          legend="Reviewers’ names"
          hint="The guide’s editors always see who wrote each comment. Changing this changes every page, feed, export and the report at once. People are told which you chose when they accept an invitation."
          problems={problems}
        >
          <Choice
            name="names"
            id="names"
            value="pseudonym"
            chosen={names}
            label="Pseudonyms: each reviewer is “Reviewer 17” or the like, the same number on every page of this guide"
          />
          <Choice
            name="names"
            id="names-full"
            value="full"
            chosen={names}
            label="Full names: each comment shows its author’s name to anyone, as do the report, the feeds and the list of participants"
          />
          <Choice
            name="names"
            id="names-none"
            value="none"
            chosen={names}
            label="No names: everyone else reads comments as by “A participant”"
          />
        </Group>
        <Group
          name="publishByDefault"
          legend="Publishing comments"
          hint="Each reviewer chooses for each comment; this is what the comment form starts with. A comment kept for the editors is never shown to anyone else, but counts in triage and the editors’ exports. It also says whether decisions are released as they are made."
          problems={problems}
        >
          <Choice
            name="publishByDefault"
            id="publishByDefault"
            value="true"
            chosen={publishByDefault}
            label="Comments may be published unless their authors say not"
          />
          <Choice
            name="publishByDefault"
            id="publishByDefault-no"
            value="false"
            chosen={publishByDefault}
            label="Comments are only for the editors unless their authors say they may be published"
          />
        </Group>
        <Group
          name="moderation"
          legend="Moderation"
          hint="Either way, moderators can hide a comment later, giving a reason."
          problems={problems}
        >
          <Choice
            name="moderation"
            id="moderation"
            value="post"
            chosen={moderation}
            label="Comments appear as soon as they are posted"
          />
          <Choice
            name="moderation"
            id="moderation-pre"
            value="pre"
            chosen={moderation}
            label="Each comment waits for a moderator before anyone else sees it"
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
        />
        <p>
          <a href={privacyPath(p.slug)}>{t('guideSettings.privacyNotice')}</a>
        </p>
        <button type="submit" class="button">
          Save settings
        </button>
      </form>
    </Layout>
  )
}
