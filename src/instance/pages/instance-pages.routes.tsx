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
import { problemsOf, type FormProblems } from '../../site/form.tsx'
import { submitForm } from '../../site/form-route.ts'
import { InstancePage } from './instance.page.tsx'

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
      />,
      status,
    )
  const tooLarge = (c: Context<AppEnv>) =>
    show(
      c,
      problemsOf(fieldError('file', `The file is larger than ${String(MAX_UPLOAD_BYTES / 1024 / 1024)} MB.`)),
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
        return submitForm(
          async () => {
            await checkRestorable(db, viewer)
            const type = c.req.header('content-type') ?? ''
            if (!/^multipart\/form-data/i.test(type)) {
              throw new DomainError('unsupported-media-type', 'Send the file with the form.')
            }
            const form = await parseForm(c)
            const file = form.file
            if (!(file instanceof File) || file.size === 0) {
              throw fieldError('file', 'Choose the instance file to restore.')
            }
            if (form.confirm !== 'yes') {
              throw fieldError('confirm', 'Confirm that what is here now is to be replaced.')
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
                'The instance is restored',
                <p>
                  {String(rows)} rows from the file exported {restored.createdAt} are in place, and you are
                  signed out. <a href="/sign-in">Sign in</a> with an account from the file.
                </p>,
              )
            },
            refused: (error) => show(c, problemsOf(error), error.status as 409),
          },
          SHOWN,
        )
      },
    )
}
