import { Hono } from 'hono'
import { API, apiRoutes } from './api.ts'
import { importPageRoutes } from './guides/pages/import-pages.routes.tsx'
import { editorPageRoutes } from './editions/pages/editor-pages.routes.tsx'
import { placementPageRoutes } from './editions/pages/placement-pages.routes.tsx'
import { myCommentsPageRoutes } from './comments/pages/my-comments-pages.routes.tsx'
import { notificationsPageRoutes } from './notifications/pages/notifications-pages.routes.tsx'
import { reportPageRoutes } from './reports/pages/report-pages.routes.tsx'
import { triagePageRoutes } from './decisions/pages/triage-pages.routes.tsx'
import { campaignPageRoutes } from './campaigns/pages/campaign-pages.routes.tsx'
import { themePageRoutes } from './themes/pages/theme-pages.routes.tsx'
import { moderationPageRoutes } from './moderation/pages/moderation-pages.routes.tsx'
import { feedRoutes } from './feeds/feed.routes.ts'
import { feedPageRoutes } from './feeds/pages/feed-pages.routes.tsx'
import { searchPageRoutes } from './search/pages/search-pages.routes.tsx'
import { instancePageRoutes } from './instance/pages/instance-pages.routes.tsx'
import { backgroundWorkPageRoutes } from './instance/pages/background-work-pages.routes.tsx'
import { unsubscribePageRoutes } from './mail/pages/unsubscribe-pages.routes.tsx'
import { loadViewer } from './platform/http/session.ts'
import { chooseLanguage, pageRequests, personLanguage } from './platform/http/language.tsx'
import { problemsInLanguage } from './platform/http/problem-language.ts'
import { languageSwitchRoutes } from './site/language-switch.routes.ts'
import { translator } from './platform/i18n/messages.ts'
import { codeMeaning } from './platform/i18n/problem-words.ts'
import { bodyLimits } from './platform/http/body-limits.ts'
import { knownGuidesOnly } from './platform/http/known-guide.ts'
import { viewerCaching } from './platform/http/cache-control.ts'
import type { AppEnv, Deps } from './platform/http/env.ts'
import { makeProblem, problemResponse, toProblemResponse } from './platform/http/problem.ts'
import { sameOriginOnly, securityHeaders } from './platform/http/security.ts'
import { isOneClickUnsubscribe } from './mail/urls.ts'
import { requestLog } from './platform/http/request-log.ts'
import { requestIds } from './platform/http/request-id.ts'
import { httpMetrics } from './platform/metrics/http-metrics.ts'
import { collectProcessMetrics } from './platform/metrics/metrics.ts'
import { metricsRoutes } from './platform/metrics/metrics.routes.ts'
import { problemPageRoutes } from './site/problems.page.tsx'
import { accessibilityRoutes } from './site/accessibility.page.tsx'
import { moderationLogPageRoutes } from './moderation/pages/moderation-log-pages.routes.tsx'
import { privacyPageRoutes } from './privacy/pages/privacy-pages.routes.tsx'
import { clientHas } from './platform/http/conditional.ts'
import { logger } from './platform/log.ts'
import { DomainError } from './kernel/errors.ts'
import { databaseAnswers } from './platform/db/health.ts'
import { MessagePage } from './site/message.page.tsx'
import { showTimesIn } from './site/time-zone.ts'
import { pageRoutes } from './guides/pages/guide-pages.routes.tsx'
import { peoplePageRoutes } from './people/pages/people-pages.routes.tsx'
import { threadPageRoutes } from './comments/pages/thread-pages.routes.tsx'

const FAVICON =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#1d5b8f"/><text x="8" y="12.5" font-size="12" text-anchor="middle" fill="#fff" font-family="serif">¶</text></svg>'

const wantsJson = (path: string) => path.startsWith('/api/') || path === '/healthz'

