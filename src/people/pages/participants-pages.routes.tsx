import { Hono, type Context } from 'hono'
import type { DomainError } from '../../kernel/errors.ts'
import type { AppEnv, Deps } from '../../platform/http/env.ts'
import { check, readForm } from '../../platform/http/validate.ts'
import { problemsIn } from '../../site/form.tsx'
import { submitForm } from '../../site/form-route.ts'
import { typedAgain } from '../../site/form-values.ts'
import { personalPages } from '../../site/personal-pages.tsx'
import * as admin from '../admin.service.ts'
import * as schemas from '../people.schemas.ts'
import { participantsPath } from '../urls.ts'
import { ParticipantsPage } from './participants.page.tsx'

/** Who takes part in a guide, and each participant's own introduction to the others. */
export const participantsPageRoutes = ({ database: { db }, assets }: Deps) => {
  const { page, formLimit: limitForm } = personalPages(assets)
  const formLimit = limitForm()

  const participantsPage = async (
    c: Context<AppEnv>,
    slug: string,
    extra: { saved?: boolean; values?: Record<string, string>; error?: DomainError } = {},
  ) => {
    const viewer = c.get('viewer')
    const { guide, named, items } = await admin.participants(db, viewer, slug)
    const me = viewer.person ? items.find((p) => p.id === String(viewer.person?.id)) : undefined
    return page(
      c,
      <ParticipantsPage
        assets={assets}
        guide={guide}
        named={named}
        items={items}
        me={me}
        saved={extra.saved ?? false}
        values={extra.values ?? {}}
        problems={extra.error && problemsIn(c.get('lang'), extra.error)}
        language={c.get('lang')}
      />,
      extra.error?.status ?? 200,
    )
  }

  return new Hono<AppEnv>()
    .get('/g/:slug/participants', (c) =>
      participantsPage(c, c.req.param('slug'), { saved: c.req.query('saved') === '1' }),
    )
    .post('/g/:slug/participants/me', formLimit, async (c) => {
      const slug = c.req.param('slug')
      const form = await readForm(c)
      return submitForm(
        async () => {
          const { introduction } = check(schemas.Introduction, { introduction: form.introduction ?? '' })
          await admin.introduce(db, c.get('viewer'), slug, introduction)
        },
        {
          done: () => c.redirect(`${participantsPath(slug)}?saved=1`, 303),
          refused: (error) => participantsPage(c, slug, { values: typedAgain(form), error }),
        },
      )
    })
}
