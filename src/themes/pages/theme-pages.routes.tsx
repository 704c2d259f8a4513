import { Hono, type Context } from 'hono'
import { z } from 'zod'
import { DomainError, invalid, notFound } from '../../kernel/errors.ts'
import { idFrom } from '../../kernel/ids.ts'
import type { AppEnv, Deps } from '../../platform/http/env.ts'
import { editionNumber } from '../../platform/http/params.ts'
import { check, readForm } from '../../platform/http/validate.ts'
import { translator } from '../../platform/i18n/messages.ts'
import { filterQuery, readTriageQuery, triagePath, triageUrl, type TriageView } from '../../decisions/urls.ts'
import { triagePage } from '../../decisions/triage-page.service.ts'
import { TriagePage } from '../../decisions/pages/triage.page.tsx'
import { TriageConfirmPage } from '../../decisions/pages/triage-confirm.page.tsx'
import { personalPages } from '../../site/personal-pages.tsx'
import { problemsOf, RefusalWords } from '../../site/form.tsx'
import { submitForm } from '../../site/form-route.ts'
import { signInFirst, signInUrl } from '../../site/sign-in.ts'
import {
  changeTheme,
  createTheme,
  removeTheme,
  tagThemeComments,
  untagThemeComment,
} from '../theme.service.ts'
import { MAX_BULK, NewTheme, ThemeChange } from '../theme.schemas.ts'
import { fieldMessage } from '../../platform/i18n/field-messages.ts'
import { themeTagPath } from '../urls.ts'

/** Ids as a form carries many of them: one hidden field, comma-separated, rather than thousands of fields. */
const idList = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '')

/**
 * The triage page's theme forms, without script: create a theme (a suggested one with its comments),
 * write its response, tag comments (one, or every one the filters show) and take one out. Each answers
 * 303 back to triage, filters kept; what was typed that will not do comes back on the page (422).
 */