export function createApp(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  const { assets } = deps
  showTimesIn(deps.config.timeZone)

  // First, so that every page is rendered for its request, a refusal's from any middleware below too.
  app.use(pageRequests)
  app.use(requestIds(deps.config))
  app.use(requestLog())
  if (deps.config.metrics) {
    collectProcessMetrics()
    app.use(httpMetrics())
  }
  app.use(securityHeaders())
  app.use(sameOriginOnly(deps.config, isOneClickUnsubscribe))
  // The language before any page or problem is made: pages read it, problems are put in it on the way out.
  app.use(chooseLanguage)
  app.use(problemsInLanguage)

  app.get('/assets/:file', (c) => {
    const asset = assets.byPath.get(c.req.path)
    if (!asset) return problemResponse(makeProblem('not-found', 'No such asset.'))
    if (clientHas(c, asset.etag)) return c.body(null, 304)
    return c.body(asset.body as Uint8Array<ArrayBuffer>, 200, {
      'content-type': asset.type,
      'cache-control': 'public, max-age=31536000, immutable',
      etag: asset.etag,
    })
  })

  app.get('/favicon.ico', (c) =>
    c.body(FAVICON, 200, { 'content-type': 'image/svg+xml', 'cache-control': 'public, max-age=86400' }),
  )

  app.get('/healthz', async (c) => {
    const ok = await databaseAnswers(deps.database.db).catch((error: unknown) => {
      logger.warn({ err: error }, 'health check: the database did not answer')
      return false
    })
    return ok
      ? c.json({ status: 'ok', database: deps.database.kind })
      : problemResponse(makeProblem('database-unavailable', 'The database is not answering.'), {
          'retry-after': '2',
        })
  })

  // The routes above hold deps, so the metrics read this app's streams and pool while it lives.
  if (deps.config.metrics) app.route('/', metricsRoutes(deps.config, deps))
  app.route('/', problemPageRoutes(deps))
  app.route('/', accessibilityRoutes(deps))

  // Registered after assets, favicon, health and metrics, which answer without looking anyone up.
  app.use('*', loadViewer(deps.database.db, deps.config))
  app.use('*', personLanguage)
  app.use('*', viewerCaching(deps.config))
  const knownGuides = knownGuidesOnly(deps.database.db)
  app.use('/api/guides/:slug/*', knownGuides)
  app.use('/g/:slug/*', knownGuides)
  // Only once the viewer and the guide are known: how much body may be read depends on who sends it.
  app.use('*', bodyLimits(API))
  app.route('/api', apiRoutes(deps))
  app.route('/', languageSwitchRoutes(deps))
  app.route('/', peoplePageRoutes(deps))
  app.route('/', threadPageRoutes(deps))
  app.route('/', editorPageRoutes(deps))
  app.route('/', placementPageRoutes(deps))
  app.route('/', importPageRoutes(deps))
  app.route('/', triagePageRoutes(deps))
  app.route('/', campaignPageRoutes(deps))
  app.route('/', themePageRoutes(deps))
  app.route('/', moderationPageRoutes(deps))
  app.route('/', reportPageRoutes(deps))
  app.route('/', myCommentsPageRoutes(deps))
  app.route('/', notificationsPageRoutes(deps))
  app.route('/', feedRoutes(deps))
  app.route('/', feedPageRoutes(deps))
  app.route('/', moderationLogPageRoutes(deps))
  app.route('/', privacyPageRoutes(deps))
  app.route('/', searchPageRoutes(deps))
  app.route('/', instancePageRoutes(deps))
  app.route('/', backgroundWorkPageRoutes(deps))
  app.route('/', unsubscribePageRoutes(deps))
  app.route('/', pageRoutes(deps))

  app.notFound((c) => {
    if (wantsJson(c.req.path))
      return problemResponse(makeProblem('not-found', 'There is nothing at this address.'))
    const t = translator(c.get('lang'))
    return c.html(
      <MessagePage assets={assets} language={c.get('lang')} title={t('message.notFound.title')}>
        <p>
          {t('message.notFound.body')} <a href="/">{t('message.seeAllGuides')}</a>
        </p>
      </MessagePage>,
      404,
    )
  })

  app.onError((error, c) => {
    if (wantsJson(c.req.path)) return toProblemResponse(error, c)
    const response = toProblemResponse(error, c)
    const lang = c.get('lang')
    const t = translator(lang)
    // English keeps the words of the refusal itself; Welsh says what its code means (problem-words.ts).
    const message =
      error instanceof DomainError
        ? lang === 'en'
          ? error.message
          : codeMeaning(lang, error.code)
        : t('message.error.body')
    const title =
      response.status === 404
        ? t('message.notFound.title')
        : response.status >= 500
          ? t('message.error.title')
          : t('message.refused.title')
    return c.html(
      <MessagePage assets={assets} language={lang} title={title}>
        <p>{message}</p>
      </MessagePage>,
      response.status as 404,
      Object.fromEntries([...response.headers].filter(([name]) => name === 'retry-after')),
    )
  })

  return app
}
