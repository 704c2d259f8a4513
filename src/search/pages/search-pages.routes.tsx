import { Hono, type Context } from 'hono'
import type { AppEnv, Deps } from '../../platform/http/env.ts'
import { check } from '../../platform/http/validate.ts'
import { guideScope, search } from '../search.service.ts'
import { SearchQuery } from '../search.schemas.ts'
import { problemDetail } from '../../platform/i18n/problem-words.ts'
import { fieldMessageIn } from '../../platform/i18n/field-messages.ts'
import { personalPages } from '../../site/personal-pages.tsx'
import { submitForm } from '../../site/form-route.ts'
import { SearchPage } from './search.page.tsx'

/**
 * The search pages: `/search` across every guide and `/g/:slug/search` in one, by a plain GET form.
 * Results depend on who looks (drafts, their own pending comments), so no cache keeps them. Words the
 * search refuses (none, too many) come back in the form with the reason (422).
 */
export const searchPageRoutes = ({ database: { db }, assets }: Deps) => {
  const { page } = personalPages(assets)

  const render = async (c: Context<AppEnv>, slug?: string) => {
    const viewer = c.get('viewer')
    const query = c.req.query()
    const form = { q: query.q ?? '', type: query.type ?? '', edition: query.edition ?? '' }
    const scope = async () => (slug === undefined ? null : await guideScope(db, viewer, slug))
    if (query.q === undefined)
      return page(
        c,
        <SearchPage
          assets={assets}
          guide={await scope()}
          form={form}
          results={null}
          problem={null}
          language={c.get('lang')}
        />,
      )
    return submitForm(() => search(db, viewer, check(SearchQuery, query), slug), {
      done: (results) =>
        page(
          c,
          <SearchPage
            assets={assets}
            guide={results.guide}
            form={form}
            results={results}
            problem={null}
            language={c.get('lang')}
          />,
        ),
      refused: async (error) => {
        const lang = c.get('lang')
        const field = error.errors[0]
        // The schema's words for the field, in the reader's language; anything else is told by what its
        // code means.
        const problem =
          (field ? fieldMessageIn(lang, field.detail) : undefined) ??
          problemDetail(lang, error.code, field?.detail ?? error.message) ??
          error.message
        return page(
          c,
          <SearchPage
            assets={assets}
            guide={await scope()}
            form={form}
            results={null}
            problem={problem}
            language={c.get('lang')}
          />,
          error.status,
        )
      },
    })
  }

  return new Hono<AppEnv>()
    .get('/search', (c) => render(c))
    .get('/g/:slug/search', (c) => render(c, c.req.param('slug')))
}
