import { Hono, type Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { AppEnv, Deps } from '../../platform/http/env.ts'
import { check, readForm } from '../../platform/http/validate.ts'
import { problemsIn } from '../../site/form.tsx'
import { submitForm } from '../../site/form-route.ts'
import { personalPages } from '../../site/personal-pages.tsx'
import { changeGuideSettings, guideSettings } from '../settings.service.ts'
import { GuideSettingsPage, type SettingsPageProps } from './settings.page.tsx'
import { GuideSettingsForm } from './settings.schemas.ts'
import { guideSettingsPath } from '../urls.ts'
import { translator } from '../../platform/i18n/messages.ts'

/**
 * A guide's settings page, for its editors: a plain HTML form over the same service as the API's
 * `PATCH /api/guides/:slug/settings`. Who may change them is decided before the form is read; a form
 * that will not do comes back with what was sent and why, and changes nothing.
 */
export const settingsPageRoutes = ({ database: { db }, assets }: Deps) => {
  const { page, formLimit: limitForm } = personalPages(assets)
  const formLimit = limitForm((c) => (
    <a href={c.req.path}>{translator(c.get('lang'))('guides.settings.back')}</a>
  ))

  const settingsPage = async (
    c: Context<AppEnv>,
    slug: string,
    extra: { saved?: boolean; failed?: SettingsPageProps['failed']; status?: ContentfulStatusCode } = {},
  ) => {
    const { settings, fullNamesGone } = await guideSettings(db, c.get('viewer'), slug)
    return page(
      c,
      <GuideSettingsPage
        assets={assets}
        slug={slug}
        settings={settings}
        fullNamesGone={fullNamesGone}
        saved={extra.saved ?? false}
        failed={extra.failed}
        language={c.get('lang')}
      />,
      extra.status ?? 200,
    )
  }

  return new Hono<AppEnv>()
    .get('/g/:slug/settings', (c) =>
      settingsPage(c, c.req.param('slug'), { saved: c.req.query('saved') === '1' }),
    )
    .post('/g/:slug/settings', formLimit, async (c) => {
      const slug = c.req.param('slug')
      await guideSettings(db, c.get('viewer'), slug)
      const form = await readForm(c)
      return submitForm(
        () =>
          changeGuideSettings(
            db,
            c.get('viewer'),
            slug,
            check(GuideSettingsForm, {
              title: form.title,
              names: form.names,
              publishByDefault: form.publishByDefault,
              moderation: form.moderation,
              retentionDays: form.retentionDays,
            }),
          ),
        {
          done: () => c.redirect(`${guideSettingsPath(slug)}?saved=1`, 303),
          refused: (error) =>
            settingsPage(c, slug, {
              failed: { values: form, problems: problemsIn(c.get('lang'), error) },
              status: error.status,
            }),
        },
        // 409: full names once retention has put pseudonyms in their place, said at the field.
        [422, 409],
      )
    })
}
