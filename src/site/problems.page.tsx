import { Hono, type MiddlewareHandler } from 'hono'
import { ERROR_CODES, isErrorCode, problemType, type ErrorCode } from '../kernel/error-codes.ts'
import type { AppEnv, Deps } from '../platform/http/env.ts'
import { Layout } from './layout.tsx'

const Entry = ({ code }: { code: ErrorCode }) => (
  <>
    <dt id={code}>
      <code>{code}</code> ({ERROR_CODES[code].status})
    </dt>
    <dd>{ERROR_CODES[code].meaning}</dd>
  </>
)

const cacheFor: MiddlewareHandler = async (c, next) => {
  await next()
  c.res.headers.set('cache-control', c.res.status === 200 ? 'public, max-age=3600' : 'no-store')
}

/**
 * Where a problem's `type` leads: /problems lists every code Gloss answers with, and /problems/<code>
 * says what one means, so a person reading an API answer can look its code up on the same site.
 */
export const problemPageRoutes = ({ assets }: Pick<Deps, 'assets'>) =>
  new Hono<AppEnv>()
    // Answered before anyone is looked up, so the same for every viewer: any cache may keep a found page
    // for an hour (the codes change only with a new release); an address that is not a code, not at all.
    .use('/problems/*', cacheFor)
    .use('/problems', cacheFor)
    .get('/problems', (c) =>
      c.html(
        <Layout title="Problems · Gloss" assets={assets}>
          <h1>Problems</h1>
          <p>
            What each <code>code</code> in an <code>application/problem+json</code> answer means. Refusals by
            the web framework itself carry <code>http-</code> and their status.
          </p>
          <dl>
            {(Object.keys(ERROR_CODES) as ErrorCode[]).map((code) => (
              <Entry code={code} />
            ))}
          </dl>
        </Layout>,
      ),
    )
    .get('/problems/:code', (c) => {
      const code = c.req.param('code')
      if (/^http-\d{3}$/.test(code))
        return c.html(
          <Layout title={`${code} · Problems · Gloss`} assets={assets}>
            <h1>
              The problem <code>{code}</code>
            </h1>
            <p>
              The web framework refused the request with HTTP status {code.slice(5)}.{' '}
              <a href="/problems">Every problem</a>
            </p>
          </Layout>,
        )
      if (!isErrorCode(code)) return c.notFound()
      return c.html(
        <Layout title={`${code} · Problems · Gloss`} assets={assets}>
          <h1>
            The problem <code>{code}</code>
          </h1>
          <dl>
            <Entry code={code} />
          </dl>
          <p>
            <a href="/problems">Every problem</a> · its <code>type</code> is <code>{problemType(code)}</code>
          </p>
        </Layout>,
      )
    })
