import { Hono } from 'hono'
import { sameForEveryoneForAnHour } from '../platform/http/cache-control.ts'
import { ERROR_CODES, isErrorCode, problemType, type ErrorCode } from '../kernel/error-codes.ts'
import type { AppEnv, Deps } from '../platform/http/env.ts'
import type { Lang } from '../platform/i18n/languages.ts'
import { translator } from '../platform/i18n/messages.ts'
import { codeMeaning } from '../platform/i18n/problem-words.ts'
import { Layout } from './layout.tsx'
import { rich, slot } from './rich-message.tsx'

const Entry = ({ code, language }: { code: ErrorCode; language: Lang }) => (
  <>
    <dt id={code}>
      <code>{code}</code> ({ERROR_CODES[code].status})
    </dt>
    <dd>{codeMeaning(language, code)}</dd>
  </>
)

/**
 * Where a problem's `type` leads: /problems lists every code Gloss answers with, and /problems/<code>
 * says what one means, so a person reading an API answer can look its code up on the same site.
 */
export const problemPageRoutes = ({ assets }: Pick<Deps, 'assets'>) =>
  new Hono<AppEnv>()
    // Answered before anyone is looked up, so the same for every viewer: any cache may keep a found page
    // for an hour (the codes change only with a new release); an address that is not a code, not at all.
    .use('/problems/*', sameForEveryoneForAnHour)
    .use('/problems', sameForEveryoneForAnHour)
    .get('/problems', (c) => {
      const language = c.get('lang')
      const t = translator(language)
      return c.html(
        <Layout title={t('problems.title')} assets={assets} language={language}>
          <h1>{t('problems.heading')}</h1>
          <p>
            {rich(t('problems.intro', { code: slot('code'), type: slot('type'), prefix: slot('prefix') }), {
              code: <code>code</code>,
              type: <code>application/problem+json</code>,
              prefix: <code>http-</code>,
            })}
          </p>
          <dl>
            {(Object.keys(ERROR_CODES) as ErrorCode[]).map((code) => (
              <Entry code={code} language={language} />
            ))}
          </dl>
        </Layout>,
      )
    })
    .get('/problems/:code', (c) => {
      const code = c.req.param('code')
      const language = c.get('lang')
      const t = translator(language)
      const heading = rich(t('problems.one', { code: slot('code') }), { code: <code>{code}</code> })
      if (/^http-\d{3}$/.test(code))
        return c.html(
          <Layout title={t('problems.oneTitle', { code })} assets={assets} language={language}>
            <h1>{heading}</h1>
            <p>
              {t('problem.framework', { status: Number(code.slice(5)) })}{' '}
              <a href="/problems">{t('problems.every')}</a>
            </p>
          </Layout>,
        )
      if (!isErrorCode(code)) return c.notFound()
      return c.html(
        <Layout title={t('problems.oneTitle', { code })} assets={assets} language={language}>
          <h1>{heading}</h1>
          <dl>
            <Entry code={code} language={language} />
          </dl>
          <p>
            <a href="/problems">{t('problems.every')}</a> ·{' '}
            {rich(t('problems.typeIs', { type: slot('type'), value: slot('value') }), {
              type: <code>type</code>,
              value: <code>{problemType(code)}</code>,
            })}
          </p>
        </Layout>,
      )
    })
