import type { Child } from 'hono/jsx'
import { DECISIONS, type Decision } from '../../kernel/words.ts'
import type { Triage } from '../triage.service.ts'
import { errorFor, TextArea, type FormProblems } from '../../site/form.tsx'
import { hasFilters, KINDS, RELEASE_FORM_ID, STATES, triagePath, type TriageView } from '../urls.ts'
import type { Lang } from '../../platform/i18n/languages.ts'
import {
  decisionLabelIn,
  formatNumber,
  kindLabelIn,
  translator,
  type MessageKey,
} from '../../platform/i18n/messages.ts'

/** How a decision a form sent reads, when it is one. */
export const decisionLabel = (value: string | undefined, language: Lang) =>
  (DECISIONS as readonly string[]).includes(value ?? '')
    ? decisionLabelIn(language, value as Decision)
    : (value ?? '')

/** A decision form the server refused and gives back: `bulk`, or `d<id>` for one comment's form. */
export interface TriageFailure {
  form: string
  values: Record<string, string>
  /** The comments ticked for the bulk form, ticked again. */
  selected: readonly string[]
  problems: FormProblems
  /** The comment changed under the form (412): it now shows as it is, and what was typed is not saved. */
  stale: boolean
}

const STATE_KEYS: Record<(typeof STATES)[number], MessageKey> = {
  published: 'state.published',
  pending: 'triage.state.pending',
  hidden: 'triage.state.hidden',
  withdrawn: 'triage.state.withdrawn',
}

/** A comment's state as the language names it. */
export const stateLabelIn = (language: Lang, state: (typeof STATES)[number]) =>
  translator(language)(STATE_KEYS[state])

const countedIn = (language: Lang) => (label: string, n: number | undefined) =>
  `${label} (${formatNumber(language, n ?? 0)})`

/** A select of filter values, each with how many comments it has; blank is "any". */
const FilterSelect = (p: {
  name: string
  label: string
  value: string | undefined
  options: readonly { value: string; label: string; count: number | undefined }[]
  all: number
  language: Lang
}) => {
  const counted = countedIn(p.language)
  return (
    <div class="field">
      <label for={`filter-${p.name}`}>{p.label}</label>
      <select id={`filter-${p.name}`} name={p.name}>
        <option value="" selected={p.value === undefined}>
          {counted(translator(p.language)('triage.filter.any'), p.all)}
        </option>
        {p.options.map((o) => (
          <option value={o.value} selected={o.value === p.value}>
            {counted(o.label, o.count)}
          </option>
        ))}
      </select>
    </div>
  )
}

/** The filters: a plain GET form, so the result is a link to keep or share with another editor. */
export const FilterForm = (p: {
  slug: string
  number: number
  view: TriageView
  totals: Triage['totals']
  language: Lang
  /** More filters, from other features (the themes). */
  children?: Child
}) => {
  const t = translator(p.language)
  const counted = countedIn(p.language)
  return (
    <form
      method="get"
      action={triagePath(p.slug, p.number)}
      class="triage-filters"
      aria-label={t('triage.filters')}
    >
      <FilterSelect
        name="kind"
        label={t('triage.filter.kind')}
        value={p.view.kind}
        all={p.totals.all}
        language={p.language}
        options={KINDS.map((k) => ({
          value: k,
          label: kindLabelIn(p.language, k),
          count: p.totals.kinds[k],
        }))}
      />
      <FilterSelect
        name="decision"
        label={t('triage.filter.decision')}
        value={p.view.decision}
        all={p.totals.all}
        language={p.language}
        options={DECISIONS.map((d) => ({
          value: d,
          label: decisionLabelIn(p.language, d),
          count: p.totals.decisions[d],
        }))}
      />
      <FilterSelect
        name="state"
        label={t('triage.filter.state')}
        value={p.view.state}
        all={p.totals.all}
        language={p.language}
        options={STATES.map((s) => ({
          value: s,
          label: stateLabelIn(p.language, s),
          count: p.totals.states[s],
        }))}
      />
      <div class="field">
        <label for="filter-sort">{t('triage.filter.order')}</label>
        <select id="filter-sort" name="sort">
          <option value="" selected={!p.view.mostAgreed && !p.view.byTheme}>
            {t('triage.filter.readingOrder')}
          </option>
          <option value="agreed" selected={p.view.mostAgreed === true}>
            {t('triage.filter.mostAgreed')}
          </option>
          <option value="theme" selected={p.view.byTheme === true}>
            {t('triage.filter.byTheme')}
          </option>
        </select>
      </div>
      <div class="field-checkbox">
        <input
          id="filter-unresolved"
          type="checkbox"
          name="unresolved"
          value="1"
          checked={p.view.unresolved}
        />
        <label for="filter-unresolved">
          {counted(t('triage.filter.unresolved'), p.totals.decisions.open)}
        </label>
      </div>
      <div class="field-checkbox">
        <input id="filter-flagged" type="checkbox" name="flagged" value="1" checked={p.view.flagged} />
        <label for="filter-flagged">{counted(t('triage.filter.flagged'), p.totals.flagged)}</label>
      </div>
      <div class="field-checkbox">
        <input
          id="filter-organisations"
          type="checkbox"
          name="organisations"
          value="1"
          checked={p.view.organisations}
        />
        <label for="filter-organisations">{t('triage.filter.organisations')}</label>
      </div>
      {p.children}
      <div class="triage-filter-actions">
        <button type="submit" class="button">
          {t('triage.filter.show')}
        </button>
        {hasFilters(p.view) ? <a href={triagePath(p.slug, p.number)}>{t('triage.filter.clear')}</a> : null}
      </div>
    </form>
  )
}

