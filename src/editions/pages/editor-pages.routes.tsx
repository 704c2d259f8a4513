import { Hono, type Context, type MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { fromTextarea } from '../draft-edits.ts'
import { transition, transitionQuestion } from '../transition.service.ts'
import {
  feedbackOnDraft,
  createFromWorkingDraft,
  draftVersion,
  previewWorkingDraft,
} from '../draft-preview.service.ts'
import {
  changeBlock,
  correctLink,
  discardWorkingDraft,
  draftBlock,
  draftSource,
  editableGuide,
  editionsToManage,
  openWorkingDraft,
  replaceDraftText,
  undoCorrection,
  undoDeletion,
} from '../working-draft.service.ts'
import { DomainError } from '../../kernel/errors.ts'
import type { AppEnv, Deps } from '../../platform/http/env.ts'
import { editionNumber } from '../../platform/http/params.ts'
import { parseForm, readForm } from '../../platform/http/validate.ts'
import { MAX_SOURCE_BYTES, decodeSource } from '../../platform/markdown/limits.ts'
import { notFound } from '../../kernel/errors.ts'
import { personalPages } from '../../site/personal-pages.tsx'
import { submitForm } from '../../site/form-route.ts'
import { given } from '../../site/form-values.ts'
import { sendToSignIn } from '../../site/sign-in.ts'
import { editorPaths } from '../urls.ts'
import { doneUrl, draftNotice, pageOfPath, transitionNotice, whole } from './editor-notices.ts'
import { editorFormsIn } from './editor.schemas.ts'
import { checkForm, problemsIn } from './editor-refusals.ts'
import { ConfirmDeletePage, ConfirmTransitionPage } from './confirm.page.tsx'
import { ManagePage, type FailedTransition } from './manage.page.tsx'
import { translationProblemsIn, type FailedTranslation } from './translation-form.tsx'
import { addTranslation } from '../translation.service.ts'
import { PreviewPage, type PreviewPageProps } from './preview.page.tsx'
import type { BlockOp, FailedDraftForm } from './draft-block.tsx'
import { RevisePage } from './revise.page.tsx'
import { translator } from '../../platform/i18n/messages.ts'

/** A block's Markdown, percent-encoded: a long table fits with room to spare. */
const BLOCK_FORM_BYTES = 2 * 1024 * 1024
/**
 * A whole guide, or an edition's translation, pasted or uploaded (multipart, so not percent-encoded);
 * both fields may be filled.
 */
const SOURCE_FORM_BYTES = 2 * MAX_SOURCE_BYTES + 64 * 1024

const BLOCK_OPS: readonly string[] = ['edit', 'insert', 'delete', 'up', 'down']

/**
 * The editor's pages: a guide's editions with their transitions and texts in other languages, the
 * working draft of the next edition, and the lineage preview before creating it. Plain HTML forms over
 * the services, complete without JavaScript; each change answers 303 back to its page, and a refusal
 * the editor can act on (a stale form, a bad date, text that will not do) comes back as the page with
 * the reason and what was typed.
 */
export const editorPageRoutes = ({ database: { db }, assets, config }: Deps) => {
  /** Each language's forms, built once: the transition form reads times in the instance's zone. */
  const FORMS = { en: editorFormsIn('en', config.timeZone), cy: editorFormsIn('cy', config.timeZone) }
  const formsOf = (c: Context<AppEnv>) => FORMS[c.get('lang')]
  const { page, message, formLimit: limitForm } = personalPages(assets)
  const back = (c: Context<AppEnv>) => (
    <a href={pageOfPath(c.req.path)}>{translator(c.get('lang'))('editor.backToPage')}</a>
  )
  const formLimit = limitForm(back)
  const limit = (maxSize: number) =>
    bodyLimit({
      maxSize,
      onError: (c: Context<AppEnv>) => {
        const t = translator(c.get('lang'))
        return message(
          c,
          t('form.tooMuch'),
          <p>
            {t('form.tooLarge')} {back(c)}.
          </p>,
          413,
        )
      },
    })

  /**
   * A form sending a whole Markdown text, as a file (multipart) or pasted: what was pasted, and the
   * file's text when one was chosen, decoded as an import's is (UTF-8, within the source limits).
   */
  const readSourceForm = async (c: Context<AppEnv>) => {
    const type = c.req.header('content-type') ?? ''
    if (!/^(multipart\/form-data|application\/x-www-form-urlencoded)/i.test(type))
      throw new DomainError('unsupported-media-type', 'Send the form as a form.')
    const body = await parseForm(c)
    const file = body.file
    return {
      body,
      pasted: typeof body.markdown === 'string' ? body.markdown : '',
      uploaded: async () =>
        file instanceof File && file.size > 0
          ? decodeSource(new Uint8Array(await file.arrayBuffer()))
          : undefined,
    }
  }

  /** Who may edit is decided before an upload's limit, so no one else's upload is read at all. */
  const mayEdit: MiddlewareHandler<AppEnv> = async (c, next) => {
    await editableGuide(db, c.get('viewer'), c.req.param('slug') ?? '')
    await next()
  }

  const managePage = async (
    c: Context<AppEnv>,
    slug: string,
    extra: {
      failed?: FailedTransition
      failedTranslation?: FailedTranslation
      status?: ContentfulStatusCode
    } = {},
  ) => {
    const { guide, editions, draft } = await editionsToManage(db, c.get('viewer'), slug)
    const refused = extra.failed ?? extra.failedTranslation
    const language = c.get('lang')
    return page(
      c,
      <ManagePage
        assets={assets}
        guide={guide}
        editions={editions}
        draft={draft}
        notice={refused ? undefined : transitionNotice(language, c)}
        failed={extra.failed}
        failedTranslation={extra.failedTranslation}
        language={language}
      />,
      extra.status ?? 200,
    )
  }

  const revisePage = async (
    c: Context<AppEnv>,
    slug: string,
    extra: { failed?: FailedDraftForm; status?: ContentfulStatusCode } = {},
  ) => {
    const draft = await openWorkingDraft(db, c.get('viewer'), slug)
    const feedback = await feedbackOnDraft(db, c.get('viewer'), slug, draft)
    return page(
      c,
      <RevisePage
        assets={assets}
        guide={draft.guide}
        base={draft.base}
        blocks={draft.blocks}
        feedback={feedback}
        updatedAt={draft.updatedAt}
        outdated={draft.outdated}
        deleted={draft.deleted}
        notice={extra.failed ? undefined : draftNotice(c.get('lang'), c)}
        failed={extra.failed}
        language={c.get('lang')}
      />,
      extra.status ?? 200,
    )
  }

  const previewPage = async (
    c: Context<AppEnv>,
    slug: string,
    extra: { failed?: PreviewPageProps['failed']; status?: ContentfulStatusCode } = {},
  ) => {
    const { draft, preview } = await previewWorkingDraft(db, c.get('viewer'), slug)
    return page(
      c,
      <PreviewPage
        assets={assets}
        guide={draft.guide}
        base={draft.base}
        version={draftVersion(draft.updatedAt)}
        overrides={draft.overrides}
        preview={preview}
        notice={extra.failed ? undefined : draftNotice(c.get('lang'), c)}
        failed={extra.failed}
        language={c.get('lang')}
      />,
      extra.status ?? 200,
    )
  }

  const app = new Hono<AppEnv>()

  app.get('/g/:slug/manage', (c) => managePage(c, c.req.param('slug')))
  app.post('/g/:slug/manage/:n/transition', formLimit, async (c) => {
    const slug = c.req.param('slug')
    const number = editionNumber(c.req.param('n'))
    const form = await readForm(c)
    return submitForm(
      async () => {
        const { to, opensAt, closesAt } = checkForm(c.get('lang'), formsOf(c).TransitionForm, {
          to: form.to,
          opensAt: given(form.opensAt),
          closesAt: given(form.closesAt),
        })
        if (form.confirmed !== 'yes') {
          const question = await transitionQuestion(db, c.get('viewer'), slug, number, to)
          if (question) return { ask: true as const, question }
        }
        await transition(db, c.get('viewer'), slug, number, { to, opensAt, closesAt })
        return { ask: false as const, to }
      },
      {
        done: (result) =>
          result.ask
            ? page(
                c,
                <ConfirmTransitionPage
                  assets={assets}
                  question={result.question}
                  window={{ opensAt: form.opensAt ?? '', closesAt: form.closesAt ?? '' }}
                  language={c.get('lang')}
                />,
              )
            : c.redirect(
                `${editorPaths(slug).manage}?done=${result.to}&n=${String(number)}#edition-${String(number)}`,
                303,
              ),
        refused: (failure) =>
          managePage(c, slug, {
            failed: { number, values: form, problems: problemsIn(c.get('lang'), failure) },
            status: failure.status,
          }),
      },
      [409, 422],
    )
  })

  app.post('/g/:slug/manage/:n/translation', mayEdit, limit(SOURCE_FORM_BYTES), async (c) => {
    const slug = c.req.param('slug')
    const number = editionNumber(c.req.param('n'))
    const { body, pasted, uploaded } = await readSourceForm(c)
    const lang = typeof body.lang === 'string' ? body.lang : ''
    // A pasted text ends its last line as a file does, so the source kept is the same either way.
    const markdown = fromTextarea(pasted).replace(/(?<=[^\n])$/, '\n')
    const language = c.get('lang')
    return submitForm(
      async () => {
        const input = checkForm(language, formsOf(c).TranslationForm, {
          lang,
          markdown: (await uploaded()) ?? markdown,
        })
        // Split off the request thread, as an import's source is, by the same service the API calls.
        return addTranslation(db, c.get('viewer'), slug, number, input)
      },
      {
        done: (added) => {
          const n = String(number)
          return c.redirect(
            `${editorPaths(slug).manage}?done=translated&n=${n}&lang=${encodeURIComponent(added.lang)}#edition-${n}`,
            303,
          )
        },
        refused: (failure) =>
          managePage(c, slug, {
            failedTranslation: {
              number,
              lang,
              markdown,
              problems: translationProblemsIn(language, number, failure),
            },
            status: failure.status,
          }),
      },
      [413, 422],
    )
  })

  app.get('/g/:slug/revise', (c) => revisePage(c, c.req.param('slug')))
  app.get('/g/:slug/revise/source.md', async (c) => {
    const slug = c.req.param('slug')
    const source = await draftSource(db, c.get('viewer'), slug)
    return c.body(source, 200, {
      'content-type': 'text/markdown; charset=utf-8',
      'content-disposition': `attachment; filename="${slug}-draft.md"`,
      'cache-control': 'no-store',
    })
  })
  app.post('/g/:slug/revise/text', mayEdit, limit(SOURCE_FORM_BYTES), async (c) => {
    const slug = c.req.param('slug')
    const { pasted, uploaded } = await readSourceForm(c)
    return submitForm(
      async () => {
        const source = (await uploaded()) ?? `${fromTextarea(pasted)}\n`
        return replaceDraftText(db, c.get('viewer'), slug, source)
      },
      {
        done: (changed) => c.redirect(doneUrl(editorPaths(slug).revise, 'text', changed, 'b-'), 303),
        refused: (failure) =>
          revisePage(c, slug, {
            failed: { form: 'text', problems: problemsIn(c.get('lang'), failure), markdown: pasted },
            status: failure.status,
          }),
      },
      [409, 413, 422],
    )
  })
  // The block's forms post here and the question before deleting answers here: a reload or the back
  // button asks for it again by GET, and finds the block on the draft (which decides who may see it).
  app.get('/g/:slug/revise/blocks/:ordinal', (c) => {
    const ordinal = whole(c.req.param('ordinal'))
    if (Number.isNaN(ordinal)) throw notFound('That block')
    return c.redirect(`${editorPaths(c.req.param('slug')).revise}#b-${String(ordinal)}`, 303)
  })
  app.post('/g/:slug/revise/blocks/:ordinal', mayEdit, limit(BLOCK_FORM_BYTES), async (c) => {
    const slug = c.req.param('slug')
    const ordinal = whole(c.req.param('ordinal'))
    if (Number.isNaN(ordinal)) throw notFound('That block')
    const form = await readForm(c)
    const op = BLOCK_OPS.includes(form.op ?? '') ? (form.op as BlockOp) : 'edit'
    const typed = op === 'edit' || op === 'insert'
    return submitForm(
      async () => {
        const input = checkForm(c.get('lang'), formsOf(c).BlockForm, {
          op: form.op,
          ordinal,
          hash: form.hash ?? '',
          ...(form.number ? { number: form.number } : {}),
          ...(typed ? { markdown: fromTextarea(form.markdown ?? '') } : {}),
        })
        if (input.op === 'delete' && form.confirmed !== 'yes')
          return {
            confirm: true as const,
            ...(await draftBlock(db, c.get('viewer'), slug, input.ordinal, input.hash, input.number)),
          }
        return { confirm: false as const, changed: await changeBlock(db, c.get('viewer'), slug, input) }
      },
      {
        done: (result) =>
          result.confirm
            ? page(
                c,
                <ConfirmDeletePage
                  assets={assets}
                  slug={slug}
                  lang={result.guide.lang}
                  block={result.block}
                  language={c.get('lang')}
                />,
              )
            : c.redirect(doneUrl(editorPaths(slug).revise, op, result.changed, 'b-'), 303),
        refused: (failure) =>
          revisePage(c, slug, {
            failed: {
              form: { op, ordinal },
              problems: problemsIn(c.get('lang'), failure),
              markdown: typed ? form.markdown : undefined,
            },
            status: failure.status,
          }),
      },
      [409, 413, 422],
    )
  })
  app.post('/g/:slug/revise/undo', formLimit, async (c) => {
    const slug = c.req.param('slug')
    return submitForm(
      () => undoDeletion(db, c.get('viewer'), slug),
      {
        done: (changed) => c.redirect(doneUrl(editorPaths(slug).revise, 'undelete', changed, 'b-'), 303),
        refused: (failure) =>
          revisePage(c, slug, {
            failed: { form: 'undo', problems: problemsIn(c.get('lang'), failure) },
            status: failure.status,
          }),
      },
      [409],
    )
  })
  app.post('/g/:slug/revise/discard', formLimit, async (c) => {
    const slug = c.req.param('slug')
    await discardWorkingDraft(db, c.get('viewer'), slug)
    return c.redirect(`${editorPaths(slug).manage}?done=discarded`, 303)
  })

  app.get('/g/:slug/revise/preview', (c) => previewPage(c, c.req.param('slug')))
  app.post('/g/:slug/revise/links', formLimit, async (c) => {
    const slug = c.req.param('slug')
    const form = await readForm(c)
    const ordinal = whole(form.ordinal)
    return submitForm(
      () =>
        correctLink(
          db,
          c.get('viewer'),
          slug,
          checkForm(c.get('lang'), formsOf(c).CorrectionForm, {
            ordinal,
            hash: form.hash ?? '',
            from: form.from ?? '',
          }),
        ),
      {
        done: (changed) => c.redirect(doneUrl(editorPaths(slug).preview, 'corrected', changed, 'n-'), 303),
        refused: (failure) => {
          const link =
            failure.status === 422 && !Number.isNaN(ordinal) ? { ordinal, from: form.from ?? '' } : undefined
          return previewPage(c, slug, {
            failed: { problems: problemsIn(c.get('lang'), failure), link },
            status: failure.status,
          })
        },
      },
      [409, 422],
    )
  })
  app.post('/g/:slug/revise/links/:ordinal/undo', formLimit, async (c) => {
    const slug = c.req.param('slug')
    const ordinal = whole(c.req.param('ordinal'))
    if (Number.isNaN(ordinal)) throw notFound('That block')
    const changed = await undoCorrection(db, c.get('viewer'), slug, ordinal)
    return c.redirect(doneUrl(editorPaths(slug).preview, 'undone', changed, 'n-'), 303)
  })
  app.post('/g/:slug/revise/create', formLimit, async (c) => {
    const slug = c.req.param('slug')
    const form = await readForm(c)
    return submitForm(
      () =>
        createFromWorkingDraft(
          db,
          c.get('viewer'),
          slug,
          checkForm(c.get('lang'), formsOf(c).CreateForm, {
            base: whole(form.base),
            version: form.version ?? '',
          }),
        ),
      {
        done: (created) => {
          const n = String(created.number)
          return c.redirect(`${editorPaths(slug).manage}?done=created&n=${n}#edition-${n}`, 303)
        },
        refused: (failure) =>
          previewPage(c, slug, {
            failed: { problems: problemsIn(c.get('lang'), failure) },
            status: failure.status,
          }),
      },
      [409, 422],
    )
  })

  // Signed out: sign in first, then come back to the page (a form's page, for a form).
  app.onError(sendToSignIn(pageOfPath))
  return app
}
