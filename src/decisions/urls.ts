import { z } from 'zod'
import { DECISIONS } from '../kernel/words.ts'
import type { TriageFilters } from './triage.repository.ts'
import { check } from '../platform/http/validate.ts'
import { fieldMessage } from '../platform/i18n/field-messages.ts'

export const KINDS = ['comment', 'reflection', 'example', 'suggestion'] as const
export const STATES = ['published', 'pending', 'hidden', 'withdrawn'] as const

/** The triage page's query: the filters and the page of the list. A blank field is "any". */
const TriageQuery = z.object({
  kind: z.enum(KINDS, fieldMessage('field.triageKind')).optional(),
  sort: z.enum(['agreed', 'theme'], fieldMessage('field.triageSort')).optional(),
  decision: z.enum(DECISIONS, fieldMessage('field.triageDecision')).optional(),
  state: z.enum(STATES, fieldMessage('field.triageState')).optional(),
  unresolved: z.enum(['1'], fieldMessage('field.tickOrLeave')).optional(),
  flagged: z.enum(['1'], fieldMessage('field.tickOrLeave')).optional(),
  organisations: z.enum(['1'], fieldMessage('field.tickOrLeave')).optional(),
  suggest: z.enum(['1'], fieldMessage('field.triageSuggest')).optional(),
  theme: z
    .string()
    .regex(/^[1-9]\d{0,9}$/, fieldMessage('field.triageTheme'))
    .refine((value) => Number(value) <= 2_147_483_647, fieldMessage('field.triageTheme'))
    .optional(),
  page: z
    .string()
    .regex(/^[1-9]\d{0,5}$/, fieldMessage('field.pageFromOne'))
    .optional(),
})

export interface TriageView extends TriageFilters {
  page: number
}

/** Reads the filters from a query (`?kind=…`); anything it does not know is a 422 naming the field. */
export function readTriageQuery(query: Record<string, string | undefined>): TriageView {
  const given = Object.fromEntries(
    (
      [
        'kind',
        'decision',
        'state',
        'unresolved',
        'flagged',
        'organisations',
        'suggest',
        'theme',
        'sort',
        'page',
      ] as const
    ).flatMap((name) => {
      const value = query[name]?.trim()
      return value ? [[name, value]] : []
    }),
  )
  const parsed = check(TriageQuery, given)
  return {
    kind: parsed.kind,
    decision: parsed.decision,
    state: parsed.state,
    unresolved: parsed.unresolved === '1',
    flagged: parsed.flagged === '1',
    organisations: parsed.organisations === '1',
    suggest: parsed.suggest === '1',
    mostAgreed: parsed.sort === 'agreed',
    byTheme: parsed.sort === 'theme',
    theme: parsed.theme === undefined ? undefined : Number(parsed.theme),
    page: parsed.page === undefined ? 1 : Number(parsed.page),
  }
}

export const triagePath = (slug: string, number: number) => `/g/${slug}/${String(number)}/triage`

/** The triage page's form that releases every draft decision of the guide, for links to it. */
export const RELEASE_FORM_ID = 'release-drafts'

/** The query that keeps the filters (and the page, unless it is the first) in a link or a form's action. */
export function filterQuery(view: TriageFilters & { page?: number }, extra: Record<string, string> = {}) {
  const query = new URLSearchParams()
  if (view.kind) query.set('kind', view.kind)
  if (view.decision) query.set('decision', view.decision)
  if (view.state) query.set('state', view.state)
  if (view.unresolved) query.set('unresolved', '1')
  if (view.flagged) query.set('flagged', '1')
  if (view.organisations) query.set('organisations', '1')
  if (view.theme !== undefined) query.set('theme', String(view.theme))
  if (view.mostAgreed) query.set('sort', 'agreed')
  if (view.byTheme) query.set('sort', 'theme')
  if (view.suggest) query.set('suggest', '1')
  if (view.page !== undefined && view.page > 1) query.set('page', String(view.page))
  for (const [name, value] of Object.entries(extra)) query.set(name, value)
  return query.size > 0 ? `?${query.toString()}` : ''
}

/** The triage page with these filters, at a page of the list, optionally with a notice and an anchor. */
export const triageUrl = (
  slug: string,
  number: number,
  view: TriageFilters & { page?: number },
  options: { done?: Record<string, string>; anchor?: string } = {},
) =>
  `${triagePath(slug, number)}${filterQuery(view, options.done)}${options.anchor ? `#${options.anchor}` : ''}`

export const hasFilters = (f: TriageFilters) =>
  Boolean(f.kind ?? f.decision ?? f.state) ||
  f.unresolved === true ||
  f.flagged === true ||
  f.organisations === true ||
  f.theme !== undefined

/** A section's anchor on the page: a block's, the general discussion's or the removed text's. */
export const sectionId = (place: string) =>
  place === 'general' || place === 'removed' ? place : `b-${place}`
