import { Hono, type Context } from 'hono'
import { editionRedline } from '../redline.service.ts'
import { editionReport, type Report } from '../report.service.ts'
import type { AppEnv, Deps } from '../../platform/http/env.ts'
import { editionNumber } from '../../platform/http/params.ts'
import { personalPages } from '../../site/personal-pages.tsx'
import { RedlinePage } from './redline.page.tsx'
import { reportCsv } from './report-csv.ts'
import { ReportPage } from './report.page.tsx'
import { wordsLanguages } from '../../editions/words-language.service.ts'

/**
 * Published text and decisions change rarely and hold nothing personal, so shared caches may keep
 * them a little while; decisions can still be corrected, hence a short life.
 */
const PUBLIC_CACHE = 'public, max-age=300'

const cacheFor = (c: Context<AppEnv>, shared: boolean) =>
  c.header('cache-control', shared ? PUBLIC_CACHE : 'no-store')

/** Pages: the "you said, we did" report (page and CSV) and redlines between editions. */
export const reportPageRoutes = ({ database: { db }, assets }: Deps) => {
  const { page } = personalPages(assets)
  const reportOf = (c: Context<AppEnv>): Promise<Report> =>
    editionReport(db, c.get('viewer'), c.req.param('slug') ?? '', editionNumber(c.req.param('n')))

  return new Hono<AppEnv>()
    .get('/g/:slug/:n/report', async (c) => {
      const report = await reportOf(c)
      const wordsLang = await wordsLanguages(
        db,
        report.editions.flatMap((e) => [
          ...e.sections.flatMap((s) => s.blocks.flatMap((b) => b.items.map((i) => i.comment))),
          ...e.general.map((i) => i.comment),
        ]),
      )
      const body = (
        <ReportPage assets={assets} report={report} language={c.get('lang')} wordsLang={wordsLang} />
      )
      if (report.preview) return page(c, body)
      cacheFor(c, true)
      return c.html(body)
    })
    .get('/g/:slug/:n/report.csv', async (c) => {
      const report = await reportOf(c)
      cacheFor(c, !report.preview)
      const filename = `${report.guide.slug}-edition-${String(report.edition.number)}-report.csv`
      return c.body(reportCsv(report, c.get('lang')), 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${filename}"`,
      })
    })
    .get('/g/:slug/redline/:a/:b', async (c) => {
      const redline = await editionRedline(
        db,
        c.get('viewer'),
        c.req.param('slug'),
        editionNumber(c.req.param('a')),
        editionNumber(c.req.param('b')),
      )
      cacheFor(c, redline.sameForEveryone)
      return c.html(<RedlinePage assets={assets} redline={redline} language={c.get('lang')} />)
    })
}
