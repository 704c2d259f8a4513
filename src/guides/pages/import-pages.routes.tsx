import { Hono, type Context, type MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { DomainError, invalid } from '../../kernel/errors.ts'
import { createGuide } from '../guide.service.ts'
import type { AppEnv, Deps } from '../../platform/http/env.ts'
import { decodeSource, MAX_SOURCE_BYTES } from '../../platform/markdown/limits.ts'
import { splitOffThread } from '../../platform/markdown/split-off-thread.ts'
import { authoriseOnInstance } from '../../people/policy.ts'
import { parseForm } from '../../platform/http/validate.ts'
import { personalPages } from '../../site/personal-pages.tsx'
import { problemsOf } from '../../site/form.tsx'
import { ImportPage, type ImportPageProps } from './import.page.tsx'

/** A whole guide in a form: as a file (multipart) or pasted, percent-encoded at worst three bytes a byte. */
const SOURCE_FORM_BYTES = 3 * MAX_SOURCE_BYTES + 64 * 1024

const signInHref = (path: string) => `/sign-in?next=${encodeURIComponent(path).replace(/%2F/gi, '/')}`

/** Textareas send CRLF line ends; the source keeps the LF the guide was written with. */
const fromTextarea = (text: string) => text.replace(/\r\n?/g, '\n')

/** The import pages: upload or paste, preview the split, import edition 1 as a draft (editors and admins). */
export const importPageRoutes = ({ database: { db }, assets }: Deps) => {
  const { page, message } = personalPages(assets)
  const limit = bodyLimit({
    maxSize: SOURCE_FORM_BYTES,
    onError: (c) => message(c, 'Too much', <p>Gloss takes guides up to 8 MB.</p>, 413),
  })
  const show = (
    c: Context<AppEnv>,
    props: Omit<ImportPageProps, 'assets'>,
    status: ContentfulStatusCode = 200,
  ) => page(c, <ImportPage assets={assets} {...props} />, status)

  /** The signed-out go to sign in and come back; others who may not import are told so. */
  const allowed = (c: Context<AppEnv>) => {
    if (!c.get('viewer').person) return c.redirect(signInHref('/guides/new'), 303)
    authoriseOnInstance(c.get('viewer'), 'import-guide')
    return undefined
  }

  /** Who may import is decided before the upload's limit, so no one else's upload is read at all. */
  const mayImport: MiddlewareHandler<AppEnv> = async (c, next) => allowed(c) ?? next()

  /** A refusal the editor can act on comes back as the page; anything else goes on to the error page. */
  const refused = (error: unknown) => {
    if (error instanceof DomainError && [409, 413, 422].includes(error.status)) return error
    throw error
  }

  return new Hono<AppEnv>()
    .get(
      '/guides/new',
      (c) => allowed(c) ?? show(c, { values: {}, justSetUp: c.req.query('done') === 'setup' }),
    )
    .post('/guides/new/preview', mayImport, limit, async (c) => {
      const body = await parseForm(c)
      const pasted = typeof body.markdown === 'string' ? fromTextarea(body.markdown) : ''
      try {
        const file = body.file
        const markdown =
          file instanceof File && file.size > 0
            ? decodeSource(new Uint8Array(await file.arrayBuffer()))
            : pasted
        if (markdown.trim() === '')
          throw invalid('Upload a Markdown file or paste the guide.', [
            { pointer: '/markdown', detail: 'Nothing was sent.' },
          ])
        const document = await splitOffThread(markdown)
        return await show(c, {
          values: { markdown, slug: document.frontMatter.slug },
          preview: { title: document.title, blocks: document.blocks },
        })
      } catch (error) {
        const failure = refused(error)
        return show(c, { values: { markdown: pasted }, problems: problemsOf(failure) }, failure.status)
      }
    })
    .post('/guides/new', mayImport, limit, async (c) => {
      const body = await parseForm(c)
      const markdown = typeof body.markdown === 'string' ? fromTextarea(body.markdown) : ''
      const slug = typeof body.slug === 'string' && body.slug.trim() !== '' ? body.slug.trim() : undefined
      try {
        const guide = await createGuide(db, c.get('viewer'), markdown, slug)
        return c.redirect(`/g/${guide.slug}/manage?done=imported`, 303)
      } catch (error) {
        const failure = refused(error)
        // Only the preview beside the refusal: a source that will not split was refused for that above.
        const document = await splitOffThread(markdown).catch(() => undefined)
        return show(
          c,
          {
            values: { markdown, slug },
            preview: document ? { title: document.title, blocks: document.blocks } : undefined,
            problems: problemsOf(failure),
          },
          failure.status,
        )
      }
    })
}