export const themePageRoutes = ({ database: { db }, assets }: Deps) => {
  const { page, message, formLimit: limitForm } = personalPages(assets)
  // The bulk form's MAX_BULK ids, comma-separated, fit the form kit's limit (about 60 of its 128 kB).
  const formLimit = limitForm((c) => (
    <a href={triagePath(c.req.param('slug') ?? '', editionNumber(c.req.param('n')))}>
      {translator(c.get('lang'))('themes.backToTriage')}
    </a>
  ))

  /** Triage again with the refused theme form as it was sent (422). */
  const refused =
    (c: Context<AppEnv>, view: TriageView, form: string, values: Record<string, string>) =>
    async (error: DomainError) => {
      const slug = c.req.param('slug') ?? ''
      const shown = await triagePage(db, c.get('viewer'), slug, editionNumber(c.req.param('n')), view)
      return page(
        c,
        <TriagePage
          assets={assets}
          {...shown}
          view={view}
          language={c.get('lang')}
          themeFailed={{ form, values, problems: problemsOf(error, c.get('lang')) }}
        />,
        422,
      )
    }

  const TagForm = z.object({
    themeId: z.string().regex(/^[1-9]\d{0,9}$/, fieldMessage('field.chooseTheme')),
    commentIds: z.array(z.string()).min(1, fieldMessage('field.noCommentsToTag')).max(MAX_BULK),
  })

  return new Hono<AppEnv>()
    .post('/g/:slug/:n/triage/themes', formLimit, async (c) => {
      const slug = c.req.param('slug')
      const number = editionNumber(c.req.param('n'))
      const view = readTriageQuery(c.req.query())
      const form = await readForm(c)
      return submitForm(
        () =>
          // The API's own schema, so the form refuses what the API refuses (a blank name), in its words.
          createTheme(
            db,
            c.get('viewer'),
            slug,
            check(NewTheme, {
              name: form.name ?? '',
              description: form.description ?? '',
              commentIds: idList(form.commentIds),
            }),
          ),
        {
          done: (theme) =>
            c.redirect(
              triageUrl(slug, number, view, {
                done: { done: 'theme-created', count: String(theme.count) },
                anchor: `t${theme.id}`,
              }),
              303,
            ),
          refused: refused(c, view, 'theme-new', form),
        },
      )
    })
    .post('/g/:slug/:n/triage/themes/tag', formLimit, async (c) => {
      const slug = c.req.param('slug')
      const number = editionNumber(c.req.param('n'))
      const view = readTriageQuery(c.req.query())
      const form = await readForm(c)
      const ids = idList(form.commentIds)
      // The form on one comment's item comes back at that comment; the bulk form at the panel.
      const one = form.one === '1' && ids.length === 1 ? ids[0] : undefined
      // Tagging every comment the filters show is asked about first, on a page of its own; one comment is not.
      if (!one && form.confirmed !== 'yes')
        return submitForm(
          async () => {
            const input = check(TagForm, { themeId: form.themeId ?? '', commentIds: ids })
            const { triage } = await triagePage(db, c.get('viewer'), slug, number, view)
            const theme = triage.themes.items.find((t) => t.id === input.themeId)
            if (!theme) throw notFound('That theme')
            return { theme, count: new Set(input.commentIds).size }
          },
          {
            done: ({ theme, count }) => {
              const t = translator(c.get('lang'))
              return page(
                c,
                <TriageConfirmPage
                  assets={assets}
                  slug={slug}
                  title={t('themes.tag.confirm.title', { count, theme: theme.name })}
                  action={`${themeTagPath(slug, number)}${filterQuery(view)}`}
                  fields={{ themeId: theme.id, commentIds: ids.join(',') }}
                  button={t('themes.tag.submit', { count })}
                  cancel={triageUrl(slug, number, view, { anchor: 'theme-tag-title' })}
                  language={c.get('lang')}
                >
                  <p>{t('themes.tag.confirm.body', { count })}</p>
                </TriageConfirmPage>,
              )
            },
            refused: refused(c, view, 'theme-tag', form),
          },
        )
      return submitForm(
        async () => {
          const input = check(TagForm, { themeId: form.themeId ?? '', commentIds: ids })
          return tagThemeComments(db, c.get('viewer'), slug, Number(input.themeId), input.commentIds)
        },
        {
          done: ({ changed, theme }) =>
            c.redirect(
              triageUrl(slug, number, view, {
                done: { done: 'theme-tagged', count: String(changed), saved: one ?? '' },
                anchor: one ? `c${one}` : `t${theme.id}`,
              }),
              303,
            ),
          refused: refused(c, view, one ? `c${one}-theme` : 'theme-tag', form),
        },
      )
    })
    .post('/g/:slug/:n/triage/themes/:id', formLimit, async (c) => {
      const slug = c.req.param('slug')
      const number = editionNumber(c.req.param('n'))
      const view = readTriageQuery(c.req.query())
      const id = idFrom(c.req.param('id'), 'That theme')
      const form = await readForm(c)
      // The response form sends `response`; the rename form, `name` and `description`.
      const renaming = form.response === undefined
      const change = renaming
        ? { name: (form.name ?? '').trim(), description: (form.description ?? '').trim() }
        : { response: (form.response ?? '').trim() }
      return submitForm(() => changeTheme(db, c.get('viewer'), slug, id, check(ThemeChange, change)), {
        done: (theme) =>
          c.redirect(
            triageUrl(slug, number, view, {
              done: { done: renaming ? 'theme-changed' : 'theme-answered' },
              anchor: `t${theme.id}`,
            }),
            303,
          ),
        refused: refused(c, view, `theme-${String(id)}${renaming ? '-edit' : ''}`, form),
      })
    })
    .post('/g/:slug/:n/triage/themes/:id/delete', formLimit, async (c) => {
      const slug = c.req.param('slug')
      const number = editionNumber(c.req.param('n'))
      const view = readTriageQuery(c.req.query())
      const id = idFrom(c.req.param('id'), 'That theme')
      const form = await readForm(c)
      const t = translator(c.get('lang'))
      return submitForm(
        async () => {
          // Deleting takes the theme off every comment and out of the report: only with the box ticked.
          if (form.confirm !== '1')
            throw invalid(t('themes.delete.unconfirmed'), [
              { pointer: '/confirm', detail: t('themes.delete.unconfirmed') },
            ])
          await removeTheme(db, c.get('viewer'), slug, id)
        },
        {
          done: () =>
            c.redirect(
              triageUrl(slug, number, view, { done: { done: 'theme-deleted' }, anchor: 'themes' }),
              303,
            ),
          refused: refused(c, view, `theme-${String(id)}-delete`, form),
        },
      )
    })
    .post('/g/:slug/:n/triage/themes/:id/untag', formLimit, async (c) => {
      const slug = c.req.param('slug')
      const number = editionNumber(c.req.param('n'))
      const view = readTriageQuery(c.req.query())
      const id = idFrom(c.req.param('id'), 'That theme')
      const form = await readForm(c)
      const commentId = idFrom(form.commentId, 'That comment')
      await untagThemeComment(db, c.get('viewer'), slug, id, commentId)
      return c.redirect(
        triageUrl(slug, number, view, {
          done: { done: 'theme-untagged', saved: String(commentId) },
          anchor: `c${String(commentId)}`,
        }),
        303,
      )
    })
    .onError((error, c) => {
      const away = signInFirst(c, error)
      if (away) return away
      if (!(error instanceof DomainError)) throw error
      const t = translator(c.get('lang'))
      const back = new URL(c.req.url).pathname.replace(/\/themes(\/[^/]+)?(\/untag|\/delete)?$/, '')
      for (const [name, value] of Object.entries(error.headers)) c.header(name, value)
      return message(
        c,
        error.status === 403 ? t('themes.editorsOnly') : t('message.refused.title'),
        <p>
          <RefusalWords lang={c.get('lang')} error={error} />{' '}
          {error.status === 401 ? (
            <a href={signInUrl(back)}>{t('themes.signInFirst')}</a>
          ) : (
            <a href={back}>{t('themes.backToTriage')}</a>
          )}
        </p>,
        error.status,
      )
    })
}
