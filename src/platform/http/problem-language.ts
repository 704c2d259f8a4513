import type { MiddlewareHandler } from 'hono'
import { problemDetail, problemTitle } from '../i18n/problem-words.ts'
import { fieldMessageIn } from '../i18n/field-messages.ts'
import type { ProblemCode } from '../../kernel/error-codes.ts'
import type { AppEnv } from './env.ts'

/**
 * Every problem+json answer in the viewer's language: its `title`, `detail` and each field's `detail`
 * where the catalogue holds it (the `code`, `type` and field pointers stay, for scripts). Done once here on the way out, since problems are made in many
 * places (validation, body limits, the error handler, not found) that do not know who asked.
 */
export const problemsInLanguage: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next()
  // Registered after chooseLanguage (app.tsx), so the language is known here.
  const lang = c.get('lang')
  if (lang === 'en') return
  if (!c.res.headers.get('content-type')?.startsWith('application/problem+json')) return
  const problem = (await c.res.clone().json()) as {
    status: number
    code: ProblemCode
    detail?: string
    errors?: { detail?: unknown }[]
  }
  const detail = problemDetail(lang, problem.code, problem.detail)
  const errors = problem.errors?.map((error) =>
    typeof error.detail === 'string'
      ? { ...error, detail: fieldMessageIn(lang, error.detail) ?? error.detail }
      : error,
  )
  const localised = {
    ...problem,
    title: problemTitle(lang, problem.status),
    ...(detail ? { detail } : {}),
    ...(errors ? { errors } : {}),
  }
  c.res = new Response(JSON.stringify(localised), { status: c.res.status, headers: c.res.headers })
}
