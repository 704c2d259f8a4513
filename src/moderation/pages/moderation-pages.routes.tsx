import { Hono, type Context } from 'hono'
import { Hide } from '../../comments/comment.schemas.ts'
import { DomainError, notFound } from '../../kernel/errors.ts'
import { isId } from '../../kernel/ids.ts'
import type { AppEnv, Deps } from '../../platform/http/env.ts'
import { check, readForm } from '../../platform/http/validate.ts'
import type { Viewer } from '../../people/viewer.ts'
import { personalPages } from '../../site/personal-pages.tsx'
import { problemsOf } from '../../site/form.tsx'
import { submitForm } from '../../site/form-route.ts'
import { signInFirst, signInUrl } from '../../site/sign-in.ts'
import { dismissFlags, hideComment, restoreComment } from '../moderation.service.ts'
import { checkQueueAction, moderationQueuePage } from '../queue.service.ts'
import { moderationPath, type QueueAction } from '../urls.ts'
import { ModerationPage, type FailedHide } from './moderation.page.tsx'

/** The confirmation after a redirect (`?done=`): only these keys name one. */
const DONE: Record<string, string> = {
  hidden: 'The comment is hidden. Its author sees your reason.',
  restored: 'The comment is published again.',
  approved: 'The comment is approved and published.',
  dismissed: 'The flags are dismissed. The comment stays as it was.',
}

const noticeOf = (done: string | undefined) =>
  done !== undefined && Object.hasOwn(DONE, done) ? DONE[done] : undefined

const ERROR_TITLES: Partial<Record<number, string>> = {
  401: 'Sign in first',
  403: 'Only the guide’s editors can moderate it',
  404: 'Not found',
  409: 'That cannot be done now',
  413: 'Too much',
}

/**
 * The moderation queue page of a guide and its forms, over the same services as the JSON API
 * (moderation.routes.ts), complete without JavaScript. Each form answers 303 back to the queue; a hide
 * without a reason comes back as that form with an error (422), and nothing changes.
 */
export const moderationPageRoutes = ({ database: { db }, assets }: Deps) => {
  const { page, message, formLimit: limitForm } = personalPages(assets)
  const formLimit = limitForm((c) => (
    <a href={moderationPath(c.req.param('slug') ?? '')}>Back to the moderation queue</a>
  ))

  const render = async (c: Context<AppEnv>, extra: { failed?: FailedHide } = {}) => {
    const queue = await moderationQueuePage(db, c.get('viewer'), c.req.param('slug') ?? '')
    return page(
      c,
      <ModerationPage
        assets={assets}
        queue={queue}
        notice={noticeOf(c.req.query('done'))}
        failed={extra.failed}
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
            render(c, { failed: { id: String(id), values: form, problems: problemsOf(error) } }),
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
      return message(
        c,
        ERROR_TITLES[error.status] ?? 'That did not work',
        <p>
          {error.message}{' '}
          {error.status === 401 ? (
            <a href={signInUrl(back)}>Sign in, then come back to the moderation queue</a>
          ) : error.status === 403 || error.status === 404 ? null : (
            <a href={back}>Back to the moderation queue</a>
          )}
        </p>,
        error.status,
      )
    })
}
