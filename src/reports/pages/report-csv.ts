import { stringify } from 'csv-stringify/sync'
import type { Report, ReportItem } from '../report.service.ts'
import { SPREADSHEET_CSV } from '../../exports/csv.ts'
import { decisionText } from './report.page.tsx'

/**
 * The report as CSV (RFC 4180), one row per comment in the page's order, with a byte order mark so
 * spreadsheet programs read it as UTF-8.
 */
export function reportCsv(report: Report): string {
  const n = String(report.edition.number)
  const header = [
    'guide',
    'edition written on',
    'block key',
    'block number',
    'section',
    'block text',
    'quote',
    'kind',
    'comment id',
    'comment',
    'author',
    'created at',
    'state',
    'decision',
    'response',
    'duplicate of',
    `edition ${n} block key`,
    `edition ${n} block number`,
    'change',
    'suggested wording',
    'wording taken into edition',
    'agreements',
    'organisation',
  ]
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
      block ? block.sectionPath.join(' > ') : 'General discussion',
      block?.text ?? '',
      c.quote?.exact ?? '',
      c.kind,
      c.id,
      c.body,
      c.author.organisation ? `${c.author.displayName} (${c.author.organisation})` : c.author.displayName,
      new Date(c.createdAt).toISOString(),
      c.state,
      decisionText(item),
      c.decision?.response ?? '',
      c.decision?.duplicateOf ?? '',
      landing?.key ?? '',
      landing?.number ?? '',
      landing?.change ?? '',
      c.proposal ?? '',
      item.takenInto === null ? '' : String(item.takenInto),
      String(c.agreements),
      c.onBehalfOf ?? '',
    ]
  }
  const rows = report.editions.flatMap((e) => [
    ...e.sections.flatMap((s) => s.blocks.flatMap((b) => b.items.map((item) => row(e.number, b, item)))),
    ...e.general.map((item) => row(e.number, null, item)),
  ])
  return stringify([header, ...rows], SPREADSHEET_CSV)
}
