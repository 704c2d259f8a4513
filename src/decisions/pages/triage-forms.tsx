import type { Child } from 'hono/jsx'
import { DECISIONS, type Decision } from '../../kernel/words.ts'
import type { Triage } from '../triage.service.ts'
import { DECISION_LABELS } from '../../kernel/decision-label.ts'
import { kindLabel } from '../../kernel/kind-label.ts'
import { errorFor, TextArea, type FormProblems } from '../../site/form.tsx'
import { hasFilters, KINDS, STATES, triagePath, type TriageView } from '../urls.ts'
import { plural } from '../../kernel/plural.ts'

/** How a decision a form sent reads, when it is one. */
export const decisionLabel = (value: string | undefined) =>
  (DECISIONS as readonly string[]).includes(value ?? '') ? DECISION_LABELS[value as Decision] : (value ?? '')

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

export const STATE_LABELS: Record<(typeof STATES)[number], string> = {
  published: 'Published',
  pending: 'Waiting for a moderator',
  hidden: 'Hidden',
  withdrawn: 'Withdrawn',
}

const counted = (label: string, n: number | undefined) => `${label} (${String(n ?? 0)})`

/** A select of filter values, each with how many comments it has; blank is "any". */
const FilterSelect = (p: {
  name: string
  label: string
  value: string | undefined
  options: readonly { value: string; label: string; count: number | undefined }[]
  all: number
}) => (
  <div class="field">
    <label for={`filter-${p.name}`}>{p.label}</label>
    <select id={`filter-${p.name}`} name={p.name}>
      <option value="" selected={p.value === undefined}>
        {counted('Any', p.all)}
      </option>
      {p.options.map((o) => (
        <option value={o.value} selected={o.value === p.value}>
          {counted(o.label, o.count)}
        </option>
      ))}
    </select>
  </div>
)

/** The filters: a plain GET form, so the result is a link to keep or share with another editor. */
export const FilterForm = (p: {
  slug: string
  number: number
  view: TriageView
  totals: Triage['totals']
  /** More filters, from other features (the themes). */
  children?: Child
}) => (
  <form method="get" action={triagePath(p.slug, p.number)} class="triage-filters" aria-label="Filters">
    <FilterSelect
      name="kind"
      label="Kind"
      value={p.view.kind}
      all={p.totals.all}
      options={KINDS.map((k) => ({ value: k, label: kindLabel(k), count: p.totals.kinds[k] }))}
    />
    <FilterSelect
      name="decision"
      label="Decision"
      value={p.view.decision}
      all={p.totals.all}
      options={DECISIONS.map((d) => ({ value: d, label: DECISION_LABELS[d], count: p.totals.decisions[d] }))}
    />
    <FilterSelect
      name="state"
      label="State"
      value={p.view.state}
      all={p.totals.all}
      options={STATES.map((s) => ({ value: s, label: STATE_LABELS[s], count: p.totals.states[s] }))}
    />
    <div class="field">
      <label for="filter-sort">Order</label>
      <select id="filter-sort" name="sort">
        <option value="" selected={!p.view.mostAgreed && !p.view.byTheme}>
          Reading order
        </option>
        <option value="agreed" selected={p.view.mostAgreed === true}>
          Most agreed
        </option>
        <option value="theme" selected={p.view.byTheme === true}>
          By theme
        </option>
      </select>
    </div>
    <div class="field-checkbox">
      <input id="filter-unresolved" type="checkbox" name="unresolved" value="1" checked={p.view.unresolved} />
      <label for="filter-unresolved">{counted('Only unresolved', p.totals.decisions.open)}</label>
    </div>
    <div class="field-checkbox">
      <input id="filter-flagged" type="checkbox" name="flagged" value="1" checked={p.view.flagged} />
      <label for="filter-flagged">{counted('Flagged', p.totals.flagged)}</label>
    </div>
    <div class="field-checkbox">
      <input
        id="filter-organisations"
        type="checkbox"
        name="organisations"
        value="1"
        checked={p.view.organisations}
      />
      <label for="filter-organisations">On behalf of an organisation</label>
    </div>
    {p.children}
    <div class="triage-filter-actions">
      <button type="submit" class="button">
        Show
      </button>
      {hasFilters(p.view) ? <a href={triagePath(p.slug, p.number)}>Clear the filters</a> : null}
    </div>
  </form>
)