/** Decision, response and the comment a duplicate repeats: the fields of one comment's form and of the bulk form. */
export const DecisionFields = (p: {
  prefix: string
  values: { decision?: string | undefined; response?: string | undefined; duplicateOf?: string | undefined }
  problems?: FormProblems | undefined
  /** The bulk form asks for a choice; a comment's form starts at its current decision. */
  choose?: boolean
  language: Lang
}) => {
  const t = translator(p.language)
  const error = errorFor(p.problems, 'decision')
  const id = `${p.prefix}decision`
  const duplicateError = errorFor(p.problems, 'duplicateOf')
  const duplicateId = `${p.prefix}duplicateOf`
  return (
    <div class="decision-fields">
      <div class={error ? 'field field-invalid' : 'field'}>
        <label for={id}>{t('triage.filter.decision')}</label>
        {error ? (
          <p class="field-error" id={`${id}-error`}>
            <span class="visually-hidden">{t('form.errorPrefix')} </span>
            {error}
          </p>
        ) : null}
        <select
          id={id}
          name="decision"
          aria-describedby={error ? `${id}-error` : undefined}
          aria-invalid={error ? 'true' : undefined}
        >
          {p.choose ? (
            <option value="" selected={!p.values.decision}>
              {t('triage.fields.choose')}
            </option>
          ) : null}
          {DECISIONS.map((d) => (
            <option value={d} selected={d === p.values.decision}>
              {decisionLabelIn(p.language, d)}
            </option>
          ))}
        </select>
      </div>
      <div class={duplicateError ? 'field field-invalid' : 'field'}>
        <label for={duplicateId}>
          {t('triage.fields.duplicateOf')}
          <span class="visually-hidden">{t('triage.fields.duplicateOnly')}</span>
        </label>
        {duplicateError ? (
          <p class="field-error" id={`${duplicateId}-error`}>
            <span class="visually-hidden">{t('form.errorPrefix')} </span>
            {duplicateError}
          </p>
        ) : null}
        <input
          id={duplicateId}
          name="duplicateOf"
          type="text"
          inputmode="numeric"
          value={p.values.duplicateOf}
          maxlength={12}
          aria-describedby={duplicateError ? `${duplicateId}-error` : undefined}
          aria-invalid={duplicateError ? 'true' : undefined}
        />
      </div>
      <TextArea
        name="response"
        label={t('triage.fields.response')}
        language={p.language}
        value={p.values.response}
        prefix={p.prefix}
        problems={p.problems}
        rows={2}
        maxlength={10000}
      />
    </div>
  )
}

/**
 * One decision for every comment ticked on this page, public or as a draft, or the release of the ticked
 * comments' drafts. Its checkboxes sit on the comments (`form="bulk"`).
 */
export const BulkForm = (p: {
  action: string
  release: string
  failed: TriageFailure | undefined
  onPage: number
  language: Lang
}) => {
  const t = translator(p.language)
  const failed = p.failed?.form === 'bulk' ? p.failed : undefined
  const error = errorFor(failed?.problems, 'commentIds')
  return (
    <form id="bulk" method="post" action={p.action} class="triage-bulk" aria-labelledby="bulk-title">
      <h2 id="bulk-title">{t('triage.bulk.title')}</h2>
      <p class={error ? 'field-hint field-error' : 'field-hint'} id="bulk-commentIds">
        {error ?? t('triage.bulk.hint', { count: p.onPage })}
      </p>
      <DecisionFields
        prefix="bulk-"
        values={failed?.values ?? {}}
        problems={failed?.problems}
        choose
        language={p.language}
      />
      <button type="submit" class="button">
        {t('triage.bulk.title')}
      </button>{' '}
      <button type="submit" name="draft" value="1" class="button button-secondary">
        {t('triage.bulk.draft')}
      </button>{' '}
      <button type="submit" formaction={p.release} class="button button-secondary">
        {t('triage.bulk.release')}
      </button>
    </form>
  )
}

/** Draft decisions wait here until the team is ready; one button makes every draft of the guide public. */
export const ReleaseForm = (p: { action: string; drafts: number; language: Lang }) => {
  if (p.drafts === 0) return null
  const t = translator(p.language)
  return (
    <form
      method="post"
      action={p.action}
      class="triage-release"
      id={RELEASE_FORM_ID}
      aria-labelledby="release-title"
    >
      <h2 id="release-title">{t('triage.release.title')}</h2>
      <p>
        {t('triage.release.count', { count: p.drafts })} {t('triage.release.explain')}
      </p>
      <input type="hidden" name="all" value="1" />
      <button type="submit" class="button">
        {t('triage.release.submit', { count: p.drafts })}
      </button>
    </form>
  )
}
