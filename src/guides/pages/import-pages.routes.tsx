import { Hono, type Context, type MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { invalid } from '../../kernel/errors.ts'
import { checkFrontMatter, createGuide } from '../guide.service.ts'
import { isLanguageTag } from '../../platform/i18n/languages.ts'
import type { AppEnv, Deps } from '../../platform/http/env.ts'
import { decodeSource, MAX_SOURCE_BYTES } from '../../platform/markdown/limits.ts'
import { splitOffThread } from '../../platform/markdown/split-off-thread.ts'
import { authoriseOnInstance } from '../../people/policy.ts'
import { parseForm } from '../../platform/http/validate.ts'
import { personalPages } from '../../site/personal-pages.tsx'
import { problemsIn, problemsOf } from '../../site/form.tsx'
import { submitForm } from '../../site/form-route.ts'
import { sendToSignIn } from '../../site/sign-in.ts'
import { ImportPage, type ImportPageProps } from './import.page.tsx'
import { editorPaths } from '../../editions/urls.ts'
import { translator } from '../../platform/i18n/messages.ts'

/** A whole guide in a form: as a file (multipart) or pasted, percent-encoded at worst three bytes a byte. */
const SOURCE_FORM_BYTES = 3 * MAX_SOURCE_BYTES + 64 * 1024

/** Textareas send CRLF line ends; the source keeps the LF the guide was written with. */
const fromTextarea = (text: string) => text.replace(/\r\n?/g, '\n')

/** The import pages: upload or paste, preview the split, import edition 1 as a draft (editors and admins). */
export const importPageRoutes = ({ database: { db }, assets }: Deps) => {
  const { page, message } = personalPages(assets)
  const limit = bodyLimit({
    maxSize: SOURCE_FORM_BYTES,
    onError: (c: Context<AppEnv>) => {
      const t = translator(c.get('lang'))
      return message(c, t('form.tooMuch'), <p>{t('guides.import.tooMuch')}</p>, 413)
    },
  })
  const show = (
    c: Context<AppEnv>,
    props: Omit<ImportPageProps, 'assets' | 'language'>,
    status: ContentfulStatusCode = 200,
  ) => page(c, <ImportPage assets={assets} language={c.get('lang')} {...props} />, status)

  /** Who may import is decided before the upload's limit, so no one else's upload is read at all. */
  const mayImport: MiddlewareHandler<AppEnv> = async (c, next) => {
    authoriseOnInstance(c.get('viewer'), 'import-guide')
    await next()
  }

  /** Refusals the editor can act on: a conflicting address, too much, a guide that will not do. */
  const SHOWN = [409, 413, 422]

  return (
    new Hono<AppEnv>()
      .get('/guides/new', mayImport, (c) =>
        show(c, { values: {}, justSetUp: c.req.query('done') === 'setup' }),
      )
      .post('/guides/new/preview', mayImport, limit, async (c) => {
        const body = await parseForm(c)
        const t = translator(c.get('lang'))
        const nothingSent = invalid(t('guides.import.nothingSent'), [
          { pointer: '/markdown', detail: t('guides.import.nothingSentField') },
        ])
        const pasted = typeof body.markdown === 'string' ? fromTextarea(body.markdown) : ''
        return submitForm(
          async () => {
            const file = body.file
            const markdown =
              file instanceof File && file.size > 0
                ? decodeSource(new Uint8Array(await file.arrayBuffer()))
                : pasted
            if (markdown.trim() === '') throw nothingSent
            const document = await splitOffThread(markdown)
            checkFrontMatter(document.frontMatter)
            return { markdown, document }
          },
          {
            done: ({ markdown, document }) =>
              show(c, {
                values: { markdown, slug: document.frontMatter.slug },
                preview: {
                  title: document.title,
                  blocks: document.blocks,
                  lang: document.frontMatter.lang ?? 'en',
                },
              }),
            refused: (failure) =>
              show(
                c,
                {
                  values: { markdown: pasted },
                  // Nothing sent is refused here in the reader's language; the rest by the guide's split.
                  problems:
                    failure === nothingSent ? problemsOf(failure) : problemsIn(c.get('lang'), failure),
                },
                failure.status,
              ),
          },
          SHOWN,
        )
      })
      .post('/guides/new', mayImport, limit, async (c) => {
        const body = await parseForm(c)
        const markdown = typeof body.markdown === 'string' ? fromTextarea(body.markdown) : ''
        const slug = typeof body.slug === 'string' && body.slug.trim() !== '' ? body.slug.trim() : undefined
        return submitForm(
          () => createGuide(db, c.get('viewer'), markdown, slug),
          {
            done: (guide) => c.redirect(`${editorPaths(guide.slug).manage}?done=imported`, 303),
            refused: async (failure) => {
              // Only the preview beside the refusal: a source that will not split was refused for that above.
              const document = await splitOffThread(markdown).catch(() => undefined)
              return show(
                c,
                {
                  values: { markdown, slug },
                  preview: document
                    ? {
                        title: document.title,
                        blocks: document.blocks,
                        // A lang the front matter was refused for is no language to mark the preview with.
                        lang: isLanguageTag(document.frontMatter.lang ?? '')
                          ? (document.frontMatter.lang ?? 'en')
                          : 'en',
                      }
                    : undefined,
                  problems: problemsIn(c.get('lang'), failure),
                },
                failure.status,
              )
            },
          },
          SHOWN,
        )
      })
      // The signed-out go to sign in and come back to the import page; others who may not import are told so.
      .onError(sendToSignIn(() => '/guides/new'))
  )
}