/** Decision, response and the comment a duplicate repeats: the fields of one comment's form and of the bulk form. */
export const DecisionFields = (p: {
  prefix: string
  values: { decision?: string | undefined; response?: string | undefined; duplicateOf?: string | undefined }
  problems?: FormProblems | undefined
  /** The bulk form asks for a choice; a comment's form starts at its current decision. */
  choose?: boolean
}) => {
  const error = errorFor(p.problems, 'decision')
  const id = `${p.prefix}decision`
  const duplicateError = errorFor(p.problems, 'duplicateOf')
  const duplicateId = `${p.prefix}duplicateOf`
  return (
    <div class="decision-fields">
      <div class={error ? 'field field-invalid' : 'field'}>
        <label for={id}>Decision</label>
        {error ? (
          <p class="field-error" id={`${id}-error`}>
            <span class="visually-hidden">Error: </span>
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
              Choose…
            </option>
          ) : null}
          {DECISIONS.map((d) => (
            <option value={d} selected={d === p.values.decision}>
              {DECISION_LABELS[d]}
            </option>
          ))}
        </select>
      </div>
      <div class={duplicateError ? 'field field-invalid' : 'field'}>
        <label for={duplicateId}>
          Duplicate of no.<span class="visually-hidden"> (only for the decision “Duplicate”)</span>
        </label>
        {duplicateError ? (
          <p class="field-error" id={`${duplicateId}-error`}>
            <span class="visually-hidden">Error: </span>
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
        label="Response, for the reviewer and the report"
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
}) => {
  const failed = p.failed?.form === 'bulk' ? p.failed : undefined
  const error = errorFor(failed?.problems, 'commentIds')
  return (
    <form id="bulk" method="post" action={p.action} class="triage-bulk" aria-labelledby="bulk-title">
      <h2 id="bulk-title">Apply to selected</h2>
      <p class={error ? 'field-hint field-error' : 'field-hint'} id="bulk-commentIds">
        {error ??
          `Tick “Select” on any of the ${plural(p.onPage, 'comment')} on this page, then decide for them all at once.`}
      </p>
      <DecisionFields prefix="bulk-" values={failed?.values ?? {}} problems={failed?.problems} choose />
      <button type="submit" class="button">
        Apply to selected
      </button>{' '}
      <button type="submit" name="draft" value="1" class="button button-secondary">
        Save as draft for selected
      </button>{' '}
      <button type="submit" formaction={p.release} class="button button-secondary">
        Release drafts of selected
      </button>
    </form>
  )
}

/** Draft decisions wait here until the team is ready; one button makes every draft of the guide public. */
export const ReleaseForm = (p: { action: string; drafts: number }) =>
  p.drafts === 0 ? null : (
    <form method="post" action={p.action} class="triage-release" aria-labelledby="release-title">
      <h2 id="release-title">Draft decisions</h2>
      <p>
        {p.drafts === 1
          ? '1 decision on this guide is a draft: only its editors see it.'
          : `${p.drafts.toLocaleString('en')} decisions on this guide are drafts: only its editors see them.`}{' '}
        Releasing shows them to the reviewers who wrote the comments and to everyone reading, and tells open
        pages.
      </p>
      <input type="hidden" name="all" value="1" />
      <button type="submit" class="button">
        {p.drafts === 1 ? 'Release the draft' : `Release all ${p.drafts.toLocaleString('en')} drafts`}
      </button>
    </form>
  )
