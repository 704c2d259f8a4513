import { stringify } from 'csv-stringify/sync'
import type { Report, ReportItem } from '../report.service.ts'
import { SPREADSHEET_CSV } from '../../exports/csv.ts'
import { decisionText } from './report.page.tsx'
import type { Lang } from '../../platform/i18n/languages.ts'
import { translator, type Translate } from '../../platform/i18n/messages.ts'

/** The columns in order, as `reportCsv.heading` names them; `landing*` are in the reported edition. */
const COLUMNS = [
  'guide',
  'writtenOn',
  'blockKey',
  'blockNumber',
  'section',
  'blockText',
  'quote',
  'kind',
  'commentId',
  'comment',
  'author',
  'createdAt',
  'state',
  'decision',
  'response',
  'duplicateOf',
  'landingKey',
  'landingNumber',
  'change',
  'suggestedWording',
  'takenInto',
  'agreements',
  'organisation',
  'campaign',
  'themes',
] as const

/** A paragraph's change in the reader's words; a select's keys are single words ("not traced" is notTraced). */
const changeIn = (t: Translate, change: string) =>
  t('reportCsv.change', { change: change.replace(/[- ](\w)/g, (_, letter: string) => letter.toUpperCase()) })

/**
 * The report as CSV (RFC 4180), one row per comment in the page's order, with a byte order mark so
 * spreadsheet programs read it as UTF-8. It is for people reading a spreadsheet, so its headings and
 * the words Gloss writes in it (a decision, "General discussion", a comment's kind and state, a
 * paragraph's change) are in the reader's language, never English beside Welsh. English says the API's
 * codes as they are; the feedback CSV (exports/) is the data export that keeps codes throughout.
 */
export function reportCsv(report: Report, language: Lang = 'en'): string {
  const t = translator(language)
  // Which campaign and themes each comment is in, from the report's own lists of them.
  const campaignOf = new Map(report.campaigns.flatMap((c) => c.commentIds.map((id) => [id, c.id])))
  const themesOf = new Map<number, string[]>()
  for (const theme of report.themes)
    for (const id of theme.commentIds) themesOf.set(id, [...(themesOf.get(id) ?? []), theme.name])
  const header = COLUMNS.map((column) => t('reportCsv.heading', { column, number: report.edition.number }))
  const row = (
    edition: number,
    block: { key: string; number: string; sectionPath: string[]; text: string } | null,
    item: ReportItem,
  ) => {
    const c = item.comment
    const landing = item.landing
    return [
      report.guide.slug,
      String(edition),
      block?.key ?? '',
      block?.number ?? '',
      block ? block.sectionPath.join(' > ') : t('reading.generalDiscussion'),
      block?.text ?? '',
      c.quote?.exact ?? '',
      t('reportCsv.kind', { kind: c.kind }),
      c.id,
      c.body,
      c.author.organisation ? `${c.author.displayName} (${c.author.organisation})` : c.author.displayName,
      new Date(c.createdAt).toISOString(),
      t('reportCsv.state', { state: c.state }),
      decisionText(item, language),
      c.decision?.response ?? '',
      c.decision?.duplicateOf ?? '',
      landing?.key ?? '',
      landing?.number ?? '',
      landing?.change ? changeIn(t, landing.change) : '',
      c.proposal ?? '',
      item.takenInto === null ? '' : String(item.takenInto),
      String(c.agreements),
      c.onBehalfOf ?? '',
      campaignOf.get(Number(c.id)) ?? '',
      (themesOf.get(Number(c.id)) ?? []).sort((a, b) => a.localeCompare(b)).join('; '),
    ]
  }
  const rows = report.editions.flatMap((e) => [
    ...e.sections.flatMap((s) => s.blocks.flatMap((b) => b.items.map((item) => row(e.number, b, item)))),
    ...e.general.map((item) => row(e.number, null, item)),
  ])
  return stringify([header, ...rows], SPREADSHEET_CSV)
}
