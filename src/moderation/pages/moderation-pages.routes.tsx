import { Hono, type Context } from 'hono'
import { Hide } from '../../comments/comment.schemas.ts'
import { DomainError, notFound } from '../../kernel/errors.ts'
import { isId } from '../../kernel/ids.ts'
import type { AppEnv, Deps } from '../../platform/http/env.ts'
import { check, readForm } from '../../platform/http/validate.ts'
import type { Viewer } from '../../people/viewer.ts'
import { personalPages } from '../../site/personal-pages.tsx'
import { problemsIn, RefusalWords } from '../../site/form.tsx'
import { submitForm } from '../../site/form-route.ts'
import { signInFirst, signInUrl } from '../../site/sign-in.ts'
import { dismissFlags, hideComment, restoreComment } from '../moderation.service.ts'
import { checkQueueAction, moderationQueuePage } from '../queue.service.ts'
import { moderationPath, type QueueAction } from '../urls.ts'
import { wordsLanguages } from '../../editions/words-language.service.ts'
import { ModerationPage, type FailedHide } from './moderation.page.tsx'
import { translator, type MessageKey } from '../../platform/i18n/messages.ts'

/** The confirmation after a redirect (`?done=`): only these keys name one. */
const DONE: Record<string, MessageKey> = {
  hidden: 'moderation.done.hidden',
  restored: 'moderation.done.restored',
  approved: 'moderation.done.approved',
  dismissed: 'moderation.done.dismissed',
}

const noticeOf = (done: string | undefined) =>
  done !== undefined && Object.hasOwn(DONE, done) ? DONE[done] : undefined

const ERROR_TITLES: Partial<Record<number, MessageKey>> = {
  401: 'moderation.error.signIn',
  403: 'moderation.error.editorsOnly',
  404: 'moderation.error.notFound',
  409: 'moderation.error.conflict',
  413: 'form.tooMuch',
}

/**
 * The moderation queue page of a guide and its forms, over the same services as the JSON API
 * (moderation.routes.ts), complete without JavaScript. Each form answers 303 back to the queue; a hide
 * without a reason comes back as that form with an error (422), and nothing changes.
 */
export const moderationPageRoutes = ({ database: { db }, assets }: Deps) => {
  const { page, message, formLimit: limitForm } = personalPages(assets)
  const formLimit = limitForm((c) => (
    <a href={moderationPath(c.req.param('slug') ?? '')}>{translator(c.get('lang'))('moderation.back')}</a>
  ))

  const render = async (c: Context<AppEnv>, extra: { failed?: FailedHide } = {}) => {
    const queue = await moderationQueuePage(db, c.get('viewer'), c.req.param('slug') ?? '')
    const wordsLang = await wordsLanguages(db, [...queue.flagged, ...queue.pending, ...queue.hidden])
    const language = c.get('lang')
    const notice = noticeOf(c.req.query('done'))
    return page(
      c,
      <ModerationPage
        assets={assets}
        queue={queue}
        wordsLang={wordsLang}
        notice={notice && translator(language)(notice)}
        failed={extra.failed}
        language={language}
      />,
      extra.failed ? 422 : 200,
    )
  }

  /** One comment's form: checked to be this guide's and the viewer's to moderate, then done, then back. */
  const act =
    (
      action: QueueAction,
      done: string,
      run: (viewer: Viewer, id: number, form: Record<string, string>) => Promise<unknown>,
    ) =>
    async (c: Context<AppEnv>) => {
      const slug = c.req.param('slug') ?? ''
      const given = c.req.param('id')
      if (!isId(given)) throw notFound('That comment')
      const id = Number(given)
      await checkQueueAction(db, c.get('viewer'), slug, id)
      const form = await readForm(c)
      return submitForm(
        () => run(c.get('viewer'), id, form),
        {
          done: () => c.redirect(`${moderationPath(slug)}?done=${done}#c${String(id)}`, 303),
          refused: (error) =>
            render(c, {
              failed: { id: String(id), values: form, problems: problemsIn(c.get('lang'), error) },
            }),
        },
        // Only the hide form has something chosen and typed to correct: its reason.
        action === 'hide' ? [422] : [],
      )
    }

  return new Hono<AppEnv>()
    .get('/g/:slug/moderation', (c) => render(c))
    .post(
      '/g/:slug/moderation/:id/hide',
      formLimit,
      act('hide', 'hidden', (viewer, id, form) =>
        hideComment(
          db,
          viewer,
          id,
          check(Hide, { reasonCode: form.reasonCode ?? '', reason: form.reason ?? '' }),
        ),
      ),
    )
    .post(
      '/g/:slug/moderation/:id/restore',
      formLimit,
      act('restore', 'restored', (viewer, id) => restoreComment(db, viewer, id, 'hidden')),
    )
    .post(
      '/g/:slug/moderation/:id/approve',
      formLimit,
      act('approve', 'approved', (viewer, id) => restoreComment(db, viewer, id, 'pending')),
    )
    .post(
      '/g/:slug/moderation/:id/dismiss',
      formLimit,
      act('dismiss', 'dismissed', (viewer, id) => dismissFlags(db, viewer, id)),
    )
    .onError((error, c) => {
      const away = signInFirst(c, error)
      if (away) return away
      if (!(error instanceof DomainError)) throw error
      const back = moderationPath(c.req.param('slug') ?? '')
      for (const [name, value] of Object.entries(error.headers)) c.header(name, value)
      const t = translator(c.get('lang'))
      return message(
        c,
        t(ERROR_TITLES[error.status] ?? 'message.refused.title'),
        <p>
          <RefusalWords lang={c.get('lang')} error={error} />{' '}
          {error.status === 401 ? (
            <a href={signInUrl(back)}>{t('moderation.signInBack')}</a>
          ) : error.status === 403 || error.status === 404 ? null : (
            <a href={back}>{t('moderation.back')}</a>
          )}
        </p>,
        error.status,
      )
    })
}
