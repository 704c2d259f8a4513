import { Hono, type Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { Readable } from 'node:stream'
import type { ReadableStream as NodeReadableStream } from 'node:stream/web'
import { DomainError, invalid } from '../../kernel/errors.ts'
import type { AppEnv, Deps } from '../../platform/http/env.ts'
import { parseForm } from '../../platform/http/validate.ts'
import { clearSessionCookie } from '../../platform/http/session.ts'
import { checkRestorable, instanceOverview, MAX_UPLOAD_BYTES, restoreUpload } from '../instance.service.ts'
import { authoriseOnInstance } from '../../people/policy.ts'
import { personalPages } from '../../site/personal-pages.tsx'
import { problemsIn, problemsOf, type FormProblems } from '../../site/form.tsx'
import { submitForm } from '../../site/form-route.ts'
import { InstancePage } from './instance.page.tsx'
import { translator } from '../../platform/i18n/messages.ts'
import { rich, slot } from '../../site/rich-message.tsx'

/** Refusals the page shows above its form; anything else goes on to the error page. */
const SHOWN = [409, 413, 415, 422]

const fieldError = (name: string, detail: string) => invalid(detail, [{ pointer: `/${name}`, detail }])

/**
 * `/admin/instance`: the instance file to download (from the API's export route) and a form to restore
 * one into a new instance, complete without JavaScript.
 */
export const instancePageRoutes = ({ database: { db }, assets }: Deps) => {
  const { page, message } = personalPages(assets)
  const show = async (
    c: Context<AppEnv>,
    problems?: FormProblems,
    status: 200 | 409 | 413 | 415 | 422 = 200,
  ) =>
    page(
      c,
      <InstancePage
        assets={assets}
        overview={await instanceOverview(db, c.get('viewer'))}
        problems={problems}
        maxUploadMb={MAX_UPLOAD_BYTES / 1024 / 1024}
        language={c.get('lang')}
      />,
      status,
    )
  const tooLarge = (c: Context<AppEnv>) =>
    show(
      c,
      problemsOf(
        fieldError(
          'file',
          translator(c.get('lang'))('instance.tooLarge', { mb: String(MAX_UPLOAD_BYTES / 1024 / 1024) }),
        ),
      ),
      413,
    )

  return new Hono<AppEnv>()
    .get('/admin/instance', (c) => show(c))
    .post(
      '/admin/instance/restore',
      // Only an admin's upload is read at all; then the file may be large.
      async (c, next) => {
        authoriseOnInstance(c.get('viewer'), 'export-instance')
        await next()
      },
      bodyLimit({ maxSize: MAX_UPLOAD_BYTES + 64 * 1024, onError: tooLarge }),
      async (c) => {
        const viewer = c.get('viewer')
        const t = translator(c.get('lang'))
        /** The refusals this form words itself, in the reader's language; the rest are the services'. */
        const ours = new WeakSet<DomainError>()
        const refuse = (error: DomainError) => {
          ours.add(error)
          return error
        }
        return submitForm(
          async () => {
            await checkRestorable(db, viewer)
            const type = c.req.header('content-type') ?? ''
            if (!/^multipart\/form-data/i.test(type)) {
              throw refuse(new DomainError('unsupported-media-type', t('instance.sendWithForm')))
            }
            const form = await parseForm(c)
            const file = form.file
            if (!(file instanceof File) || file.size === 0) {
              throw refuse(fieldError('file', t('instance.chooseFile')))
            }
            if (form.confirm !== 'yes') {
              throw refuse(fieldError('confirm', t('instance.confirmReplace')))
            }
            return restoreUpload(
              db,
              viewer,
              Readable.fromWeb(file.stream() as NodeReadableStream<Uint8Array>),
            )
          },
          {
            done: (restored) => {
              clearSessionCookie(c)
              const rows = Object.values(restored.rows).reduce((a, b) => a + b, 0)
              return message(
                c,
                t('instance.restored'),
                <p>
                  {rich(
                    t('instance.restoredBody', {
                      rows: String(rows),
                      createdAt: restored.createdAt,
                      signIn: slot('signIn'),
                    }),
                    { signIn: <a href="/sign-in">{t('instance.signIn')}</a> },
                  )}
                </p>,
              )
            },
            refused: (error) =>
              show(
                c,
                ours.has(error) ? problemsOf(error) : problemsIn(c.get('lang'), error),
                error.status as 409,
              ),
          },
          SHOWN,
        )
      },
    )
}
